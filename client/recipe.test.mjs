// The recipe, offline: the lists of contracts kept elsewhere (for the shell,
// Cargo and the page) name the recipe's contracts in its order, every
// constructor and link finds the addresses it needs, and a link's read-back
// compares the fields the wiring set.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  CONTRACTS, DEV_GOVERNANCE_SETTINGS, LIBRARIES, SUITE, WIRING, constructorSettings, linkHolds,
} from './recipe.mjs';

const read = (file) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');

test("scripts/env.sh, the workspace and the portal list the recipe's contracts in its order", () => {
  const list = (name) => new RegExp(`^${name}=\\(([^)]*)\\)`, 'm').exec(read('scripts/env.sh'))[1].trim().split(/\s+/);
  assert.deepEqual(list('CONTRACTS'), CONTRACTS);
  assert.deepEqual(list('LIBRARIES'), LIBRARIES);
  const members = [...read('Cargo.toml').matchAll(/"contracts\/([a-z_]+)"/g)].map(([, name]) => name)
    .filter((name) => name !== 'interfaces');
  assert.deepEqual(members.filter((name) => !LIBRARIES.includes(name)), CONTRACTS);
  assert.deepEqual(members.filter((name) => LIBRARIES.includes(name)), LIBRARIES);
  const page = /CONTRACT_NAMES = \[([^\]]*)\]/.exec(read('portal/src/suite/manifest.ts'))[1]
    .match(/'[a-z_]+'/g).map((quoted) => quoted.slice(1, -1));
  assert.deepEqual(page, CONTRACTS);
});

test('given the recipe, each constructor and link names only contracts deployed before it, the deployer, the keeper or a library', () => {
  const deployed = new Set(['deployer', 'keeper']);
  const at = (name) => {
    assert.ok(deployed.has(name), `${name} is used before it is deployed`);
    return `address of ${name}`;
  };
  const librariesUsed = new Set();
  const code = (name) => {
    assert.ok(LIBRARIES.includes(name), `${name} is not a library the deploy uploads`);
    librariesUsed.add(name);
    return `code hash of ${name}`;
  };
  for (const [name, argumentsOf] of SUITE) {
    argumentsOf(at, constructorSettings(DEV_GOVERNANCE_SETTINGS), code);
    deployed.add(name);
  }
  assert.deepEqual([...librariesUsed], LIBRARIES, 'every library is some constructor\'s');
  for (const { contract, args, check } of WIRING) {
    assert.ok(deployed.has(contract));
    args(at);
    check.args(at);
  }
});

test("a link holds when the read-back carries every field the wiring set, and not when one differs", () => {
  const set = { strict: true, defaultKeeper: '5Keeper' };
  assert.equal(linkHolds({ strict: true, defaultKeeper: '5Keeper', extra: 1 }, set), true);
  assert.equal(linkHolds({ strict: false, defaultKeeper: '5Keeper' }, set), false);
  assert.equal(linkHolds({ strict: true }, set), false);
  assert.equal(linkHolds(null, set), false);
  assert.equal(linkHolds(true, true), true);
  assert.equal(linkHolds(false, true), false);
});

test("governance's settings reach its constructor in camelCase, the threshold as a string", () => {
  const settings = constructorSettings({ ...DEV_GOVERNANCE_SETTINGS, proposal_threshold: 2 ** 60 });
  assert.equal(settings.votingDelay, DEV_GOVERNANCE_SETTINGS.voting_delay);
  assert.equal(settings.quorumBps, DEV_GOVERNANCE_SETTINGS.quorum_bps);
  assert.equal(settings.proposalThreshold, String(2 ** 60));
  assert.equal(settings.guardian, null);
  assert.equal(Object.keys(settings).length, Object.keys(DEV_GOVERNANCE_SETTINGS).length);
});
