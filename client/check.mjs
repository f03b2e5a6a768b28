// The client check: what Contracts UI does, with the libraries it uses.
// Reads the deployment manifest, loads each bundle's metadata, performs a
// read call on every contract and one state-changing call, and exits
// non-zero if any answer is wrong.
//
//   node client/check.mjs deployments/<network>.json

import { readFileSync } from 'node:fs';
import { ADMINISTERED, CONTRACTS, WIRING, developmentVerifyingKey, linkHolds } from './recipe.mjs';
import { Expectations, Suite, describeEvent, recomputeAuditChain } from './suite.mjs';

const manifestPath = process.argv[2];
if (!manifestPath) {
  console.error('usage: node client/check.mjs deployments/<network>.json');
  process.exit(2);
}

const expectations = new Expectations();
const expect = (condition, what) => expectations.that(condition, what);

const suite = await Suite.connect(manifestPath);
try {
  const { Alice, Bob } = suite.accounts;
  const deployer = suite.manifest.deployer;

  const governance = suite.manifest.contracts.governance.address;
  console.log('==> read calls: every contract with an admin answers AdminControl::admin with governance');
  expect(suite.manifest.admin === governance, 'the manifest names governance as the admin');
  for (const name of ADMINISTERED) {
    const { value } = await suite.query(name, 'AdminControl::admin', Alice);
    expect(value === governance, `${name}.admin() = ${suite.nameOf(value)}`);
  }
  console.log('==> the verifier holds the recipe\'s key and checks the committed snarkjs proof on the node (zk/fixtures)');
  // A verifier is only as good as its key: anyone can deploy one whose
  // trapdoor they know, so the key read back must be the expected one.
  const key = await suite.query('zk_verifier', 'verifying_key', Alice);
  expect(key.value === developmentVerifyingKey('at_least'), `zk_verifier.verifying_key() is the recipe's development key (${(key.value?.length - 2) / 2} bytes)`);
  const knownAnswer = JSON.parse(readFileSync(new URL('../zk/fixtures/at_least.known-answer.json', import.meta.url), 'utf8'));
  const proof = `0x${knownAnswer.encoded.proof}`;
  const inputs = knownAnswer.encoded.publicInputs.map((input) => `0x${input}`);
  const verified = await suite.query('zk_verifier', 'verify', Alice, proof, inputs);
  expect(verified.value?.ok === true, `zk_verifier.verify(known answer) = ${JSON.stringify(verified.value)}, `
    + `ref_time ${verified.gasConsumed.refTime}, proof_size ${verified.gasConsumed.proofSize}`);
  // what another contract asks: the suite's ProofCheck trait
  const proves = await suite.query('zk_verifier', 'ProofCheck::proves', Alice, proof, inputs);
  expect(proves.value === true, `zk_verifier.ProofCheck::proves(known answer) = ${proves.value}`);
  const lowered = [...inputs];
  lowered[1] = `0x${(BigInt(knownAnswer.statement.threshold) - 1n).toString(16).padStart(64, '0')}`;
  const refusedProof = await suite.query('zk_verifier', 'verify', Alice, proof, lowered);
  expect(refusedProof.value?.ok === false, `the same proof against a threshold one lower = ${JSON.stringify(refusedProof.value)}`);
  const refusedProves = await suite.query('zk_verifier', 'ProofCheck::proves', Alice, proof, lowered);
  expect(refusedProves.value === false, `ProofCheck::proves against a threshold one lower = ${refusedProves.value}`);
  const refused = await suite.query('reward_pool', 'set_crediter', Alice, deployer);
  expect(refused.reverted, `the deployer's reward_pool.set_crediter is refused: ${JSON.stringify(refused.human)}`);
  const head = await suite.query('audit_trail', 'head', Alice);
  expect(typeof head.value?.seq === 'number', `audit_trail.head() = seq ${head.value?.seq}`);
  console.log("==> the recipe's wiring (client/recipe.mjs): every link reads back as the deploy set it");
  const deployed = Object.fromEntries(Object.entries(suite.manifest.contracts).map(([name, c]) => [name, c.address]));
  expect(Object.keys(deployed).join() === CONTRACTS.join(), `the manifest holds the recipe's contracts: ${CONTRACTS.join(', ')}`);
  const at = (name) => ({ ...deployed, keeper: suite.manifest.services?.keeper_account })[name];
  for (const { contract, message, args, check } of WIRING) {
    const { value } = await suite.query(contract, check.message, Alice, ...check.args(at));
    const wanted = 'expect' in check ? check.expect : args(at)[0];
    expect(linkHolds(value, wanted), `${contract}.${message} holds: ${contract}.${check.message}(${check.args(at)
      .map((arg) => suite.nameOf(arg)).join(', ')}) = ${JSON.stringify(value)}`);
  }
  // And the links that matter most, named here rather than read from the recipe, so a slip in the recipe shows.
  const links = (await suite.query('record_access', 'linked_contracts', Alice)).value;
  expect(links?.consent === deployed.consent && links?.rewardPool === deployed.reward_pool
    && links?.auditTrail === deployed.audit_trail && links?.providers === deployed.provider_verification,
  'record_access.linked_contracts() are the deployed consent, pool, audit trail and registry');
  const dataPlane = (await suite.query('record_access', 'data_plane', Alice)).value;
  expect(dataPlane?.strict === true && dataPlane?.defaultKeeper === suite.manifest.services?.keeper_account,
    `record_access.data_plane(): strict, with the deployment's keeper as default (${dataPlane?.defaultKeeper})`);
  for (const writer of ['consent', 'record_access', 'insurance']) {
    const { value } = await suite.query('audit_trail', 'is_writer', Alice, deployed[writer]);
    expect(value === true, `audit_trail.is_writer(${writer}) = true`);
  }
  const symbol = await suite.query('reward_token', 'PSP22Metadata::token_symbol', Alice);
  expect(symbol.human === 'HRW', `reward_token.token_symbol() = ${symbol.human}`);
  const minter = await suite.query('reward_token', 'is_minter', Alice, deployer);
  expect(minter.value === false, 'reward_token.is_minter(deployer) = false');
  const locked = await suite.query('governance', 'locked_of', Alice, deployer);
  const totalLocked = await suite.query('governance', 'total_locked', Alice);
  const governanceHolds = await suite.query('reward_token', 'PSP22::balance_of', Alice, governance);
  expect(BigInt(locked.value) > 0n && BigInt(totalLocked.value) === BigInt(governanceHolds.value),
    `governance: the deployer locked ${locked.value}; ${totalLocked.value} locked in all = the tokens it holds`);
  const takeover = await suite.query('governance', 'state', Alice, 1);
  expect(takeover.value?.ok === 'Executed', `governance.state(1) (the takeover) = ${takeover.value?.ok}`);
  const crediter = await suite.query('reward_pool', 'crediter', Alice);
  expect(crediter.value === deployed.record_access, `reward_pool.crediter() = ${suite.nameOf(crediter.value)}`);
  const solvency = await suite.query('reward_pool', 'solvency', Alice);
  const [liabilities, held] = solvency.value?.ok ?? [1, 0];
  expect(BigInt(liabilities) <= BigInt(held), `reward_pool owes ${liabilities} and holds ${held}`);

  const insuranceLinks = await suite.query('insurance', 'linked_contracts', Alice);
  expect(insuranceLinks.value?.records === deployed.record_access && insuranceLinks.value?.token === deployed.reward_token,
    'insurance.linked_contracts() are the deployed record access and token');
  // Insurance runs its rarer messages (deposit_capital below among them) in
  // the extension's code, over its own storage: the code must be the one built.
  const extensionBundle = JSON.parse(readFileSync(suite.manifest.libraries.insurance_extension.bundle, 'utf8'));
  const extension = await suite.query('insurance', 'extension', Alice);
  expect(extension.value === extensionBundle.source.hash
    && extension.value === suite.manifest.libraries.insurance_extension.code_hash,
  `insurance.extension() = ${extension.value}, the code hash of the insurance_extension bundle`);

  console.log('==> the data plane: record access names the keeper, whose health key is in the directory');
  const keeperAccount = suite.manifest.services?.keeper_account;
  const keeperKey = (await suite.query('key_directory', 'key_of', Alice, keeperAccount)).value;
  expect(keeperKey?.suite === 2 && keeperKey?.version >= 1,
    `key_directory.key_of(keeper) = suite ${keeperKey?.suite} (X-Wing), version ${keeperKey?.version}`);
  if (suite.manifest.services?.keeper) {
    const health = await (await fetch(`${suite.manifest.services.keeper}/health`)).json();
    expect(health.ok === true && health.address === keeperAccount, `the keeper answers at ${suite.manifest.services.keeper} as ${health.address}`);
  }
  if (suite.manifest.services?.storage) {
    const health = await fetch(`${suite.manifest.services.storage}/health`).then((r) => r.json(), () => ({}));
    expect(health.ok === true, `the storage node answers at ${suite.manifest.services.storage}: ${JSON.stringify(health)}`);
  }

  console.log('==> state-changing calls: the deployer unlocks 2,000 HRW of voting power and funds the insurance risk pool with it');
  const poolBefore = (await suite.query('insurance', 'pool', Alice)).value;
  const unlocked = await suite.tx('governance', 'unlock', Alice, 2_000);
  unlocked.events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  await suite.tx('reward_token', 'PSP22::approve', Alice, deployed.insurance, 2_000);
  // The pool's first deposit locks 1,000 shares with it for good: 1,000 are the deployer's.
  const funded = await suite.tx('insurance', 'deposit_capital', Alice, 2_000, 1_000);
  funded.events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  const poolAfter = (await suite.query('insurance', 'pool', Alice)).value;
  const insuranceHolds = (await suite.query('reward_token', 'PSP22::balance_of', Alice, deployed.insurance)).value;
  expect(BigInt(poolAfter.capitalDeposited) - BigInt(poolBefore.capitalDeposited) === 2000n,
    `insurance.pool().capital_deposited grew by 2,000 to ${poolAfter.capitalDeposited}`);
  const shares = (await suite.query('insurance', 'shares_of', Alice, deployer)).value;
  expect(BigInt(shares) === 1000n && BigInt(poolAfter.lockedShares) === 1000n,
    `insurance.shares_of(deployer) = ${shares}; ${poolAfter.lockedShares} shares locked with the pool`);
  expect(BigInt(poolAfter.held) === BigInt(insuranceHolds),
    `insurance.pool().held = ${poolAfter.held} = the tokens insurance holds`);

  console.log('==> state-changing call: Bob opts in to emergency access (consent writes the audit trail)');
  const before = await suite.query('consent', 'ConsentCheck::emergency_access_enabled', Alice, Bob.address);
  const { events } = await suite.tx('consent', 'set_emergency_access', Bob, Bob.address, !before.value);
  events.forEach((event) => console.log(`    event: ${describeEvent(event)}`));
  const after = await suite.query('consent', 'ConsentCheck::emergency_access_enabled', Alice, Bob.address);
  expect(after.value === !before.value, `consent.emergency_access_enabled(Bob) = ${after.value}`);
  expect(events.some((event) => event.event === 'EntryAppended'), 'the audit trail appended an entry');

  console.log('==> the audit chain re-computed off chain (polkadot.js SCALE + blake2) matches the head');
  const chain = await recomputeAuditChain(suite, Alice);
  expect(chain.seq > 0 && chain.brokenAt === null && chain.computed === chain.stored,
    `recomputed head of ${chain.seq} entries ${chain.computed} = stored ${chain.stored}`);
} catch (error) {
  console.error(`error: ${error.message}`);
  expectations.failures += 1;
} finally {
  await suite.disconnect();
}
const { failures } = expectations;
console.log(failures === 0 ? 'client check: passed' : `client check: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
