// The demo story over a freshly deployed suite (scripts/deploy --demo),
// whose every admin role governance holds: the story's admin steps (an
// accreditation authority, the tokens it uses, the oracle, the plan's
// approval and assessors) pass as two proposals, each shown from creation
// through vote, queue and timelock to execution. Then
// a hospital and a physician are verified, the patient consents, everyone
// publishes a health key, the hospital writes an encrypted FHIR Observation
// to the storage node (IPFS, by CID) and indexes it with its salted fields,
// the physician is granted access (audited), obtains the key from the
// keeper and decrypts it; a stranger with the ciphertext and every envelope
// cannot, a dry-run grant and replays get nothing from the keeper, the
// patient reads their own, a stranger is denied, an insurer checks one
// disclosed field, a researcher pays a reward, and the patient's audit history is
// printed with its chain head, re-verified on chain and re-computed here.
// Each step prints the events it caused, decoded with each contract's ABI,
// and every outcome it prints is asserted: the demo exits non-zero if any
// differs (the test command runs it).
//
//   node client/demo.mjs deployments/<network>.json

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hexToU8a, stringToU8a, u8aToHex } from '@polkadot/util';
import { decodeAddress, randomAsU8a } from '@polkadot/util-crypto';
import {
  developmentHealthKey, fetchContainer, fieldBytes, fingerprint, leafHash, merkleProof, openRecordKey,
} from '../dataplane/dist/index.js';
import {
  askKeeper, deploymentOf, directoryKey, publishHealthKey, readAsGrantee, readAsPatient, renderResource, writeRecord,
} from './records.mjs';
import { Expectations, Suite, auditSeqOf, blake2, describeEvent, recomputeAuditChain } from './suite.mjs';
import { keeperKeys, startKeeper } from './keeper.mjs';
import { ADMINISTERED, CONTRACTS } from './recipe.mjs';
import { scoreClaim } from './oracle.mjs';

const manifestPath = process.argv[2];
if (!manifestPath) {
  console.error('usage: node client/demo.mjs deployments/<network>.json');
  process.exit(2);
}

const DAY_MS = 86_400_000;
const suite = await Suite.connect(manifestPath);
const expectations = new Expectations();
const expect = (condition, what) => expectations.that(condition, what);

// Selective disclosure (record_access::merkle): leaf = blake2(0x00 ‖ salt ‖
// field) with 32 random bytes of salt per field, node = blake2(0x01 ‖ l ‖ r),
// leaves padded with the zero hash to a power of two. The salts stay with
// the record off chain; a field is disclosed with its salt and proof only.
const leafOf = (salt, field) => blake2(new Uint8Array([0]), salt, stringToU8a(field));
const nodeOf = (left, right) => blake2(new Uint8Array([1]), left, right);
const LAB_FIELDS = ['code=LOINC:4548-4', 'value=6.9 %', 'date=2026-11-01'];
const salts = LAB_FIELDS.map(() => randomAsU8a(32));
const leaves = LAB_FIELDS.map((field, i) => leafOf(salts[i], field));
const zero = new Uint8Array(32);
const fieldsRoot = nodeOf(nodeOf(leaves[0], leaves[1]), nodeOf(leaves[2], zero));
const { Alice, Bob, Charlie, Dave, Eve, Ferdie } = suite.accounts;

async function act(words, contract, label, signer, ...args) {
  console.log(`\n--> ${words}`);
  const { value, events } = await suite.tx(contract, label, signer, ...args);
  events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  return value;
}

