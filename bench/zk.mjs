// The zero-knowledge benchmark: printed figures, not a timed test.
//
//   scripts/deploy --no-build --bench       (deploys a fresh suite; runs this after the data plane's)
//   node bench/zk.mjs deployments/NAME.json [--proofs 20]
//
// Off chain, in Node on this machine: the commitment, the at-least proof
// (snarkjs, single-threaded, as the portal runs it) and snarkjs' own
// verification, `--proofs` times with fresh blindings and claim bindings.
// On chain, the node's own dry-run figures for zk_verifier's `verify` and
// `ProofCheck::proves` on each fresh proof, the verifier's code size, and
// how many verifications fit a block's normal class. Writes bench/ZK.md
// and prints the same table.

import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { claimBinding, randomBytes, toHex } from '../dataplane/dist/index.js';
import { Suite } from '../client/suite.mjs';
import {
  commitment, encodeProof, encodeScalar, proveAtLeast, randomBlinding, releaseWorkers, verifyAtLeast,
} from '../zk/src/at-least.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { proofs: { type: 'string', default: '20' } },
});
const manifestPath = positionals[0];
if (!manifestPath) {
  console.error('usage: node bench/zk.mjs deployments/NAME.json [--proofs N]');
  process.exit(2);
}
const count = Number(values.proofs);
if (!Number.isInteger(count) || count < 1) throw new Error('--proofs is a whole number of at least 1');

const artifactsDir = new URL('../zk/artifacts/', import.meta.url);
const artifacts = {
  wasm: readFileSync(new URL('at_least.wasm', artifactsDir)),
  zkey: readFileSync(new URL('at_least.zkey', artifactsDir)),
};
const vkey = JSON.parse(readFileSync(new URL('at_least.vkey.json', artifactsDir), 'utf8'));

const lines = [];
const say = (line = '') => { console.log(line); lines.push(line); };
const ms = (ns) => Number(ns) / 1e6;
const sorted = (list) => [...list].sort((a, b) => a - b);
const percentile = (list, p) => sorted(list)[Math.min(list.length - 1, Math.floor(p * list.length))];
const elapsed = async (work) => {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, ms(process.hrtime.bigint() - started)];
};

