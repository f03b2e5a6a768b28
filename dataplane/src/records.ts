// A record's life through the data plane, without the chain: what an author
// seals before `add_record`, what it seals to each reader after, and how a
// reader opens it. The clients (the Node CLI and demo on polkadot.js, the
// portal on dedot) make the chain calls; every byte they send or open comes
// from here.

import { type DataKeyBinding, type Deployment, type RecordBinding, dataKeyInfo, releaseInfo } from './bindings.js';
import { openContainer, newDataKey, sealContainer } from './container.js';
import { type RecordContent, decodeContent, encodeContent } from './content.js';
import { envelopeHeader, openDataKey, sealDataKey } from './envelope.js';
import { fieldLeaves, merkleRoot } from './fields.js';
import { contentHash } from './hash.js';
import type { HealthKey, PublicHealthKey } from './keys.js';
import type { ReleaseAnswer } from './release.js';
import { constantTimeEqual, fromHex } from './bytes.js';

/** A record version sealed by its author, ready for upload and `add_record`. */
export interface SealedRecord {
  /** The version's fresh data key: seal it to each reader, then `forget()` it. */
  dataKey: Uint8Array;
  /** The container (what the storage node keeps). */
  container: Uint8Array;
  /** blake2-256 of the container: the content hash `add_record` takes. */
  contentHash: Uint8Array;
  /** The salted Merkle leaves of the content's fields, in order. */
  leaves: Uint8Array[];
  /** Their root: `add_record`'s fields root (32 zero bytes for a record without fields). */
  fieldsRoot: Uint8Array;
  /** Zeroes the data key once every envelope is sealed. */
  forget(): void;
}

/** Seals `content` under a fresh data key, bound to `binding`. */
export async function sealRecord(content: RecordContent, binding: RecordBinding): Promise<SealedRecord> {
  const dataKey = newDataKey();
  let container: Uint8Array;
  try {
    container = await sealContainer(encodeContent(content), dataKey, binding);
  } catch (error) {
    dataKey.fill(0);
    throw error;
  }
  const leaves = fieldLeaves(content.fields);
  return {
    dataKey, container, contentHash: contentHash(container), leaves,
    fieldsRoot: leaves.length ? merkleRoot(leaves) : new Uint8Array(32),
    forget: () => dataKey.fill(0),
  };
}

/**
 * The envelope of record `recordId`'s data key for `recipient` (its account
 * id), sealed to `key` (its directory key, with the version published).
 */
export function sealRecordKey(dataKey: Uint8Array, key: PublicHealthKey & { version: number },
  binding: DataKeyBinding): Promise<Uint8Array> {
  return sealDataKey(dataKey, key, dataKeyInfo(binding, key.version));
}

/** Opens an envelope sealed to `binding.recipient` by the record's author (the patient's or the keeper's own). */
export function openRecordKey(envelope: Uint8Array, key: HealthKey, binding: DataKeyBinding): Promise<Uint8Array> {
  return openDataKey(envelope, key, dataKeyInfo(binding, envelopeHeader(envelope).keyVersion));
}

/** What a release binds: the record, the grant's audit entry and the grantee's account id. */
export type ReleaseTarget = Deployment & { recordId: bigint | number; auditSeq: bigint | number; grantee: Uint8Array };

/** The keeper re-seals a data key to the grantee's directory key, under this grant. */
export function sealReleasedKey(dataKey: Uint8Array, key: PublicHealthKey & { version: number },
  binding: ReleaseTarget): Promise<Uint8Array> {
  return sealDataKey(dataKey, key, releaseInfo(binding, key.version));
}

/** Opens the keeper's answer to a release: the data key re-sealed to the grantee under this grant. */
export function openReleasedKey(answer: ReleaseAnswer, key: HealthKey, binding: ReleaseTarget): Promise<Uint8Array> {
  return openDataKey(fromHex(answer.envelope), key, releaseInfo(binding, answer.keyVersion));
}

/** Opens a fetched (and verified) container with its data key. */
export async function openRecord(container: Uint8Array, dataKey: Uint8Array, binding: RecordBinding): Promise<RecordContent> {
  return decodeContent(await openContainer(container, dataKey, binding));
}

export class FieldsMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldsMismatchError';
  }
}

/**
 * Checks an opened record's salted fields against the fields root and
 * count on chain, so a reader sees the fields its claims and disclosures
 * are proven against, and no others.
 */
export function checkFields(content: RecordContent, fieldsRoot: Uint8Array, fieldCount: number): void {
  const leaves = fieldLeaves(content.fields);
  const root = leaves.length ? merkleRoot(leaves) : new Uint8Array(32);
  if (leaves.length !== fieldCount || !constantTimeEqual(root, fieldsRoot)) {
    throw new FieldsMismatchError(`the record's ${leaves.length} fields do not give the ${fieldCount} fields committed on chain`);
  }
}

type Resource = Record<string, any>;

function quantity(value: Resource | undefined): string | undefined {
  if (!value || value.value === undefined) return undefined;
  return `${value.value} ${value.unit ?? value.code ?? ''}`.trim();
}

function observed(resource: Resource): string {
  return quantity(resource.valueQuantity) ?? resource.valueString ?? resource.valueCodeableConcept?.text
    ?? resource.valueCodeableConcept?.coding?.[0]?.display ?? (resource.valueBoolean !== undefined ? String(resource.valueBoolean) : undefined)
    ?? (Array.isArray(resource.component)
      ? resource.component.map((part: Resource) => `${nameOf(part)} ${quantity(part.valueQuantity) ?? '?'}`).join(', ')
      : '(no value)');
}

function nameOf(resource: Resource): string {
  const coding = resource.code?.coding?.[0];
  return coding?.display ?? resource.code?.text ?? coding?.code ?? resource.resourceType ?? 'component';
}

/**
 * A FHIR resource as a person reads it: an Observation as what, value,
 * unit and when; a DiagnosticReport with its results; any other resource
 * as formatted JSON.
 */
export function renderResource(resource: Resource): string {
  if (resource.resourceType === 'Observation') {
    const when = resource.effectiveDateTime ?? resource.effectivePeriod?.start ?? resource.issued ?? 'no date';
    return `${nameOf(resource)}: ${observed(resource)}, ${when} (${resource.status ?? 'no status'})`;
  }
  if (resource.resourceType === 'DiagnosticReport') {
    const results = (resource.result ?? []).map((result: Resource) => result.display ?? result.reference).join('; ');
    return `${nameOf(resource)} (${resource.status ?? 'no status'}), results: ${results || 'none'}`
      + (resource.conclusion ? `; conclusion: ${resource.conclusion}` : '');
  }
  return JSON.stringify(resource, null, 2);
}
