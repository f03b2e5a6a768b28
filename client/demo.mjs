// The demo story over a freshly deployed suite (scripts/deploy --demo):
// a hospital and a physician are verified, the patient consents, the
// hospital adds a lab record, the physician is granted access, a stranger is
// denied, and the patient's audit history is printed with its chain head.
// Each step prints the events it caused, decoded with each contract's ABI.
//
//   node client/demo.mjs deployments/<network>.json

import { Suite, describeEvent } from './suite.mjs';

const manifestPath = process.argv[2];
if (!manifestPath) {
  console.error('usage: node client/demo.mjs deployments/<network>.json');
  process.exit(2);
}

const DAY_MS = 86_400_000;
const suite = await Suite.connect(manifestPath);
const { Alice, Bob, Charlie, Dave, Eve, Ferdie } = suite.accounts;

async function act(words, contract, label, signer, ...args) {
  console.log(`\n--> ${words}`);
  const { value, events } = await suite.tx(contract, label, signer, ...args);
  events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  return value;
}

function application(kind) {
  return {
    kind,
    credentialHash: `0x${'c1'.repeat(32)}`,
    licenceHash: `0x${'11'.repeat(32)}`,
    jurisdiction: 'GB-ENG',
    profileRef: 'ipfs://bafkreiprofile',
    validUntil: Date.now() + 365 * DAY_MS,
  };
}

function terms(action, purpose = 'Treatment') {
  return {
    categories: ['LabResults'],
    purposes: [purpose],
    actions: [action],
    validFrom: 0,
    validUntil: Date.now() + 180 * DAY_MS,
    policyRef: 'ipfs://bafkreiconsentform',
  };
}

try {
  console.log('==> demo: the record access path on the deployed suite');
  await act('Alice (admin) appoints herself accreditation authority for hospitals, physicians and researchers',
    'provider_verification', 'appoint_verifier', Alice, Alice.address, ['Hospital', 'Physician', 'Researcher']);
  await act('Charlie applies to be registered as a hospital',
    'provider_verification', 'apply', Charlie, application('Hospital'));
  await act('Alice attests Charlie: the hospital becomes verified',
    'provider_verification', 'attest', Alice, Charlie.address);
  await act('Dave applies to be registered as a physician',
    'provider_verification', 'apply', Dave, application('Physician'));
  await act('Alice attests Dave: the physician becomes verified',
    'provider_verification', 'attest', Alice, Dave.address);
  await act('Bob (patient) lets the hospital write lab results for treatment',
    'consent', 'grant', Bob, Bob.address, Charlie.address, terms('Write'));
  await act('Bob lets the physician read lab results for treatment',
    'consent', 'grant', Bob, Bob.address, Dave.address, terms('Read'));
  const added = await act('The hospital adds Bob\'s lab result (a hash and a pointer; the content stays off chain)',
    'record_access', 'add_record', Charlie, {
      patient: Bob.address,
      category: 'LabResults',
      purpose: 'Treatment',
      contentHash: `0x${'ab'.repeat(32)}`,
      pointer: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
      fieldsRoot: `0x${'77'.repeat(32)}`,
      fieldCount: 3,
      supersedes: null,
    });
  const recordId = added.ok;
  await act('The hospital seals the record\'s data key to the physician',
    'record_access', 'set_envelope', Charlie, recordId, Dave.address, `0x${'e7'.repeat(80)}`);

  const granted = await act('Dave asks to read the record for treatment',
    'record_access', 'request_access', Dave, recordId, 'Treatment');
  const grant = granted.ok.granted;
  console.log(`    outcome: GRANTED, pointer ${Buffer.from(grant.pointer.slice(2), 'hex')}, `
    + `envelope of ${(grant.envelope.length - 2) / 2} bytes`);
  const denied = await act('Eve, who is not a verified provider, asks to read it',
    'record_access', 'request_access', Eve, recordId, 'Treatment');
  console.log(`    outcome: DENIED (${denied.ok.denied}), and the denial is audited`);

  console.log('\n==> research rewards in the PSP22 reward token');
  await act('Ferdie applies to be registered as a research institution',
    'provider_verification', 'apply', Ferdie, application('Researcher'));
  await act('Alice attests Ferdie', 'provider_verification', 'attest', Alice, Ferdie.address);
  await act('Bob lets Ferdie read lab results for research',
    'consent', 'grant', Bob, Bob.address, Ferdie.address, terms('Read', 'Research'));
  await act('Alice (minter) mints 1,000 HRW to Ferdie, the sponsor',
    'reward_token', 'mint_to', Alice, Ferdie.address, 1000);
  const pool = suite.manifest.contracts.reward_pool.address;
  await act('Ferdie approves the reward pool for 100 HRW', 'reward_token', 'PSP22::approve', Ferdie, pool, 100);
  await act('Ferdie deposits 100 HRW, paying 25 HRW per consented research read',
    'reward_pool', 'deposit', Ferdie, 100, 25);
  const research = await act('Ferdie reads Bob\'s lab record for research',
    'record_access', 'request_access', Ferdie, recordId, 'Research');
  console.log(`    outcome: GRANTED, reward ${JSON.stringify(research.ok.granted.reward)}`);
  await act('Bob withdraws the 25 HRW he earned', 'reward_pool', 'withdraw_earned', Bob, 25);
  const bobBalance = await suite.query('reward_token', 'PSP22::balance_of', Bob, Bob.address);
  const solvency = await suite.query('reward_pool', 'solvency', Bob);
  console.log(`    Bob holds ${bobBalance.value} HRW; the pool owes ${solvency.value.ok[0]} and holds ${solvency.value.ok[1]}`);

  console.log('\n==> Bob\'s audit history');
  const history = await suite.query('audit_trail', 'history', Bob, Bob.address, 0, 50);
  for (const entry of history.human.Ok.items) {
    console.log(`    #${entry.seq} ${JSON.stringify(entry.record.action)} by ${suite.nameOf(entry.record.actor)}`
      + ` via ${suite.nameOf(entry.writer)}`);
  }
  const head = await suite.query('audit_trail', 'head', Bob);
  const verified = await suite.query('audit_trail', 'verify_range', Bob, 1, head.value.seq);
  console.log(`    chain head: seq ${head.value.seq}, hash ${head.value.hash}`);
  console.log(`    verify_range(1, ${head.value.seq}) on chain: ${JSON.stringify(verified.human.Ok)}`);

  // The cost of a granted access on this node, as a wallet's dry run sees it.
  const cost = await suite.query('record_access', 'request_access', Dave, recordId, 'Treatment');
  console.log('\n==> cost of a granted request_access on this node (dry run)');
  console.log(`    gas consumed: ref_time ${cost.gasConsumed.refTime}, proof_size ${cost.gasConsumed.proofSize}`);
  console.log(`    gas required: ref_time ${cost.gasRequired.refTime.toString()}, `
    + `proof_size ${cost.gasRequired.proofSize.toString()}`);
  console.log(`    storage deposit: ${JSON.stringify(cost.storageDeposit)}`);
  const transfer = await suite.query('reward_token', 'PSP22::transfer', Ferdie, Bob.address, 1, '0x');
  console.log('==> cost of a PSP22::transfer of the reward token to an existing holder on this node (dry run)');
  console.log(`    gas consumed: ref_time ${transfer.gasConsumed.refTime}, proof_size ${transfer.gasConsumed.proofSize}`);
} catch (error) {
  console.error(`error: ${error.message}`);
  process.exitCode = 1;
} finally {
  await suite.disconnect();
}
