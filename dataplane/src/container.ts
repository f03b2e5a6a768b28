// The record container: one record version's content, sealed with
// AES-256-GCM under a fresh random 256-bit data key.
//
//   offset  size   field
//   0       4      magic "HSRC" (48 53 52 43)
//   4       1      format version (1)
//   5       12     nonce, random per container
//   17      n+16   AES-256-GCM ciphertext of the padded plaintext, then its tag
//
//   padded plaintext = payload length (u32 LE) ‖ payload ‖ zero bytes
//   associated data  = the 17-byte header ‖ recordAad(binding) (bindings.ts)
//
// The whole container is always a power of two from 1 KiB to 8 MiB (the size
// bucket), so its length tells an observer only the bucket, not the record's
// size. Containers up to 1 MiB are one raw IPFS block. Payloads larger than
// the 8 MiB bucket's capacity are refused.

import { buffer, concat, u32le, utf8 } from './bytes.js';
import { recordAad, type RecordBinding } from './bindings.js';
import { DATA_KEY_LENGTH } from './envelope.js';

export const MAGIC = utf8('HSRC');
export const FORMAT_VERSION = 1;
export const HEADER_LENGTH = 4 + 1 + 12;
const TAG_LENGTH = 16;
const LENGTH_PREFIX = 4;
export const MIN_CONTAINER = 1024;
export const MAX_CONTAINER = 8 * 1024 * 1024;
/** The largest payload a container holds. */
export const MAX_PAYLOAD = MAX_CONTAINER - HEADER_LENGTH - TAG_LENGTH - LENGTH_PREFIX;

export class ContainerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContainerError';
  }
}

export class OversizedRecordError extends ContainerError {
  constructor(readonly size: number) {
    super(`a record's content may be at most ${MAX_PAYLOAD} bytes (an 8 MiB container), got ${size}`);
    this.name = 'OversizedRecordError';
  }
}

/** The container size for a payload of `payloadLength` bytes. */
export function bucketFor(payloadLength: number): number {
  if (payloadLength > MAX_PAYLOAD) throw new OversizedRecordError(payloadLength);
  let size = MIN_CONTAINER;
  while (size - HEADER_LENGTH - TAG_LENGTH - LENGTH_PREFIX < payloadLength) size *= 2;
  return size;
}

async function aesKey(dataKey: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
  if (dataKey.length !== DATA_KEY_LENGTH) throw new ContainerError('a data key is 32 bytes');
  return globalThis.crypto.subtle.importKey('raw', buffer(dataKey), 'AES-GCM', false, [usage]);
}

/** A fresh random data key for one record version. */
export function newDataKey(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(DATA_KEY_LENGTH));
}

/**
 * Seals `payload` for `binding` under `dataKey`. `nonce` is for the
 * committed fixture only: left out, a fresh random one is drawn, as it
 * must be for every real container.
 */
export async function sealContainer(payload: Uint8Array, dataKey: Uint8Array, binding: RecordBinding,
  nonce: Uint8Array = globalThis.crypto.getRandomValues(new Uint8Array(12))): Promise<Uint8Array> {
  if (nonce.length !== 12) throw new ContainerError('a nonce is 12 bytes');
  const size = bucketFor(payload.length);
  const padded = new Uint8Array(size - HEADER_LENGTH - TAG_LENGTH);
  padded.set(u32le(payload.length), 0);
  padded.set(payload, LENGTH_PREFIX);
  const header = concat(MAGIC, Uint8Array.of(FORMAT_VERSION), nonce);
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buffer(nonce), additionalData: buffer(concat(header, recordAad(binding))), tagLength: 128 },
    await aesKey(dataKey, 'encrypt'), buffer(padded));
  return concat(header, new Uint8Array(sealed));
}

/** Opens a container; ContainerError if it is not one, or not this record's, or altered. */
export async function openContainer(container: Uint8Array, dataKey: Uint8Array,
  binding: RecordBinding): Promise<Uint8Array> {
  if (container.length < MIN_CONTAINER || container.length > MAX_CONTAINER
    || (container.length & (container.length - 1)) !== 0) {
    throw new ContainerError(`a container is a power of two from 1 KiB to 8 MiB, got ${container.length} bytes`);
  }
  if (!MAGIC.every((byte, i) => container[i] === byte)) throw new ContainerError('not a record container (magic)');
  if (container[4] !== FORMAT_VERSION) throw new ContainerError(`unknown container version ${container[4]}`);
  const header = container.subarray(0, HEADER_LENGTH);
  let padded: Uint8Array;
  try {
    padded = new Uint8Array(await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buffer(header.subarray(5)), additionalData: buffer(concat(header, recordAad(binding))),
        tagLength: 128 },
      await aesKey(dataKey, 'decrypt'), buffer(container.subarray(HEADER_LENGTH))));
  } catch {
    throw new ContainerError('the container does not open: another key, another record, or altered');
  }
  const length = new DataView(padded.buffer, padded.byteOffset, 4).getUint32(0, true);
  if (length > padded.length - LENGTH_PREFIX) throw new ContainerError('the payload length overruns the container');
  return padded.slice(LENGTH_PREFIX, LENGTH_PREFIX + length);
}
