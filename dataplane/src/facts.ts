// The bytes the chain checks when a claim proves a fact of a record in zero
// knowledge (the Rust side is `interfaces::fields` and insurance's
// `claim_binding`; both are checked against fixtures/known_answers.txt):
//
//   committed field  = 0xFF ‖ n ‖ quantity (n UTF-8 bytes, 1 ≤ n ≤ 64) ‖ C
//   claim binding    = blake2-256(insurance account ‖ claim id, u64 LE),
//                      its first byte zeroed (so it is below the BN254
//                      scalar order r and is one public input as it is)
//
// C = Poseidon(value, blinding), 32 bytes big-endian, computed by zk/'s
// prover module: the record holds the commitment, never the number, and a
// Groth16 proof shows `value ≥ threshold` for C and the claim's binding.

import { blake2b256 } from './hash.js';
import { concat, u64le, utf8 } from './bytes.js';

export const COMMITTED_FIELD_TAG = 0xff;
export const MAX_QUANTITY_BYTES = 64;

export class FactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FactError';
  }
}

/** The bytes of the committed field of `quantity` with commitment `commitment`. */
export function committedFieldBytes(quantity: string, commitment: Uint8Array): Uint8Array {
  const name = utf8(quantity);
  if (name.length < 1 || name.length > MAX_QUANTITY_BYTES) {
    throw new FactError(`a quantity's name is 1 to ${MAX_QUANTITY_BYTES} bytes of UTF-8; "${quantity}" is ${name.length}`);
  }
  if (commitment.length !== 32) throw new FactError('a commitment is 32 bytes');
  return concat(Uint8Array.of(COMMITTED_FIELD_TAG, name.length), name, commitment);
}

/** The public input a fact proof for claim `claimId` at insurance `insurance` (32 bytes) is bound to. */
export function claimBinding(insurance: Uint8Array, claimId: bigint | number): Uint8Array {
  if (insurance.length !== 32) throw new FactError('an account id is 32 bytes');
  const binding = blake2b256(concat(insurance, u64le(claimId)));
  binding[0] = 0;
  return binding;
}