const suite = await Suite.connect(manifestPath);
try {
  const { Alice } = suite.accounts;
  const insurance = suite.keyring.decodeAddress(suite.manifest.contracts.insurance.address);
  const times = { commitment: [], prove: [], verify: [] };
  const onChain = { verify: [], proves: [] };
  // a warm-up round, not counted: snarkjs and circomlibjs build their
  // curve and Poseidon tables on first use
  {
    const warm = { value: 70, blinding: randomBlinding(), threshold: 65, claim: 1n };
    await commitment(warm.value, warm.blinding);
    const { proof, publicSignals } = await proveAtLeast(warm, artifacts);
    await verifyAtLeast(vkey, publicSignals, proof);
  }
  console.error(`==> ${count} fresh proofs: HbA1c 70 (0.1 % units) at least 65, each for its own claim binding`);
  for (let i = 0; i < count; i++) {
    const statement = { value: 70, blinding: randomBlinding(), threshold: 65,
      claim: BigInt(toHex(claimBinding(insurance, BigInt(i) + 1000n))) };
    const [committed, commitMs] = await elapsed(() => commitment(statement.value, statement.blinding));
    const [{ proof, publicSignals }, proveMs] = await elapsed(() => proveAtLeast(statement, artifacts));
    const [ok, verifyMs] = await elapsed(() => verifyAtLeast(vkey, publicSignals, proof));
    if (!ok || publicSignals[0] !== committed.toString()) throw new Error(`proof ${i} does not verify off chain`);
    times.commitment.push(commitMs);
    times.prove.push(proveMs);
    times.verify.push(verifyMs);
    const encoded = `0x${Buffer.from(encodeProof(proof)).toString('hex')}`;
    const inputs = publicSignals.map((signal) => `0x${Buffer.from(encodeScalar(BigInt(signal))).toString('hex')}`);
    const verified = await suite.query('zk_verifier', 'verify', Alice, encoded, inputs);
    const proves = await suite.query('zk_verifier', 'ProofCheck::proves', Alice, encoded, inputs);
    if (verified.value?.ok !== true || proves.value !== true) throw new Error(`proof ${i} does not verify on the node`);
    onChain.verify.push(verified.gasConsumed);
    onChain.proves.push(proves.gasConsumed);
    if ((i + 1) % 5 === 0) console.error(`    ${i + 1} of ${count}`);
  }
  // a wrong statement is refused on chain too (and costs as much)
  const refusedInputs = [encodeScalar(1n), encodeScalar(65n), encodeScalar(1n)]
    .map((bytes) => `0x${Buffer.from(bytes).toString('hex')}`);
  const anyProof = toHex(randomBytes(256));
  const malformed = await suite.query('zk_verifier', 'verify', Alice, anyProof, refusedInputs);

  const bundles = process.env.HEALTH_SUITE_BUNDLES
    ?? `${process.env.CARGO_TARGET_DIR ?? `${os.homedir()}/.cache/health-suite/target`}/release-bundles`;
  let codeBytes = 'n/a';
  try { codeBytes = readFileSync(`${bundles}/zk_verifier.wasm`).length.toLocaleString('en'); } catch { /* no bundle here */ }
  const weights = suite.api.consts.system.blockWeights.toJSON();
  const normal = weights.perClass.normal.maxTotal ?? weights.maxBlock;
  const worst = (list, key) => Math.max(...list.map((gas) => Number(gas[key])));
  // The dev node sets no proof_size limit; a parachain's block carries a
  // proof of validity of at most 5 MiB.
  const POV_LIMIT = 5 * 1024 * 1024;
  const perBlock = (list) => Math.floor(Number(normal.refTime) / worst(list, 'refTime'));
  const perPov = (list) => Math.floor(POV_LIMIT / worst(list, 'proofSize'));

  say('# Zero-knowledge benchmark');
  say('');
  say(`\`node bench/zk.mjs\` (run by \`scripts/deploy --no-build --bench\`) on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, `
    + `Node ${process.version}, ${count} fresh proofs of the at-least circuit (zk/circuits/at_least.circom) under the `
    + 'development key. Off-chain times in milliseconds; on-chain figures are the node\'s own dry runs.');
  say('');
  say('| off chain (Node) | p50 ms | p95 ms | max ms |');
  say('|---|---:|---:|---:|');
  for (const [name, label] of [['commitment', 'Poseidon(value, blinding)'], ['prove', 'prove (snarkjs, single-threaded)'],
    ['verify', 'snarkjs groth16 verify']]) {
    const list = times[name];
    say(`| ${label} | ${percentile(list, 0.5).toFixed(1)} | ${percentile(list, 0.95).toFixed(1)} | ${Math.max(...list).toFixed(1)} |`);
  }
  say('');
  say('| on chain (substrate-contracts-node) | ref_time (max) | proof_size (max) | per block by ref_time (normal class) | per 5 MiB proof of validity |');
  say('|---|---:|---:|---:|---:|');
  for (const [name, label] of [['verify', 'zk_verifier.verify (3 public inputs)'], ['proves', 'zk_verifier.ProofCheck::proves']]) {
    const list = onChain[name];
    say(`| ${label} | ${worst(list, 'refTime').toLocaleString('en')} | ${worst(list, 'proofSize').toLocaleString('en')} | ${perBlock(list)} | ${perPov(list)} |`);
  }
  say(`| verify of a malformed proof (refused: ${JSON.stringify(malformed.value?.err ?? malformed.value)}) | `
    + `${Number(malformed.gasConsumed.refTime).toLocaleString('en')} | ${Number(malformed.gasConsumed.proofSize).toLocaleString('en')} | | |`);
  say('');
  say(`Verifier code: ${codeBytes} bytes of optimized Wasm. Normal class of a block: ref_time `
    + `${Number(normal.refTime).toLocaleString('en')}. A fresh proof's claim binding is a full-width public input, `
    + "so it costs more than the known answer's claim 7 (each full-width input adds a scalar multiplication). "
    + `Artifacts: witness generator ${artifacts.wasm.length.toLocaleString('en')} B, proving key `
    + `${artifacts.zkey.length.toLocaleString('en')} B.`);
  say('');
  writeFileSync(new URL('./ZK.md', import.meta.url), `${lines.join('\n')}\n`);
  console.error('==> wrote bench/ZK.md');
} finally {
  await suite.disconnect();
  await releaseWorkers();
}
