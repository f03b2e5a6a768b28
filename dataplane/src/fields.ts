// Salted Merkle fields of a record, exactly as record_access's `merkle`
// module checks them:
//
//   leaf  = blake2-256(0x00 ‖ salt ‖ field bytes), 32 random salt bytes per field
//   node  = blake2-256(0x01 ‖ left ‖ right), leaves padded with 32 zero bytes
//           up to the next power of two; a proof lists the siblings leaf-up.
//
// A FHIR resource's fields are its primitive values at their FHIR paths
// (`code.coding[0].code=4548-4`), in document order; the field bytes are
// the UTF-8 of `path=value`. The salts travel inside the encrypted
// container, so only a holder of the content can disclose a field.
//
// A field may instead commit to a number (`commitment`): its bytes are then
// the committed field of facts.ts (the quantity's name and C, never the
// number), and its value and blinding stay in the container for the
// holder's proofs.

import { blake2b256 } from './hash.js';
import { concat, randomBytes, utf8 } from './bytes.js';
import { committedFieldBytes } from './facts.js';

export const MAX_FIELDS = 256;
const ZERO = new Uint8Array(32);

export interface Field {
  /** The FHIR path, or for a committed field the quantity's name. */
  path: string;
  /** The value (for a committed field, the number in decimal: private to the container). */
  value: string;
  /** For a committed field: C = Poseidon(value, blinding), and the blinding (decimal). */
  commitment?: { digest: Uint8Array; blinding: string };
}

export interface SaltedField extends Field {
  salt: Uint8Array;
}

export class FieldsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldsError';
  }
}

export function fieldBytes(field: Field): Uint8Array {
  if (field.commitment) return committedFieldBytes(field.path, field.commitment.digest);
  return utf8(`${field.path}=${field.value}`);
}

export function leafHash(salt: Uint8Array, bytes: Uint8Array): Uint8Array {
  if (salt.length !== 32) throw new FieldsError('a salt is 32 bytes');
  return blake2b256(concat(Uint8Array.of(0), salt, bytes));
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return blake2b256(concat(Uint8Array.of(1), left, right));
}

function levels(leaves: Uint8Array[]): Uint8Array[][] {
  let level = [...leaves];
  while (level.length & (level.length - 1)) level.push(ZERO);
  const all = [level];
  while (level.length > 1) {
    const parents: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) parents.push(nodeHash(level[i], level[i + 1]));
    level = parents;
    all.push(level);
  }
  return all;
}

/** The root over `leaves` (1 to 256 of them). */
export function merkleRoot(leaves: Uint8Array[]): Uint8Array {
  if (leaves.length === 0 || leaves.length > MAX_FIELDS) throw new FieldsError(`a tree has 1 to ${MAX_FIELDS} fields`);
  const all = levels(leaves);
  return all[all.length - 1][0];
}

/** The proof of leaf `index`: its siblings from the leaf level up. */
export function merkleProof(leaves: Uint8Array[], index: number): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new FieldsError('no such field');
  const all = levels(leaves);
  const proof: Uint8Array[] = [];
  let position = index;
  for (const level of all.slice(0, -1)) {
    proof.push(level[position ^ 1]);
    position >>= 1;
  }
  return proof;
}

/** The primitive values of a FHIR resource at their paths, in document order. */
export function fhirFields(resource: unknown): Field[] {
  const out: Field[] = [];
  const walk = (value: unknown, path: string) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        walk(item, path ? `${path}.${key}` : key);
      }
    } else {
      out.push({ path, value: String(value) });
    }
  };
  walk(resource, '');
  if (out.length > MAX_FIELDS) {
    throw new FieldsError(`a record commits to at most ${MAX_FIELDS} fields; this resource has ${out.length}`);
  }
  return out;
}

/** Each field with a fresh salt of its own. */
export function saltFields(fields: Field[]): SaltedField[] {
  return fields.map((field) => ({ ...field, salt: randomBytes(32) }));
}

export function fieldLeaves(fields: SaltedField[]): Uint8Array[] {
  return fields.map((field) => leafHash(field.salt, fieldBytes(field)));
}
