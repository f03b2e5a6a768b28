// Content hashes and content identifiers.
//
// The chain stores blake2-256 of the *ciphertext* (the same hash the
// contracts compute with `Blake2x256`), never of the plaintext: a hash of the
// plaintext would let anyone confirm a guessed record. A container that fits
// one raw IPFS block (up to 1 MiB) gets the CIDv1 `raw` whose multihash is
// blake2b-256 (code 0xb220), so its digest *is* the on-chain content hash.
// Larger containers are UnixFS files whose root CID cannot equal the hash;
// their blocks are checked against their own CIDs and the whole against the
// on-chain hash.

import { blake2b } from '@noble/hashes/blake2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import * as Digest from 'multiformats/hashes/digest';
import { from } from 'multiformats/hashes/hasher';
import { constantTimeEqual } from './bytes.js';

/** The largest container stored as one raw block (IPFS's usual block limit). */
export const MAX_RAW_BLOCK = 1024 * 1024;
/** Multicodec of blake2b-256. */
export const BLAKE2B_256 = 0xb220;
/** Multicodec of sha2-256 (UnixFS's default for its DAG nodes). */
export const SHA2_256 = 0x12;
/** Multicodec of dag-pb (UnixFS). */
export const DAG_PB = 0x70;

export function blake2b256(bytes: Uint8Array): Uint8Array {
  return blake2b(bytes, { dkLen: 32 });
}

/** blake2-256 of the ciphertext: what `add_record` stores as `content_hash`. */
export const contentHash = blake2b256;

/** The multiformats hasher of blake2b-256, for Helia and the importer. */
export const blake2b256Hasher = from({ name: 'blake2b-256', code: BLAKE2B_256,
  encode: (bytes: Uint8Array) => new Uint8Array(blake2b256(bytes)) });

/** The CIDv1 (raw codec, blake2b-256) of a container of at most 1 MiB. */
export function rawCid(bytes: Uint8Array): CID {
  if (bytes.length > MAX_RAW_BLOCK) {
    throw new RangeError(`a raw block holds at most ${MAX_RAW_BLOCK} bytes, got ${bytes.length}`);
  }
  return CID.createV1(raw.code, Digest.create(BLAKE2B_256, blake2b256(bytes)));
}

/** Whether `bytes` hash to the multihash in `cid` (blake2b-256 or sha2-256). */
export function blockMatches(cid: CID, bytes: Uint8Array): boolean {
  const digest = cid.multihash.digest;
  switch (cid.multihash.code) {
    case BLAKE2B_256:
      return constantTimeEqual(blake2b256(bytes), digest);
    case SHA2_256:
      return constantTimeEqual(sha256(bytes), digest);
    default:
      return false;
  }
}

/** The pointer stored on chain for a CID: `ipfs://<CIDv1 base32>`. */
export function pointerOf(cid: CID): string {
  return `ipfs://${cid.toV1().toString()}`;
}

/** The CID in an `ipfs://` pointer, or a TypeError saying why it is not one. */
export function cidOfPointer(pointer: string): CID {
  if (!pointer.startsWith('ipfs://')) throw new TypeError(`not an ipfs:// pointer: ${pointer.slice(0, 40)}`);
  try {
    return CID.parse(pointer.slice('ipfs://'.length));
  } catch (error) {
    throw new TypeError(`not a CID in ${pointer.slice(0, 60)}: ${(error as Error).message}`);
  }
}

export { CID };
