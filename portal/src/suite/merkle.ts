// A record's field commitment, computed in the browser exactly as
// record_access::merkle documents it: leaf = blake2-256(0x00 ‖ salt ‖ field),
// 32 random bytes of salt per field; leaves padded with the zero hash to a
// power of two; node = blake2-256(0x01 ‖ left ‖ right). The salts stay with
// the record's holder (never on chain, never uploaded).
import { blake2AsU8a, concatU8a, u8aToHex } from 'dedot/utils';

export const MAX_FIELDS = 256;

export interface FieldCommitment {
  root: `0x${string}`;
  fields: string[];
  salts: `0x${string}`[];
}

const leafOf = (salt: Uint8Array, field: string) =>
  blake2AsU8a(concatU8a(new Uint8Array([0]), salt, new TextEncoder().encode(field)), 256);
const nodeOf = (left: Uint8Array, right: Uint8Array) => blake2AsU8a(concatU8a(new Uint8Array([1]), left, right), 256);

export function commitFields(fields: string[], randomSalt = () => crypto.getRandomValues(new Uint8Array(32))): FieldCommitment {
  const salts = fields.map(() => randomSalt());
  let level = fields.map((field, index) => leafOf(salts[index], field));
  let width = 1;
  while (width < level.length) width *= 2;
  level = [...level, ...Array.from({ length: width - level.length }, () => new Uint8Array(32))];
  while (level.length > 1) {
    const parents: Uint8Array[] = [];
    for (let index = 0; index < level.length; index += 2) parents.push(nodeOf(level[index], level[index + 1]));
    level = parents;
  }
  return { root: u8aToHex(level[0]) as `0x${string}`, fields, salts: salts.map((salt) => u8aToHex(salt) as `0x${string}`) };
}

/** The blake2-256 hash of a file's bytes (read in the browser, never uploaded). */
export async function contentHashOf(file: Blob): Promise<`0x${string}`> {
  return u8aToHex(blake2AsU8a(new Uint8Array(await file.arrayBuffer()), 256)) as `0x${string}`;
}
