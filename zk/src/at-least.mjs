// The "committed value is at least a threshold" proof, one implementation for
// Node and the browser: the commitment a record carries, the proof a claim
// carries, and their encodings for the zk_verifier contract (EIP-197 byte
// order: 32-byte big-endian field elements, G2 coordinates imaginary part
// first). Artifacts are passed as bytes, so the caller decides where they
// come from (a file in Node, a fetch in the page).
import { groth16 } from "snarkjs";
import { buildPoseidon } from "circomlibjs";
import { SCALAR_ORDER } from "./encoding.mjs";

export { SCALAR_ORDER, encodeProof, encodeScalar, encodeVerifyingKey } from "./encoding.mjs";

/** Values and thresholds are 32-bit unsigned integers (the circuit's range). */
export const MAX_VALUE = 2 ** 32 - 1;

let poseidon;

/** Poseidon(value, blinding) as a bigint: the commitment a record's attested field leaf is to carry. */
export async function commitment(value, blinding) {
  checkValue(value, "value");
  checkScalar(blinding, "blinding");
  poseidon ??= await buildPoseidon();
  return poseidon.F.toObject(poseidon([BigInt(value), blinding]));
}

/** A uniformly random blinding below the scalar order (rejection sampling). */
export function randomBlinding() {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    bytes[0] &= 0x3f; // 254 bits: below 2^254, about 76 % of draws are kept
    const candidate = bytesToBigint(bytes);
    if (candidate < SCALAR_ORDER) return candidate;
  }
}

/**
 * Proves that `value` (committed with `blinding`) is at least `threshold`,
 * for claim `claim`. `artifacts` = { wasm, zkey } (Uint8Array). Throws if the
 * statement is false (the witness does not satisfy the circuit).
 * Returns { proof, publicSignals } as snarkjs gives them.
 */
export async function proveAtLeast({ value, blinding, threshold, claim }, artifacts) {
  checkValue(value, "value");
  checkValue(threshold, "threshold");
  checkScalar(blinding, "blinding");
  checkScalar(BigInt(claim), "claim");
  const input = {
    commitment: (await commitment(value, blinding)).toString(),
    threshold: String(threshold),
    claim: String(claim),
    value: String(value),
    blinding: blinding.toString(),
  };
  return groth16.fullProve(input, { type: "mem", data: artifacts.wasm }, { type: "mem", data: artifacts.zkey }, undefined, undefined, { singleThread: true });
}

/** snarkjs' own check of a proof under `vkey` (the JSON verifying key). */
export async function verifyAtLeast(vkey, publicSignals, proof) {
  return groth16.verify(vkey, publicSignals, proof);
}

/**
 * Stops the worker threads snarkjs' verifier and setup keep for BN254, so a
 * Node process can end (proving here is single-threaded and keeps none).
 */
export async function releaseWorkers() {
  await globalThis.curve_bn128?.terminate();
}

function checkValue(value, name) {
  if (!Number.isInteger(value) || value < 0 || value > MAX_VALUE) {
    throw new RangeError(`${name} must be an integer from 0 to ${MAX_VALUE}`);
  }
}

function checkScalar(value, name) {
  if (typeof value !== "bigint" || value < 0n || value >= SCALAR_ORDER) {
    throw new RangeError(`${name} must be a bigint below the BN254 scalar order`);
  }
}


function bytesToBigint(bytes) {
  return bytes.reduce((number, byte) => (number << 8n) | BigInt(byte), 0n);
}

