// The prover and its encodings, against published and committed answers.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { groth16 } from "snarkjs";
import { commitment, proveAtLeast, encodeProof, encodeScalar, encodeVerifyingKey, randomBlinding, releaseWorkers, SCALAR_ORDER } from "../src/at-least.mjs";

const ZK = join(dirname(fileURLToPath(import.meta.url)), "..");
const vkey = JSON.parse(readFileSync(join(ZK, "artifacts/at_least.vkey.json"), "utf8"));
const knownAnswer = JSON.parse(readFileSync(join(ZK, "fixtures/at_least.known-answer.json"), "utf8"));
const artifacts = {
  wasm: readFileSync(join(ZK, "artifacts/at_least.wasm")),
  zkey: readFileSync(join(ZK, "artifacts/at_least.zkey")),
};
after(releaseWorkers);
const hex = (bytes) => Buffer.from(bytes).toString("hex");

test("Poseidon(1, 2) is circomlib's published value", async () => {
  // circomlib's test vector for Poseidon with two inputs (test/poseidoncircuit.js)
  assert.equal(await commitment(1, 2n), 7853200120776062878684798364095072458815029376092732009249414926327459813530n);
});

test("snarkjs accepts the committed known-answer proof under the committed key", async () => {
  assert.equal(await groth16.verify(vkey, knownAnswer.publicSignals, knownAnswer.proof), true);
  // and its public signals are the statement: commitment, threshold, claim
  const { statement } = knownAnswer;
  assert.deepEqual(knownAnswer.publicSignals, [statement.commitment, String(statement.threshold), String(statement.claim)]);
  assert.equal((await commitment(statement.value, BigInt(statement.blinding))).toString(), statement.commitment);
});

test("snarkjs refuses the known answer with any public signal changed", async () => {
  for (const index of [0, 1, 2]) {
    const changed = [...knownAnswer.publicSignals];
    changed[index] = (BigInt(changed[index]) + 1n).toString();
    assert.equal(await groth16.verify(vkey, changed, knownAnswer.proof), false, `signal ${index}`);
  }
});

test("the proof's bytes are the ones snarkjs exports for Solidity (EIP-197 order)", async () => {
  // exportSolidityCallData prints [a], [[b]], [c], [inputs] as hex words
  const calldata = await groth16.exportSolidityCallData(knownAnswer.proof, knownAnswer.publicSignals);
  const words = [...calldata.matchAll(/0x([0-9a-f]{64})/g)].map((match) => match[1]);
  assert.equal(words.length, 8 + 3);
  assert.equal(hex(encodeProof(knownAnswer.proof)), words.slice(0, 8).join(""));
  assert.deepEqual(knownAnswer.publicSignals.map((signal) => hex(encodeScalar(signal))), words.slice(8));
  // and the fixture's encoded form, which the Rust benchmark reads, is the same
  assert.equal(knownAnswer.encoded.proof, words.slice(0, 8).join(""));
  assert.deepEqual(knownAnswer.encoded.publicInputs, words.slice(8));
});

test("the verifying key encodes as alpha, beta, gamma, delta and one IC per input plus one", () => {
  const bytes = encodeVerifyingKey(vkey);
  assert.equal(bytes.length, 64 + 3 * 128 + 64 * 4);
  // the committed constructor argument is this encoding
  assert.equal(hex(readFileSync(join(ZK, "artifacts/at_least.vkey.bin"))), hex(bytes));
  assert.equal(vkey.nPublic, 3);
});

test("a fresh proof of a true statement verifies; the prover refuses a false one", async () => {
  // given HbA1c 6.5 % (65) and a random blinding
  const blinding = randomBlinding();
  // when proven at least 65 for claim 12
  const { proof, publicSignals } = await proveAtLeast({ value: 65, blinding, threshold: 65, claim: 12 }, artifacts);
  // then snarkjs verifies it
  assert.equal(await groth16.verify(vkey, publicSignals, proof), true);
  // and 64 against a threshold of 65 cannot be proven at all
  await assert.rejects(proveAtLeast({ value: 64, blinding, threshold: 65, claim: 12 }, artifacts), /Assert Failed|constraint/i);
});

test("inputs outside the circuit's range are refused before proving", async () => {
  await assert.rejects(proveAtLeast({ value: 2 ** 32, blinding: 1n, threshold: 65, claim: 1 }, artifacts), RangeError);
  await assert.rejects(proveAtLeast({ value: 70, blinding: SCALAR_ORDER, threshold: 65, claim: 1 }, artifacts), RangeError);
  assert.throws(() => encodeScalar(SCALAR_ORDER), RangeError);
});
