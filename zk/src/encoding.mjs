// The zk_verifier contract's byte formats (EIP-197's: 32-byte big-endian
// field elements, G2 coordinates imaginary part first), from snarkjs' JSON.
// No dependencies: the deploy reads it before any npm package is installed.

/** The BN254 scalar field's order: public inputs and blindings are below it. */
export const SCALAR_ORDER = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** A snarkjs proof as the verifier's 256 bytes: A ‖ B ‖ C. */
export function encodeProof(proof) {
  return concat([g1(proof.pi_a), g2(proof.pi_b), g1(proof.pi_c)]);
}

/** A snarkjs verification key (vkey.json) as the verifier's constructor bytes. */
export function encodeVerifyingKey(vkey) {
  if (vkey.protocol !== "groth16" || vkey.curve !== "bn128") throw new Error("not a Groth16 BN254 key");
  return concat([g1(vkey.vk_alpha_1), g2(vkey.vk_beta_2), g2(vkey.vk_gamma_2), g2(vkey.vk_delta_2), ...vkey.IC.map(g1)]);
}

/** A public input (decimal string or bigint) as 32 big-endian bytes. */
export function encodeScalar(value) {
  const number = BigInt(value);
  if (number < 0n || number >= SCALAR_ORDER) throw new RangeError("public input must be below the BN254 scalar order");
  return bigintToBytes(number);
}

function g1([x, y, z]) {
  if (z !== "1") throw new Error("G1 point not in affine form");
  return concat([bigintToBytes(BigInt(x)), bigintToBytes(BigInt(y))]);
}

function g2([[x0, x1], [y0, y1], [z0, z1]]) {
  if (z0 !== "1" || z1 !== "0") throw new Error("G2 point not in affine form");
  return concat([x1, x0, y1, y0].map((c) => bigintToBytes(BigInt(c))));
}

function bigintToBytes(number) {
  const bytes = new Uint8Array(32);
  for (let index = 31, rest = number; index >= 0; index -= 1, rest >>= 8n) bytes[index] = Number(rest & 0xffn);
  return bytes;
}

function concat(parts) {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
