// What every ciphertext is bound to. A container's associated data and an
// envelope's HPKE `info` name the chain, the record-access contract and the
// record (or release) they belong to, so a ciphertext moved to another chain,
// deployment, patient, category or recipient fails to open instead of
// opening in the wrong place. Encodings are fixed-width (SCALE for the
// integers), each behind its own domain label.

import { concat, expectLength, u32le, u64le, u8, utf8 } from './bytes.js';

/** Where a record lives: the chain (its genesis hash) and the record-access contract. */
export interface Deployment {
  /** The chain's genesis hash, 32 bytes. */
  genesisHash: Uint8Array;
  /** The record-access contract's account id, 32 bytes. */
  recordAccess: Uint8Array;
}

/** What a record version's container is bound to; all known before `add_record`. */
export interface RecordBinding extends Deployment {
  /** The patient's account id, 32 bytes. */
  patient: Uint8Array;
  /** The data category's index in `interfaces::DataCategory` (0 = Demographics, …). */
  category: number;
  /**
   * The id of the record this version supersedes, or null for a first
   * version. (The new record's own id is only assigned when `add_record`
   * commits, so it cannot be bound in advance; the content hash on chain
   * pins the ciphertext to it instead.)
   */
  supersedes: bigint | number | null;
}

function deployment(binding: Deployment): Uint8Array {
  return concat(expectLength(binding.genesisHash, 32, 'genesis hash'),
    expectLength(binding.recordAccess, 32, 'record-access contract'));
}

/** The container's associated data after its header. */
export function recordAad(binding: RecordBinding): Uint8Array {
  return concat(utf8('health-suite/record/v1'), deployment(binding),
    expectLength(binding.patient, 32, 'patient'), u8(binding.category),
    u64le(binding.supersedes === null ? 0 : binding.supersedes));
}

/**
 * To whom a record version's data key is sealed by its author, for which
 * record. The author seals after `add_record`, so the record's id is known
 * and bound: an envelope copied onto another record (even one that copies
 * this record's content hash) does not open for the keeper, who rebuilds
 * `info` from the record it is asked about.
 */
export interface DataKeyBinding extends Deployment {
  /** The record's id in record access. */
  recordId: bigint | number;
  /** blake2-256 of the record's container (its on-chain content hash). */
  contentHash: Uint8Array;
  /** The recipient's account id, 32 bytes. */
  recipient: Uint8Array;
}

export function dataKeyInfo(binding: DataKeyBinding, keyVersion: number): Uint8Array {
  return concat(utf8('health-suite/data-key/v2'), deployment(binding), u64le(binding.recordId),
    expectLength(binding.contentHash, 32, 'content hash'),
    expectLength(binding.recipient, 32, 'recipient'), u32le(keyVersion));
}

/** To whom the keeper re-seals a data key, after which audited grant. */
export interface ReleaseBinding extends Deployment {
  recordId: bigint | number;
  /** The audit trail's sequence number of the grant the release answers. */
  auditSeq: bigint | number;
  /** The grantee's account id, 32 bytes. */
  grantee: Uint8Array;
}

export function releaseInfo(binding: ReleaseBinding, keyVersion: number): Uint8Array {
  return concat(utf8('health-suite/release/v1'), deployment(binding), u64le(binding.recordId),
    u64le(binding.auditSeq), expectLength(binding.grantee, 32, 'grantee'), u32le(keyVersion));
}
