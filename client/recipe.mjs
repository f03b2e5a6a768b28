// The suite's recipe, as data, in one place: the contracts in deployment
// order with their constructors' arguments, the wiring between them (each
// link with the read that proves it), governance's development settings and
// what the takeover locks. The deploy (client/deploy.mjs) follows it, the
// client check (client/check.mjs) reads every link back against it, the demo
// and the portal's server take the contract list from it. Plain data and
// Node built-ins only: the deploy reads it before any npm package is
// installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Code the suite uploads and never instantiates: a contract delegate-calls
 * it to run messages over its own storage. Insurance runs its rarer messages
 * (plans, capital, settings, pages) in `insurance_extension`, so that each
 * stays under the chain's 64 KiB code limit; its constructor locks the
 * extension's code hash as a delegate dependency, so the code cannot be
 * removed under it. Uploaded before the contracts. scripts/env.sh's
 * LIBRARIES lists the same names.
 */
export const LIBRARIES = ['insurance_extension'];

/**
 * Every contract in deployment order with its constructor's arguments;
 * `at(name)` is the address of a contract deployed before it, `settings`
 * governance's settings, `code(name)` the code hash of an uploaded library.
 * scripts/env.sh's CONTRACTS lists the same names in the same order for the
 * shell scripts (the release builds).
 */
export const SUITE = [
  ['audit_trail', () => []],
  ['consent', (at) => [at('audit_trail')]],
  ['provider_verification', () => []],
  ['record_access', (at) => [at('provider_verification'), at('consent'), at('audit_trail')]],
  ['reward_token', () => [0, 'Health Reward', 'HRW', 12]],
  ['reward_pool', (at) => [at('reward_token'), at('record_access')]],
  ['insurance', (at, _settings, code) => [{
    providers: at('provider_verification'), consent: at('consent'), records: at('record_access'),
    auditTrail: at('audit_trail'), token: at('reward_token'),
  }, 10_000, code('insurance_extension')]],
  ['governance', (at, settings) => [at('reward_token'), settings]],
  ['key_directory', () => []],
  // The Groth16 verifier for "a committed lab value is at least a
  // threshold" (zk/circuits/at_least.circom), under the DEVELOPMENT key that
  // zk/scripts/build.mjs derives from public beacons (zk/README.md).
  ['zk_verifier', () => [developmentVerifyingKey('at_least')]],
];

/**
 * Contracts without an admin: nothing in them can change after
 * instantiation (a verifier's key is fixed; a new key is a new verifier),
 * so governance takes over every other contract and not these.
 */
export const WITHOUT_ADMIN = ['zk_verifier'];

/** The contracts' names, in deployment order. */
export const CONTRACTS = SUITE.map(([name]) => name);

/** The contracts with an admin (`AdminControl`), in deployment order. */
export const ADMINISTERED = CONTRACTS.filter((name) => !WITHOUT_ADMIN.includes(name));

/** The committed development verifying key of `circuit`, as constructor bytes. */
export function developmentVerifyingKey(circuit) {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'zk', 'artifacts', `${circuit}.vkey.bin`);
  return `0x${fs.readFileSync(file).toString('hex')}`;
}

/**
 * The links the wiring sets, in order: `contract.message(...args(at))`, and
 * the read `contract.check.message(...check.args(at))` whose answer must
 * contain `args(at)[0]` (or equal `check.expect`) once the deploy is done.
 * `at('keeper')` is the default keeper's account, which releases record keys
 * after an audited grant (client/keeper.mjs).
 */
export const WIRING = [
  ...['consent', 'record_access', 'insurance'].map((writer) => ({
    contract: 'audit_trail', message: 'authorize_writer', args: (at) => [at(writer)],
    check: { message: 'is_writer', args: (at) => [at(writer)], expect: true },
  })),
  {
    contract: 'record_access', message: 'set_linked_contracts',
    args: (at) => [{
      providers: at('provider_verification'), consent: at('consent'), auditTrail: at('audit_trail'),
      rewardPool: at('reward_pool'),
    }],
    check: { message: 'linked_contracts', args: () => [] },
  },
  // Strict: no grantee's envelope on chain; grantees get keys from the
  // keeper after an audited grant (docs/data-plane.md).
  {
    contract: 'record_access', message: 'set_data_plane',
    args: (at) => [{ strict: true, defaultKeeper: at('keeper') }],
    check: { message: 'data_plane', args: () => [] },
  },
];

/**
 * Governance's settings for a development chain (block time in ms): voting
 * opens 2 s after a proposal, runs 6 s, and a passed proposal waits a 2 s
 * timelock, so the takeover and the demo's proposals pass in seconds. A
 * public chain wants days: the deploy's --governance-settings.
 */
export const DEV_GOVERNANCE_SETTINGS = {
  voting_delay: 2000, voting_period: 6000, proposal_threshold: 100, quorum_bps: 4000,
  timelock: 2000, grace_period: 86_400_000, guardian: null,
};

/**
 * The development chains' well-known phrase: //Alice … derive from it, and
 * every Substrate tool publishes it, so the deploy refuses it with --url.
 */
export const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk';

/** Tokens the deployer mints itself and locks to propose and vote the takeover (the threshold is 100). */
export const DEPLOYER_LOCK = 10_000;

/** What the deployer sends the default keeper, which pays for its `note_release` calls (whole units). */
export const KEEPER_FUNDS = 1000n;

/**
 * Governance's settings as its constructor takes them: camelCase fields, the
 * balance as a string (a JSON number above 2^53 loses digits in JavaScript).
 */
export function constructorSettings(settings) {
  return Object.fromEntries(Object.entries(settings).map(([field, value]) => [
    field.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase()),
    field === 'proposal_threshold' ? String(value) : value,
  ]));
}

/**
 * Whether a read's answer proves a link: every field the wiring set has the
 * value it set (other fields of the answer are free).
 */
export function linkHolds(answer, wanted) {
  if (wanted !== null && typeof wanted === 'object') {
    return answer !== null && typeof answer === 'object'
      && Object.entries(wanted).every(([field, value]) => linkHolds(answer[field], value));
  }
  return answer === wanted;
}

/** Where the release bundles are (scripts/env.sh sets HEALTH_SUITE_BUNDLES the same way). */
export function bundlesDir() {
  const cache = process.env.HEALTH_SUITE_CACHE ?? path.join(os.homedir(), '.cache', 'health-suite');
  const target = process.env.CARGO_TARGET_DIR ?? path.join(cache, 'target');
  return process.env.HEALTH_SUITE_BUNDLES ?? path.join(target, 'release-bundles');
}
