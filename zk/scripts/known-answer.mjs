#!/usr/bin/env node
// Writes zk/fixtures/at_least.known-answer.json: one real snarkjs proof under
// the committed development key, for the verifier's unit tests (Rust) and
// the prover's tests (Node). Groth16 proofs are randomised, so this is made
// once and committed; the tests check it, they do not regenerate it.
//
//   node zk/scripts/known-answer.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { proveAtLeast, commitment, encodeProof, encodeScalar } from "../src/at-least.mjs";

const ZK = join(dirname(fileURLToPath(import.meta.url)), "..");
const artifacts = {
  wasm: readFileSync(join(ZK, "artifacts/at_least.wasm")),
  zkey: readFileSync(join(ZK, "artifacts/at_least.zkey")),
};
// HbA1c 7.0 % (70 in 0.1 % units) against a 6.5 % threshold, for claim 7.
const statement = { value: 70, blinding: 0x0badc0ffee0ddf00d5eed5a17c0de1234567890abcdef0123456789abcdefn, threshold: 65, claim: 7 };
const { proof, publicSignals } = await proveAtLeast(statement, artifacts);
const knownAnswer = {
  about: "A snarkjs 0.7.6 Groth16 proof for zk/circuits/at_least.circom under zk/artifacts/at_least.zkey (development key).",
  statement: { ...statement, blinding: statement.blinding.toString(), commitment: (await commitment(statement.value, statement.blinding)).toString() },
  publicSignals,
  proof,
  // As the zk_verifier contract takes them (zk/src/encoding.mjs).
  encoded: {
    proof: Buffer.from(encodeProof(proof)).toString("hex"),
    publicInputs: publicSignals.map((signal) => Buffer.from(encodeScalar(signal)).toString("hex")),
  },
};
writeFileSync(join(ZK, "fixtures/at_least.known-answer.json"), JSON.stringify(knownAnswer, null, 1) + "\n");
console.log("    wrote zk/fixtures/at_least.known-answer.json");
process.exit(0);