// Takes `calls` through governance from creation to execution (Alice, the
// deployer, holds the locked voting power), printing every step, and
// asserts that it ended Executed.
async function byProposal(words, calls) {
  console.log(`\n--> ${words}: a proposal of ${calls.length} calls, through the DAO`);
  const { id, events } = await suite.passProposal(calls, words, Alice, [Alice],
    (step, details) => console.log(`    proposal ${step}: ${JSON.stringify(details)}`));
  events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  const state = await suite.query('governance', 'state', Alice, id);
  expect(state.value?.ok === 'Executed', `proposal ${id} is ${state.value?.ok}`);
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

// A lab record of `patient` committing to the salted LAB_FIELDS (a hash and a
// pointer; the content stays off chain).
function labRecord(patient) {
  return {
    patient,
    category: 'LabResults',
    purpose: 'Treatment',
    contentHash: `0x${'ab'.repeat(32)}`,
    pointer: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
    fieldsRoot: u8aToHex(fieldsRoot),
    fieldCount: LAB_FIELDS.length,
    supersedes: null,
  };
}

// The record the hospital writes: a FHIR R4 Observation (HbA1c).
const HBA1C = {
  resourceType: 'Observation',
  status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' }] },
  subject: { display: 'Bob' },
  effectiveDateTime: '2026-11-30T09:15:00Z',
  valueQuantity: { value: 6.1, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
};

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
  console.log('==> governance holds every admin role: the story\'s admin steps are voted');
  const governance = suite.manifest.contracts.governance.address;
  expect(Object.keys(suite.manifest.contracts).join() === CONTRACTS.join(),
    `the deployment holds the recipe's ${CONTRACTS.length} contracts, in its order`);
  const admins = await Promise.all(ADMINISTERED.map((name) => suite.query(name, 'AdminControl::admin', Alice)));
  expect(admins.every(({ value }) => value === governance), `governance is the admin of every contract with one (${ADMINISTERED.length})`);
  await byProposal('The DAO appoints Alice accreditation authority, makes itself a minter and mints the '
    + 'story\'s tokens (1,000 HRW to Ferdie, 20,000 to Alice, 1,000 to Bob), and appoints Dave the risk oracle', [
    suite.proposedCall('provider_verification', 'appoint_verifier', Alice.address,
      ['Hospital', 'Physician', 'Researcher', 'Insurer', 'EmergencyService']),
    suite.proposedCall('reward_token', 'grant_minter', governance),
    suite.proposedCall('reward_token', 'mint_to', Ferdie.address, 1000),
    suite.proposedCall('reward_token', 'mint_to', Alice.address, 20_000),
    suite.proposedCall('reward_token', 'mint_to', Bob.address, 1000),
    suite.proposedCall('insurance', 'set_settings', Dave.address, 10_000),
  ]);
  const verifierKinds = await suite.query('provider_verification', 'verifier_kinds', Alice, Alice.address);
  expect(verifierKinds.value?.length === 5, `Alice attests ${JSON.stringify(verifierKinds.human)}`);

  console.log('\n==> demo: the record access path on the deployed suite');
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

  console.log('\n==> the data plane: health keys, an encrypted record in IPFS, a key released after an audited grant');
  const healthKeys = {};
  for (const name of ['Bob', 'Dave', 'Eve']) {
    // Development accounts on a development chain get deterministic keys (X-Wing).
    healthKeys[name] = await developmentHealthKey(name);
    const version = await publishHealthKey(suite, suite.accounts[name], healthKeys[name]);
    console.log(`    ${name} published health key ${fingerprint(healthKeys[name])} (suite ${healthKeys[name].suite}) as version ${version}`);
  }
  const keeperAccount = suite.manifest.services.keeper_account;
  const keeperKey = await directoryKey(suite, keeperAccount);
  expect(keeperKey?.suite === 2, `the keeper ${keeperAccount} published its X-Wing key (version ${keeperKey?.version})`);
  console.log('\n--> The hospital writes Bob\'s HbA1c Observation: sealed, uploaded to the storage node, indexed');
  const written = await writeRecord(suite, Charlie, { patient: Bob.address, category: 'LabResults',
    purpose: 'Treatment', resource: HBA1C });
  written.events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  const recordId = written.recordId;
  const indexed = (await suite.query('record_access', 'record', Bob, recordId)).value;
  const plaintextHash = u8aToHex(blake2(stringToU8a(JSON.stringify(HBA1C))));
  expect(indexed.contentHash === u8aToHex(written.contentHash) && indexed.contentHash !== plaintextHash,
    `record ${recordId}: content hash ${indexed.contentHash.slice(0, 18)}… is blake2-256 of the ${written.container.length}-byte ciphertext, not of the plaintext`);
  expect(u8aToHex(written.cid.multihash.digest) === indexed.contentHash,
    `pointer ${written.pointer}: a raw CIDv1 whose blake2b-256 digest is the content hash`);
  const envelopes = { Bob: (await suite.query('record_access', 'envelope', Bob, recordId, Bob.address)).value,
    keeper: (await suite.query('record_access', 'envelope', Bob, recordId, keeperAccount)).value,
    Dave: (await suite.query('record_access', 'envelope', Bob, recordId, Dave.address)).value };
  expect(envelopes.Bob?.length === 2 + 2 * 1173 && envelopes.keeper?.length === 2 + 2 * 1173 && envelopes.Dave === null,
    'the data key is sealed on chain to Bob and to his keeper only (X-Wing envelopes, 1,173 bytes); none to Dave');
  const toDave = await suite.query('record_access', 'set_envelope', Charlie, recordId, Dave.address, envelopes.Bob);
  expect(toDave.reverted && toDave.value?.err === 'StrictModeEnvelope',
    `the deployment runs strict: an envelope for Dave on chain is refused (${JSON.stringify(toDave.value)})`);

  console.log('\n--> Dave asks to read it for treatment (committed, audited), then asks the keeper for the key');
  const read = await readAsGrantee(suite, Dave, healthKeys.Dave, recordId, 'Treatment');
  expect(JSON.stringify(read.content.resource) === JSON.stringify(HBA1C),
    `Dave decrypted exactly what the hospital wrote: ${renderResource(read.content.resource)}`);
  const releaseEntry = (await suite.query('audit_trail', 'entry', Bob, read.release.releaseSeq)).value;
  expect('keyReleased' in (releaseEntry?.record.action ?? {}) && releaseEntry.record.actor === keeperAccount
    && releaseEntry.record.counterpart === Dave.address,
  `the grant is audit entry ${read.grantSeq}; the keeper's release to Dave is audit entry ${read.release.releaseSeq}`);

  console.log('\n--> A stranger (Eve) holding the CID, the ciphertext and every envelope on chain');
  const ciphertext = await fetchContainer(suite.manifest.services.storage, written.cid, written.contentHash);
  let opened = 0;
  for (const envelope of [envelopes.Bob, envelopes.keeper]) {
    for (const recipient of [Bob.address, keeperAccount, Eve.address]) {
      opened += await openRecordKey(hexToU8a(envelope), healthKeys.Eve, { ...deploymentOf(suite), recordId,
        contentHash: written.contentHash, recipient: decodeAddress(recipient) }).then(() => 1, () => 0);
    }
  }
  expect(opened === 0 && ciphertext.length === written.container.length,
    `Eve fetched the ${ciphertext.length}-byte ciphertext, but her key opens none of the envelopes: she cannot decrypt`);
  const dryRun = await suite.query('record_access', 'request_access', Dave, recordId, 'Treatment');
  const dryRunSeq = dryRun.value?.ok?.granted?.auditSeq;
  const fromDryRun = await askKeeper(suite, Dave, recordId, dryRunSeq).then(() => 'released', (error) => error.message);
  expect(/no audit entry/.test(fromDryRun), `a dry-run grant (audit seq ${dryRunSeq}, never committed) gets nothing from the keeper: ${fromDryRun}`);
  const replay = await askKeeper(suite, Eve, recordId, read.grantSeq).then(() => 'released', (error) => error.message);
  expect(/another account/.test(replay), `Eve naming Dave's grant gets nothing: ${replay}`);
  const forged = await askKeeper(suite, Eve, recordId, read.grantSeq, Dave.address).then(() => 'released', (e) => e.message);
  expect(/not signed by the grantee/.test(forged), `Eve signing as Dave gets nothing: ${forged}`);
  const twice = await askKeeper(suite, Dave, recordId, read.grantSeq).then(() => 'released', (error) => error.message);
  expect(/already answered/.test(twice), `the same grant is released once: ${twice}`);

  console.log('\n--> A fresh grant is not enough: the keeper asks the chain again before each release');
  const refusedRelease = async (why) => {
    const { events } = await suite.tx('record_access', 'request_access', Dave, recordId, 'Treatment');
    const seq = auditSeqOf(events);
    await why();
    return { seq, answer: await askKeeper(suite, Dave, recordId, seq).then(() => 'released', (error) => error.message) };
  };
  const whileWithheld = await refusedRelease(() => suite.tx('record_access', 'withhold', Bob, recordId, Dave.address));
  expect(/would not be granted now: "Withheld"/.test(whileWithheld.answer),
    `Dave's grant ${whileWithheld.seq} is fresh, but Bob withheld the record from him since: ${whileWithheld.answer}`);
  await suite.tx('record_access', 'release', Bob, recordId, Dave.address);
  const afterRevoke = await refusedRelease(() => suite.tx('consent', 'revoke', Bob, Bob.address, Dave.address));
  expect(/would not be granted now: "NoConsent"/.test(afterRevoke.answer),
    `Dave's grant ${afterRevoke.seq} is fresh, but Bob revoked his consent since: ${afterRevoke.answer}`);
  await suite.tx('consent', 'grant', Bob, Bob.address, Dave.address, terms('Read'));
  // A second keeper, its own account funded, that takes grants at most 1 ms old: by the time it reads the
  // chain (a block later), every grant is stale.
  const strictDir = mkdtempSync(join(tmpdir(), 'health-suite-keeper-'));
  const { signer: strictSigner } = await keeperKeys(strictDir);
  await suite.transfer(Alice, strictSigner.address, 10n ** 15n);
  const strictKeeper = await startKeeper({ manifestPath, dataDir: strictDir, freshMs: 1 });
  try {
    const { events } = await suite.tx('record_access', 'request_access', Dave, recordId, 'Treatment');
    await suite.sealBlockAfter(Date.now());
    const viaStrict = { api: suite.api, manifest: { ...suite.manifest,
      services: { ...suite.manifest.services, keeper: strictKeeper.url } } };
    const stale = await askKeeper(viaStrict, Dave, recordId, auditSeqOf(events)).then(() => 'released', (e) => e.message);
    expect(/the grant is stale/.test(stale), `a keeper that takes grants at most 1 ms old refuses Dave's: ${stale}`);
  } finally {
    await strictKeeper.stop();
    rmSync(strictDir, { recursive: true, force: true });
  }

  console.log('\n--> Break glass: a verified emergency service reads Bob\'s record with no envelope prepared, through the keeper');
  const Paramedic = suite.keyring.addFromUri('//Paramedic');
  suite.names.set(Paramedic.address, 'Paramedic');
  await suite.transfer(Alice, Paramedic.address, 10n ** 15n);
  await suite.tx('provider_verification', 'apply', Paramedic, application('EmergencyService'));
  await suite.tx('provider_verification', 'attest', Alice, Paramedic.address);
  const beforeOptIn = await suite.query('record_access', 'request_access', Paramedic, recordId, 'Emergency');
  expect(beforeOptIn.value?.ok?.denied === 'EmergencyAccessNotEnabled',
    `until Bob opts in to emergency access, it is denied (${beforeOptIn.value?.ok?.denied})`);
  await suite.tx('consent', 'set_emergency_access', Bob, Bob.address, true);
  const unkeyed = await suite.tx('record_access', 'request_access', Paramedic, recordId, 'Emergency');
  const noKey = await askKeeper(suite, Paramedic, recordId, auditSeqOf(unkeyed.events))
    .then(() => 'released', (error) => error.message);
  expect(/published no health key/.test(noKey), `granted, but with no health key published, the paramedic gets nothing: ${noKey}`);
  healthKeys.Paramedic = await developmentHealthKey('Paramedic');
  await publishHealthKey(suite, Paramedic, healthKeys.Paramedic);
  const broken = await readAsGrantee(suite, Paramedic, healthKeys.Paramedic, recordId, 'Emergency');
  const glassEntry = (await suite.query('audit_trail', 'entry', Bob, broken.grantSeq)).value;
  const glassRelease = (await suite.query('audit_trail', 'entry', Bob, broken.release.releaseSeq)).value;
  expect(JSON.stringify(broken.content.resource) === JSON.stringify(HBA1C)
    && 'emergencyAccessGranted' in (glassEntry?.record.action ?? {}) && 'keyReleased' in (glassRelease?.record.action ?? {}),
  `the paramedic decrypted it: emergency grant audit entry ${broken.grantSeq}, the keeper's release entry ${broken.release.releaseSeq}`);
  await suite.tx('consent', 'set_emergency_access', Bob, Bob.address, false);

  console.log('\n--> The storage node is down: the hospital\'s next write stops before anything is indexed');
  const liveStorage = suite.manifest.services.storage;
  const countBefore = (await suite.query('record_access', 'records_of', Bob, Bob.address, 'LabResults', 0, 1)).value.ok.total;
  suite.manifest.services.storage = 'http://127.0.0.1:9';
  const down = await writeRecord(suite, Charlie, { patient: Bob.address, category: 'LabResults', purpose: 'Treatment',
    resource: HBA1C }).then(() => 'written', (error) => error.message);
  suite.manifest.services.storage = liveStorage;
  const countAfter = (await suite.query('record_access', 'records_of', Bob, Bob.address, 'LabResults', 0, 1)).value.ok.total;
  expect(/cannot be reached/.test(down) && countAfter === countBefore,
    `nothing indexed (${countAfter} records, as before): ${down}`);

  const own = await readAsPatient(suite, Bob, healthKeys.Bob, recordId);
  expect(JSON.stringify(own.resource) === JSON.stringify(HBA1C),
    `Bob reads his own record with his own envelope: ${renderResource(own.resource)}`);

  const denied = await act('Eve, who is not a verified provider, asks to read it',
    'record_access', 'request_access', Eve, recordId, 'Treatment');
  expect(denied.ok?.denied === 'ProviderNotVerified', `DENIED (${denied.ok?.denied}), and the denial is audited`);

  console.log('\n--> Bob discloses one field (the HbA1c value) with its salt and proof to an insurer (Eve)');
  const valueIndex = read.content.fields.findIndex(({ path }) => path === 'valueQuantity.value');
  const valueField = read.content.fields[valueIndex];
  const valueLeaf = u8aToHex(leafHash(valueField.salt, fieldBytes(valueField)));
  const valueProof = merkleProof(written.leaves, valueIndex).map((hash) => u8aToHex(hash));
  const proven = await suite.query('record_access', 'verify_field', Eve, recordId, valueIndex, valueLeaf, valueProof);
  expect(proven.value?.ok === true,
    `verify_field(record ${recordId}, field ${valueIndex}, "valueQuantity.value=${valueField.value}") on chain = true`);
  const forgedLeaf = u8aToHex(leafHash(valueField.salt, fieldBytes({ ...valueField, value: '5.2' })));
  const forgedField = await suite.query('record_access', 'verify_field', Eve, recordId, valueIndex, forgedLeaf, valueProof);
  expect(forgedField.value?.ok === false, 'the same proof for "valueQuantity.value=5.2" = false');

  console.log('\n--> The records CLI (client/record.mjs) on the same chain, each run its own process');
  const cli = (...args) => spawnSync(process.execPath, [fileURLToPath(new URL('./record.mjs', import.meta.url)),
    '--manifest', manifestPath, ...args], { encoding: 'utf8' });
  const scratch = mkdtempSync(join(tmpdir(), 'health-suite-demo-'));
  const readByCli = cli('--dev', 'Dave', 'read', '--record', String(recordId), '--purpose', 'Treatment',
    '--out', join(scratch, 'hba1c.json'));
  const fromCli = readByCli.status === 0 ? JSON.parse(readFileSync(join(scratch, 'hba1c.json'), 'utf8')) : null;
  expect(JSON.stringify(fromCli) === JSON.stringify(HBA1C),
    `Dave's "read --record ${recordId} --out FILE" wrote what the hospital wrote${readByCli.status ? `: ${readByCli.stderr.trim()}` : ''}`);
  const ownByCli = cli('--dev', 'Bob', 'read', '--record', String(recordId), '--own');
  expect(ownByCli.status === 0 && ownByCli.stdout.trim() === renderResource(HBA1C),
    `Bob's "read --record ${recordId} --own" prints ${ownByCli.stdout.trim() || ownByCli.stderr.trim()}`);
  writeFileSync(join(scratch, 'not-r4.json'), JSON.stringify({ resourceType: 'Observation', code: { text: 'HbA1c' } }));
  const before = (await suite.query('record_access', 'records_of', Bob, Bob.address, 'LabResults', 0, 1)).value.ok.total;
  const invalid = cli('--dev', 'Charlie', 'write', '--patient', Bob.address, '--file', join(scratch, 'not-r4.json'));
  const after = (await suite.query('record_access', 'records_of', Bob, Bob.address, 'LabResults', 0, 1)).value.ok.total;
  expect(invalid.status !== 0 && /Missing required property \(Observation.status\)/.test(invalid.stderr) && after === before,
    `an Observation without a status is refused by the R4 validator and nothing is indexed: ${invalid.stderr.trim()}`);
  rmSync(scratch, { recursive: true, force: true });

  console.log('\n==> research rewards in the PSP22 reward token');
  await act('Ferdie applies to be registered as a research institution',
    'provider_verification', 'apply', Ferdie, application('Researcher'));
  await act('Alice attests Ferdie', 'provider_verification', 'attest', Alice, Ferdie.address);
  await act('Bob lets Ferdie read lab results for research',
    'consent', 'grant', Bob, Bob.address, Ferdie.address, terms('Read', 'Research'));
  const pool = suite.manifest.contracts.reward_pool.address;
  await act('Ferdie approves the reward pool for 100 HRW', 'reward_token', 'PSP22::approve', Ferdie, pool, 100);
  await act('Ferdie deposits 100 HRW, paying 25 HRW per consented research read',
    'reward_pool', 'deposit', Ferdie, 100, 25);
  console.log('\n--> Ferdie reads Bob\'s lab record for research');
  const researchRead = await suite.tx('record_access', 'request_access', Ferdie, recordId, 'Research');
  researchRead.events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  const research = researchRead.value;
  const reward = research.ok?.granted?.reward;
  const supersedes = await writeRecord(suite, Charlie, { patient: Bob.address, category: 'LabResults',
    purpose: 'Treatment', resource: { ...HBA1C, status: 'amended' }, supersedes: recordId });
  const oldVersion = await askKeeper(suite, Ferdie, recordId, auditSeqOf(researchRead.events))
    .then(() => 'released', (error) => error.message);
  expect(/superseded by record/.test(oldVersion),
    `record ${recordId} amended as record ${supersedes.recordId}: Ferdie's grant of the old version gets nothing: ${oldVersion}`);
  expect(JSON.stringify(reward) === '{"paid":25}', `GRANTED, reward ${JSON.stringify(reward)}`);
  await act('Bob withdraws the 25 HRW he earned', 'reward_pool', 'withdraw_earned', Bob, 25);
  const bobBalance = await suite.query('reward_token', 'PSP22::balance_of', Bob, Bob.address);
  const solvency = await suite.query('reward_pool', 'solvency', Bob);
  const [owes, holds] = solvency.value?.ok ?? [];
  expect(BigInt(bobBalance.value) === 1025n, `Bob holds ${bobBalance.value} HRW: the 1,000 the DAO minted him and the 25 he earned`);
  expect(BigInt(owes) === 75n && BigInt(holds) === 75n, `the pool owes ${owes} and holds ${holds}`);

  console.log('\n==> health insurance in the reward token');
  const insurance = suite.manifest.contracts.insurance.address;
  await act('Eve applies to be registered as an insurer', 'provider_verification', 'apply', Eve, application('Insurer'));
  await act('Alice attests Eve', 'provider_verification', 'attest', Alice, Eve.address);
  const COOLDOWN_MS = 2_000;
  const planId = await act('Eve publishes a lab-results plan: 100 HRW a month for 12 months, 5,000 HRW cover a year, '
    + 'deductible 50, co-pay 20 %, claims paid to the submitting provider',
  'insurance', 'publish_plan', Eve, {
    premium: 100,
    period: 30 * DAY_MS,
    periods: 12,
    coverageLimit: 5000,
    deductible: 50,
    copayBps: 2000,
    categories: { bits: 1 << 5 }, // LabResults
    waitingPeriod: 0,
    gracePeriod: 7 * DAY_MS,
    maxClaimsPerPeriod: 3,
    riskThreshold: 7000,
    votingPeriod: DAY_MS,
    cooldown: COOLDOWN_MS,
    payProvider: true,
  });
  expect(planId.ok === 0, `plan ${planId.ok} published, awaiting approval`);
  await byProposal('The DAO approves the plan (it draws on the shared risk pool), appoints Alice and Ferdie '
    + 'its assessors and sets its quorum to 2', [
    suite.proposedCall('insurance', 'approve_plan', 0),
    suite.proposedCall('insurance', 'set_assessor', 0, Alice.address, true),
    suite.proposedCall('insurance', 'set_assessor', 0, Ferdie.address, true),
    suite.proposedCall('insurance', 'set_quorum', 0, 2),
  ]);
  const plan = await suite.query('insurance', 'plan', Alice, 0);
  expect(plan.value?.status === 'Open', `plan 0 is ${plan.value?.status}`);
  await act('Alice approves insurance for it', 'reward_token', 'PSP22::approve', Alice, insurance, 20_000);
  // The first deposit locks 1,000 of its shares with the pool for good; Alice
  // accepts no fewer than the other 19,000.
  await act('Alice funds the risk pool', 'insurance', 'deposit_capital', Alice, 20_000, 19_000);
  await act('Bob lets Eve read his lab results for payment',
    'consent', 'grant', Bob, Bob.address, Eve.address, terms('Read', 'Payment'));
  await act('Bob widens the hospital\'s consent: it may also bill lab results for him (write, for payment)',
    'consent', 'update', Bob, Bob.address, Charlie.address,
    { ...terms('Write'), purposes: ['Treatment', 'Payment'] });
  await act('Bob approves insurance for three premiums', 'reward_token', 'PSP22::approve', Bob, insurance, 300);
  const policy = await act('Bob enrols (the first premium is taken)', 'insurance', 'enrol', Bob, 0);
  expect(policy.ok === 0, `policy ${policy.ok}`);
  await act('Bob pays the second month', 'insurance', 'pay_premium', Bob, 0);
  const claimRecord = (await act('The hospital adds Bob\'s next HbA1c result, under his cover (same salted fields)',
    'record_access', 'add_record', Charlie, labRecord(Bob.address))).ok;

  // The service fingerprint: blake2(provider ‖ date ‖ procedure code ‖ salt), never the codes in clear.
  const serviceSalt = randomAsU8a(32);
  const serviceFingerprint = u8aToHex(blake2(Charlie.publicKey, stringToU8a('2026-11-01'), stringToU8a('LOINC:4548-4'),
    serviceSalt));
  const proofOfCode = {
    index: 0,
    leaf: u8aToHex(leafOf(salts[0], LAB_FIELDS[0])),
    proof: [leaves[1], nodeOf(leaves[2], zero)].map((hash) => u8aToHex(hash)),
  };
  const claimed = await act('Charlie claims 1,050 HRW for Bob\'s HbA1c test, proving the record\'s test code '
    + `("${LAB_FIELDS[0]}") by its salted field proof`,
  'insurance', 'submit_claim', Charlie, 0, claimRecord, 1050, serviceFingerprint, proofOfCode);
  const firstClaim = claimed.ok;
  let claim = (await suite.query('insurance', 'claim', Bob, firstClaim)).value;
  expect(claim.status === 'AutoApproved' && claim.provenField === 0 && BigInt(claim.payout) === 800n,
    `claim ${firstClaim}: ${claim.status}, field ${claim.provenField} proven, payout (1,050 − 50) × 80 % = ${claim.payout}`);
  console.log('\n--> Dave, the oracle, scores it (client/oracle.mjs with client/risk-model.json)');
  const calm = await scoreClaim(suite, firstClaim, Dave, true);
  console.log(`    features ${JSON.stringify(calm.features)}`);
  calm.events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  claim = (await suite.query('insurance', 'claim', Bob, firstClaim)).value;
  expect(calm.score <= 7000 && claim.status === 'AutoApproved',
    `score ${calm.score} ≤ threshold 7,000 by model ${calm.model.slice(0, 18)}…: still ${claim.status}`);
  const early = await suite.query('insurance', 'payout', Bob, firstClaim);
  expect(early.reverted && 'cooldownRunning' in (early.value?.err ?? {}),
    `a payout during the cooldown is refused: ${JSON.stringify(early.value?.err)}`);
  await new Promise((resolve) => { setTimeout(resolve, COOLDOWN_MS + 500); });
  // The dev node seals a block only for a transaction, and calls run at the
  // last block's time: a transaction first, so the next block is past the cooldown.
  await suite.tx('reward_token', 'PSP22::approve', Ferdie, Ferdie.address, 0);
  const charlieBefore = BigInt((await suite.query('reward_token', 'PSP22::balance_of', Bob, Charlie.address)).value);
  await act('After the cooldown anyone triggers the payout', 'insurance', 'payout', Ferdie, firstClaim);
  const charlieAfter = BigInt((await suite.query('reward_token', 'PSP22::balance_of', Bob, Charlie.address)).value);
  expect(charlieAfter - charlieBefore === 800n, `Charlie (the plan pays providers) received ${charlieAfter - charlieBefore} HRW`);

  const laterRecord = (await act('The hospital adds a later HbA1c result of Bob\'s',
    'record_access', 'add_record', Charlie, labRecord(Bob.address))).ok;
  const claimCost = await suite.query('insurance', 'submit_claim', Charlie, 0, laterRecord, 1050,
    u8aToHex(randomAsU8a(32)), proofOfCode);
  expect(!claimCost.reverted, 'a claim on the later record with its field proof would be accepted (dry run)');
  console.log('\n==> cost of a claim submission with a field proof on this node (dry run)');
  console.log(`    gas consumed: ref_time ${claimCost.gasConsumed.refTime}, proof_size ${claimCost.gasConsumed.proofSize}`);
  console.log(`    storage deposit: ${JSON.stringify(claimCost.storageDeposit)}`);

  const again = await act('Bob claims the already paid service again on the later record, without a proof',
    'insurance', 'submit_claim', Bob, 0, laterRecord, 1050, serviceFingerprint, null);
  const suspicious = again.ok;
  claim = (await suite.query('insurance', 'claim', Bob, suspicious)).value;
  expect(claim.status === 'UnderReview', `claim ${suspicious}: ${claim.status} (reasons bitmask ${claim.reasons.bits}: duplicate fingerprint)`);
  console.log('\n--> Dave scores it');
  const risky = await scoreClaim(suite, suspicious, Dave, true);
  console.log(`    features ${JSON.stringify(risky.features)}`);
  expect(risky.score > 7000, `score ${risky.score} > threshold 7,000`);
  claim = (await suite.query('insurance', 'claim', Bob, suspicious)).value;
  expect(claim.reasons.bits === 0b1000001, `reasons now duplicate fingerprint and risk score (${claim.reasons.bits})`);
  await act('Alice (assessor) votes to reject', 'insurance', 'vote', Alice, suspicious, false);
  await act('Ferdie (assessor) votes to reject: every assessor voted, the review closes',
    'insurance', 'vote', Ferdie, suspicious, false);
  claim = (await suite.query('insurance', 'claim', Bob, suspicious)).value;
  expect(claim.status === 'Rejected', `claim ${suspicious}: ${claim.status}, nothing will be paid`);
  const books = (await suite.query('insurance', 'pool', Bob)).value;
  const held = BigInt((await suite.query('reward_token', 'PSP22::balance_of', Bob, insurance)).value);
  expect(BigInt(books.held) === held && BigInt(books.reserved) === 0n
    && held === 20_000n + 200n - 800n,
  `the pool holds ${held} = 20,000 capital + 200 premiums − 800 paid; reserved ${books.reserved}`);

  console.log('\n==> Bob\'s audit history');
  const history = await suite.query('audit_trail', 'history', Bob, Bob.address, 0, 50);
  for (const entry of history.human.Ok.items) {
    console.log(`    #${entry.seq} ${JSON.stringify(entry.record.action)} by ${suite.nameOf(entry.record.actor)}`
      + ` via ${suite.nameOf(entry.writer)}`);
  }
  const head = await suite.query('audit_trail', 'head', Bob);
  const verified = await suite.query('audit_trail', 'verify_range', Bob, 1, head.value.seq);
  console.log(`    chain head: seq ${head.value.seq}, hash ${head.value.hash}`);
  expect(verified.value?.ok?.intact?.lastHash === head.value.hash,
    `verify_range(1, ${head.value.seq}) on chain: ${JSON.stringify(verified.human.Ok)}`);
  const recomputed = await recomputeAuditChain(suite, Bob);
  expect(recomputed.brokenAt === null && recomputed.computed === head.value.hash,
    `the chain re-computed here (polkadot.js SCALE + blake2) ends at ${recomputed.computed}`);

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
  expectations.failures += 1;
} finally {
  await suite.disconnect();
}
console.log(expectations.failures === 0 ? '\ndemo: every outcome as expected'
  : `\ndemo: ${expectations.failures} outcome(s) not as expected`);
process.exit(expectations.failures === 0 ? 0 : 1);
