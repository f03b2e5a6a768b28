// The two HPKE suites (RFC 9180, base mode) a health key may use. Both share
// the KDF (HKDF-SHA256) and the AEAD (AES-256-GCM); they differ in the KEM:
//
//   suite 1: DHKEM(X25519, HKDF-SHA256)            public key 32 B, enc 32 B
//   suite 2: X-Wing (X25519 + ML-KEM-768, hybrid)  public key 1,216 B, enc 1,120 B
//
// Suite 2 is the default for new keys: what is sealed today stays closed to
// a future quantum computer as long as either half of the hybrid holds. The
// ids are the suite's own numbers in the key directory, not IANA's KEM ids.

import { Aes256Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { XWing } from '@hpke/hybridkem-x-wing';

export const SUITE_X25519 = 1;
export const SUITE_XWING = 2;
export type SuiteId = typeof SUITE_X25519 | typeof SUITE_XWING;
export const DEFAULT_SUITE: SuiteId = SUITE_XWING;

export interface SuiteInfo {
  id: SuiteId;
  name: string;
  /** RFC 9180 / draft KEM id (what @hpke/core calls the KEM). */
  kemId: number;
  publicKeyLength: number;
  privateKeyLength: number;
  encLength: number;
}

export const SUITES: Record<SuiteId, SuiteInfo> = {
  [SUITE_X25519]: {
    id: SUITE_X25519,
    name: 'DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM',
    kemId: 0x0020,
    publicKeyLength: 32,
    privateKeyLength: 32,
    encLength: 32,
  },
  [SUITE_XWING]: {
    id: SUITE_XWING,
    name: 'X-Wing (X25519 + ML-KEM-768), HKDF-SHA256, AES-256-GCM',
    kemId: 0x647a,
    publicKeyLength: 1216,
    privateKeyLength: 32,
    encLength: 1120,
  },
};

export class UnknownSuiteError extends Error {
  constructor(readonly suite: unknown) {
    super(`unknown key suite ${String(suite)}: this suite knows 1 (X25519) and 2 (X-Wing)`);
    this.name = 'UnknownSuiteError';
  }
}

export function suiteInfo(suite: unknown): SuiteInfo {
  if (suite !== SUITE_X25519 && suite !== SUITE_XWING) throw new UnknownSuiteError(suite);
  return SUITES[suite];
}

const cache = new Map<SuiteId, CipherSuite>();

/** The @hpke/core cipher suite of `suite` (built once). */
export function cipherSuite(suite: SuiteId): CipherSuite {
  suiteInfo(suite);
  let found = cache.get(suite);
  if (!found) {
    const kem = suite === SUITE_X25519 ? new DhkemX25519HkdfSha256() : new XWing();
    found = new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes256Gcm() });
    cache.set(suite, found);
  }
  return found;
}
