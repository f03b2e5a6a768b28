// An envelope: a record version's 32-byte data key sealed to one recipient's
// health key with HPKE (RFC 9180, base mode, single shot).
//
//   offset  size        field
//   0       1           suite (1 = X25519, 2 = X-Wing)
//   1       4           the recipient's key version in the directory, u32 LE
//   5       enc         the KEM encapsulation (32 B for suite 1, 1,120 B for suite 2)
//   5+enc   32 + 16     the sealed data key and its AES-256-GCM tag
//
// A suite-1 envelope is 85 bytes, a suite-2 envelope 1,173 bytes. `info`
// (see bindings.ts) is not carried: the opener rebuilds it from what it
// expects, so an envelope meant for another record, chain or recipient fails.

import { buffer, concat, u32le, u8 } from './bytes.js';
import { importPrivateKey, importPublicKey, type HealthKey, type PublicHealthKey } from './keys.js';
import { cipherSuite, suiteInfo, type SuiteId } from './suites.js';

export const DATA_KEY_LENGTH = 32;
const TAG_LENGTH = 16;

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function envelopeLength(suite: SuiteId): number {
  return 1 + 4 + suiteInfo(suite).encLength + DATA_KEY_LENGTH + TAG_LENGTH;
}

/** Seals `dataKey` to `recipient` under `info` (a binding from bindings.ts). */
export async function sealDataKey(dataKey: Uint8Array, recipient: PublicHealthKey & { version: number },
  info: Uint8Array): Promise<Uint8Array> {
  if (dataKey.length !== DATA_KEY_LENGTH) throw new EnvelopeError('a data key is 32 bytes');
  const recipientPublicKey = await importPublicKey(recipient);
  const sealed = await cipherSuite(recipient.suite).seal({ recipientPublicKey, info: buffer(info) }, buffer(dataKey));
  return concat(u8(recipient.suite), u32le(recipient.version), new Uint8Array(sealed.enc),
    new Uint8Array(sealed.ct));
}

/** What an envelope says about itself before it is opened. */
export function envelopeHeader(envelope: Uint8Array): { suite: SuiteId; keyVersion: number } {
  if (envelope.length < 5) throw new EnvelopeError('an envelope is at least 5 bytes');
  const suite = suiteInfo(envelope[0]).id;
  if (envelope.length !== envelopeLength(suite)) {
    throw new EnvelopeError(`a suite-${suite} envelope is ${envelopeLength(suite)} bytes, got ${envelope.length}`);
  }
  return { suite, keyVersion: new DataView(envelope.buffer, envelope.byteOffset + 1, 4).getUint32(0, true) };
}

/**
 * Opens an envelope with the recipient's own key. Fails with EnvelopeError
 * if it was sealed to another key, under another binding, or altered.
 */
export async function openDataKey(envelope: Uint8Array, key: HealthKey, info: Uint8Array): Promise<Uint8Array> {
  const { suite } = envelopeHeader(envelope);
  if (suite !== key.suite) throw new EnvelopeError(`the envelope is suite ${suite}, the key suite ${key.suite}`);
  const encLength = suiteInfo(suite).encLength;
  const enc = envelope.subarray(5, 5 + encLength);
  const sealed = envelope.subarray(5 + encLength);
  try {
    const opened = await cipherSuite(suite).open(
      { recipientKey: await importPrivateKey(key), enc: buffer(enc), info: buffer(info) }, buffer(sealed));
    return new Uint8Array(opened);
  } catch (error) {
    if (error instanceof EnvelopeError) throw error;
    throw new EnvelopeError('the envelope does not open with this key for this record (another key, binding, or altered)');
  }
}
