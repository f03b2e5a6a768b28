// Health keys: each participant's encryption key pair, separate from its
// signing account. sr25519 wallets neither encrypt nor sign
// deterministically, so no key is ever derived from the signing key or a
// signature; a health key is generated (or, for the development accounts of
// a development chain only, derived from a public name) and its public half
// published in the key directory.

import { blake2b256 } from './hash.js';
import { buffer, concat, fromHex, toHex, utf8 } from './bytes.js';
import { cipherSuite, DEFAULT_SUITE, suiteInfo, type SuiteId } from './suites.js';

export class MalformedKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedKeyError';
  }
}

/** A health key pair: the private half never leaves its holder. */
export interface HealthKey {
  suite: SuiteId;
  /** The 32-byte private key (X25519 scalar, or X-Wing's seed). */
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A published public key, as the key directory holds it. */
export interface PublicHealthKey {
  suite: SuiteId;
  publicKey: Uint8Array;
  /** The directory's version number of this key (1 for the first). */
  version?: number;
}

async function fromKeyPair(suite: SuiteId, pair: CryptoKeyPair): Promise<HealthKey> {
  const { kem } = cipherSuite(suite);
  return {
    suite,
    privateKey: new Uint8Array(await kem.serializePrivateKey(pair.privateKey)),
    publicKey: new Uint8Array(await kem.serializePublicKey(pair.publicKey)),
  };
}

/** A health key as JSON, both halves hex: what a key file holds (keep it private: the private half is in it). */
export interface StoredHealthKey {
  suite: number;
  privateKey: string;
  publicKey: string;
}

export function storeHealthKey(key: HealthKey): StoredHealthKey {
  return { suite: key.suite, privateKey: toHex(key.privateKey), publicKey: toHex(key.publicKey) };
}

/** A stored health key back, refusing an unknown suite or halves of the wrong length. */
export function loadHealthKey(stored: unknown): HealthKey {
  const json = stored as Partial<StoredHealthKey> | null;
  if (!json || typeof json.privateKey !== 'string' || typeof json.publicKey !== 'string') {
    throw new MalformedKeyError('a stored health key is {suite, privateKey, publicKey}');
  }
  const info = suiteInfo(json.suite);
  const key = { suite: info.id, privateKey: fromHex(json.privateKey), publicKey: fromHex(json.publicKey) };
  if (key.privateKey.length !== info.privateKeyLength || key.publicKey.length !== info.publicKeyLength) {
    throw new MalformedKeyError(`a stored ${info.name} key has halves of the wrong length`);
  }
  return key;
}

/** A fresh random health key of `suite` (X-Wing unless told otherwise). */
export async function generateHealthKey(suite: SuiteId = DEFAULT_SUITE): Promise<HealthKey> {
  return fromKeyPair(suite, await cipherSuite(suite).kem.generateKeyPair());
}

/** RFC 9180 DeriveKeyPair from input keying material (at least 32 bytes). */
export async function deriveHealthKey(suite: SuiteId, ikm: Uint8Array): Promise<HealthKey> {
  if (ikm.length < 32) throw new RangeError('input keying material must be at least 32 bytes');
  return fromKeyPair(suite, await cipherSuite(suite).kem.deriveKeyPair(buffer(ikm)));
}

/**
 * The deterministic key of a development account (`//Alice`, …) on a
 * development chain: anyone can compute it, so it protects nothing and must
 * never be used elsewhere.
 */
export async function developmentHealthKey(name: string, suite: SuiteId = DEFAULT_SUITE): Promise<HealthKey> {
  return deriveHealthKey(suite, blake2b256(concat(utf8('health-suite/development-key/v1/'), utf8(name))));
}

/** The public key as a WebCrypto key, refusing a wrong length or an invalid point. */
export async function importPublicKey(key: PublicHealthKey): Promise<CryptoKey> {
  const info = suiteInfo(key.suite);
  if (!(key.publicKey instanceof Uint8Array) || key.publicKey.length !== info.publicKeyLength) {
    throw new MalformedKeyError(
      `a suite-${info.id} public key is ${info.publicKeyLength} bytes, got ${key.publicKey?.length ?? 'none'}`);
  }
  try {
    return await cipherSuite(key.suite).kem.deserializePublicKey(buffer(key.publicKey));
  } catch (error) {
    throw new MalformedKeyError(`not a valid suite-${info.id} public key: ${(error as Error).message}`);
  }
}

export async function importPrivateKey(key: HealthKey): Promise<CryptoKey> {
  const info = suiteInfo(key.suite);
  if (!(key.privateKey instanceof Uint8Array) || key.privateKey.length !== info.privateKeyLength) {
    throw new MalformedKeyError(`a suite-${info.id} private key is ${info.privateKeyLength} bytes`);
  }
  try {
    return await cipherSuite(key.suite).kem.deserializePrivateKey(buffer(key.privateKey));
  } catch (error) {
    throw new MalformedKeyError(`not a valid suite-${info.id} private key: ${(error as Error).message}`);
  }
}

/** A short, printable fingerprint of a public key (for logs and the page). */
export function fingerprint(key: PublicHealthKey): string {
  return `${key.suite}:${toHex(blake2b256(key.publicKey).subarray(0, 8)).slice(2)}`;
}
