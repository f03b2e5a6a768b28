// A health key's backup: the private key sealed with AES-256-GCM under a key
// stretched by scrypt from a *generated* recovery code. A PIN or a chosen
// password would fall to an offline search once the file leaks; a generated
// code of 160 random bits does not, and scrypt (N = 2^15, r = 8, p = 1:
// 32 MiB of memory per guess) makes each guess cost more on top.
//
// The recovery code is 32 Crockford base32 characters in eight groups of
// four (for example `7K2M-…`); reading it back ignores case, dashes and
// spaces, and takes I and L for 1 and O for 0.

import { scryptAsync } from '@noble/hashes/scrypt.js';
import { buffer, concat, fromHex, randomBytes, toHex, utf8 } from './bytes.js';
import { MalformedKeyError, type HealthKey } from './keys.js';
import { suiteInfo } from './suites.js';

export const BACKUP_FORMAT = 'health-suite/health-key-backup';
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_BYTES = 20;

export class RecoveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecoveryError';
  }
}

export interface KeyBackup {
  format: typeof BACKUP_FORMAT;
  version: 1;
  suite: number;
  publicKey: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  nonce: string;
  ciphertext: string;
}

/** A fresh recovery code: 160 random bits. */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(CODE_BYTES);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

function codeBytes(code: string): Uint8Array {
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== 32 || [...clean].some((c) => !ALPHABET.includes(c))) {
    throw new RecoveryError('a recovery code is 32 characters of 0-9 and A-Z (without I, L, O, U), in groups of four');
  }
  const out = new Uint8Array(CODE_BYTES);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const c of clean) {
    value = (value << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

async function wrappingKey(code: string, salt: Uint8Array, usage: KeyUsage,
  params: { N: number; r: number; p: number }): Promise<CryptoKey> {
  const stretched = await scryptAsync(codeBytes(code), salt, { ...params, dkLen: 32 });
  return globalThis.crypto.subtle.importKey('raw', buffer(stretched), 'AES-GCM', false, [usage]);
}

function associated(suite: number, publicKey: Uint8Array): ArrayBuffer {
  return buffer(concat(utf8(`${BACKUP_FORMAT}/v1/`), Uint8Array.of(suite), publicKey));
}

/** The backup file's content for `key` under `recoveryCode`. */
export async function backupHealthKey(key: HealthKey, recoveryCode: string): Promise<KeyBackup> {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const sealed = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buffer(nonce), additionalData: associated(key.suite, key.publicKey) },
    await wrappingKey(recoveryCode, salt, 'encrypt', SCRYPT), buffer(key.privateKey));
  return {
    format: BACKUP_FORMAT, version: 1, suite: key.suite, publicKey: toHex(key.publicKey),
    kdf: { name: 'scrypt', ...SCRYPT, salt: toHex(salt) }, nonce: toHex(nonce),
    ciphertext: toHex(new Uint8Array(sealed)),
  };
}

/** The key in a backup; RecoveryError for a wrong code, an altered file or not a backup. */
export async function restoreHealthKey(backup: unknown, recoveryCode: string): Promise<HealthKey> {
  const file = backup as Partial<KeyBackup>;
  if (!file || file.format !== BACKUP_FORMAT || file.version !== 1 || file.kdf?.name !== 'scrypt') {
    throw new RecoveryError('not a health key backup of this suite (format, version or kdf)');
  }
  const { N, r, p } = file.kdf;
  // Refuse parameters that would freeze the page or weaken the stretch.
  if (N !== SCRYPT.N || r !== SCRYPT.r || p !== SCRYPT.p) {
    throw new RecoveryError(`unexpected scrypt parameters N=${N} r=${r} p=${p}`);
  }
  let suite;
  let publicKey: Uint8Array;
  try {
    suite = suiteInfo(file.suite).id;
    publicKey = fromHex(file.publicKey ?? '');
  } catch (error) {
    throw new RecoveryError(`the backup's key is malformed: ${(error as Error).message}`);
  }
  let privateKey: Uint8Array;
  try {
    privateKey = new Uint8Array(await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buffer(fromHex(file.nonce ?? '')), additionalData: associated(suite, publicKey) },
      await wrappingKey(recoveryCode, fromHex(file.kdf.salt), 'decrypt', SCRYPT),
      buffer(fromHex(file.ciphertext ?? ''))));
  } catch (error) {
    if (error instanceof RecoveryError) throw error;
    throw new RecoveryError('wrong recovery code, or the backup file was altered');
  }
  if (privateKey.length !== suiteInfo(suite).privateKeyLength) throw new MalformedKeyError('the restored key has the wrong length');
  return { suite, privateKey, publicKey };
}
