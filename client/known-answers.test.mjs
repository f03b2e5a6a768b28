// The client's own hashing against fixtures/known_answers.txt (computed by
// scripts/known-answers.py with Python's blake2b): the salted Merkle leaves
// the demo builds, and the audit chain that recomputeAuditChain re-computes
// from entry() reads, decoded here with the audit trail bundle's own ABI.
// Offline: no node needed.
//
//   node --test client/known-answers.test.mjs

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Abi } from '@polkadot/api-contract';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { blake2, recomputeAuditChain } from './suite.mjs';

const bundles = process.env.HEALTH_SUITE_BUNDLES
  ?? `${process.env.CARGO_TARGET_DIR ?? `${homedir()}/.cache/health-suite/target`}/release-bundles`;
const known = Object.fromEntries(
  readFileSync(new URL('../fixtures/known_answers.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]),
);
const hex = (value) => hexToU8a(`0x${value}`);
const u64 = (n) => { const b = new Uint8Array(8); new DataView(b.buffer).setBigUint64(0, BigInt(n), true); return b; };
const u32 = (n) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, Number(n), true); return b; };

await cryptoWaitReady();

test('salted leaves, nodes and roots built in JS are the known answers', () => {
  for (const name of ['lab', 'claim']) {
    const count = Number(known[`merkle.${name}.count`]);
    const leaves = [];
    for (let i = 0; i < count; i += 1) {
      const [salt, field] = known[`merkle.${name}.field.${i}`].split(' ');
      const leaf = blake2(new Uint8Array([0]), hex(salt), hex(field));
      assert.equal(u8aToHex(leaf), `0x${known[`merkle.${name}.leaf.${i}`]}`, `${name} leaf ${i}`);
      leaves.push(leaf);
    }
    let level = leaves;
    while (level.length & (level.length - 1)) level = [...level, new Uint8Array(32)];
    while (level.length > 1) {
      const parents = [];
      for (let i = 0; i < level.length; i += 2) parents.push(blake2(new Uint8Array([1]), level[i], level[i + 1]));
      level = parents;
    }
    assert.equal(u8aToHex(level[0]), `0x${known[`merkle.${name}.root`]}`, `${name} root`);
  }
});

test('the audit chain re-computed from entry() reads is the known answer', async () => {
  const audit = new Abi(JSON.parse(readFileSync(`${bundles}/audit_trail.contract`, 'utf8')));
  const entryType = audit.messages.find((message) => message.identifier === 'entry').returnType;
  // What the node answers to entry(seq): Ok(Some(entry)), SCALE-encoded.
  const entry = (seq) => {
    const [, writer, timestamp, block] = known[`audit.${seq}.meta`].split(' ');
    const bytes = new Uint8Array([0, 1, ...u64(seq), ...hex(writer), ...hex(known[`audit.${seq}.record`]),
      ...u64(timestamp), ...u32(block), ...hex(known[`audit.${seq}.prev`]), ...hex(known[`audit.${seq}.hash`])]);
    const answer = audit.registry.createType(entryType.lookupName || entryType.type, bytes);
    return answer.isOk ? answer.asOk : answer;
  };
  const suite = {
    async query(contract, label, caller, seq) {
      return label === 'head' ? { value: { seq: 3, hash: `0x${known['audit.3.hash']}` } } : { raw: entry(seq) };
    },
  };
  const chain = await recomputeAuditChain(suite, null);
  assert.deepEqual(chain, {
    seq: 3, computed: `0x${known['audit.3.hash']}`, stored: `0x${known['audit.3.hash']}`, brokenAt: null,
  });
  // and a chain whose stored hash was tampered with is caught at that entry
  const tampered = { ...known };
  known['audit.2.hash'] = '00'.repeat(32);
  const broken = await recomputeAuditChain(suite, null);
  Object.assign(known, tampered);
  assert.equal(broken.brokenAt, 2);
});
