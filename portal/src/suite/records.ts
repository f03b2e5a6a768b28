// Records through the data plane, in the page: sealed here before they
// leave their author, stored by CID on the deployment's storage node,
// opened here with the reader's health key. The bytes are dataplane/'s (the
// one implementation the Node clients use); this file only reads the chain
// with dedot and hands the data plane what it needs.
import { decodeAddress } from 'dedot/utils';
import type { Contract } from 'dedot/contracts';
import type { HealthKey, RecordContent, SuiteId } from '@health-suite/dataplane';
import type { KeyDirectoryContractApi } from '../contracts/types/key-directory';
import type { RecordAccessContractApi } from '../contracts/types/record-access';
import type { RecordAccessIndexRecord } from '../contracts/types/record-access/types';
import type { InterfacesDataCategory } from '../contracts/types/record-access/types';
import { dataPlane, fromHex, toHex, useDataPlane } from './dataPlane';
import { addressText, bytesText } from './format';

type Plane = ReturnType<typeof useDataPlane>;
export type DirectoryKey = { suite: SuiteId; publicKey: Uint8Array; version: number };

/** The largest resource the page seals (the container's bound, less its framing). */
export const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;

type MetadataType = { type: { path?: string[]; def: { variant?: { variants: { name: string; index: number }[] } } } };

/**
 * A category's index in the contracts' DataCategory (what the container
 * binds), read from record access's own metadata, as the Node client reads
 * it from its ABI: never from the order of a list in the page.
 */
export function categoryIndex(records: Contract<RecordAccessContractApi>, category: InterfacesDataCategory): number {
  const types = (records as unknown as { metadata: { types: MetadataType[] } }).metadata.types;
  const enumType = types.find(({ type }) => type.path?.at(-1) === 'DataCategory');
  const variant = enumType?.type.def.variant?.variants.find(({ name }) => name === category);
  if (!variant) throw new Error(`record access's metadata has no data category ${category}`);
  return variant.index;
}

/** `account`'s current key in the directory, or undefined. */
export async function directoryKeyOf(directory: Contract<KeyDirectoryContractApi>, account: string, caller: string)
  : Promise<DirectoryKey | undefined> {
  const { data } = await directory.query.keyOf(account, { caller });
  return data ? { suite: data.suite as SuiteId, publicKey: fromHex(data.publicKey), version: data.version } : undefined;
}

/** A resource typed or loaded by an author, checked before anything is sealed; the reason if not. */
export function parseResource(text: string): { resource?: Record<string, unknown>; problem?: string } {
  if (!text.trim()) return { problem: 'Enter the record as a FHIR R4 resource (JSON), or load it from a file.' };
  if (new TextEncoder().encode(text).length > MAX_RESOURCE_BYTES) {
    return { problem: `The resource is larger than ${MAX_RESOURCE_BYTES / 1024 / 1024} MiB.` };
  }
  let resource: Record<string, unknown>;
  try {
    resource = JSON.parse(text);
  } catch (error) {
    return { problem: `The resource is not JSON: ${(error as Error).message}` };
  }
  if (!resource || typeof resource !== 'object' || Array.isArray(resource) || typeof resource.resourceType !== 'string') {
    return { problem: 'A FHIR resource is a JSON object with a resourceType.' };
  }
  // R4's own cardinalities for the resources the suite renders (1..1 elements).
  const required: Record<string, string[]> = {
    Observation: ['status', 'code'], DiagnosticReport: ['status', 'code'], Condition: ['subject'],
    AllergyIntolerance: ['patient'], MedicationStatement: ['status', 'subject'], Immunization: ['status', 'vaccineCode', 'patient'],
    Procedure: ['status', 'subject'],
  };
  const missing = (required[resource.resourceType as string] ?? []).filter((element) => resource[element] === undefined);
  if (missing.length) return { problem: `A FHIR R4 ${resource.resourceType} needs ${missing.join(' and ')}.` };
  return { resource };
}

async function fetchAndOpen(plane: Plane, records: Contract<RecordAccessContractApi>, record: RecordAccessIndexRecord,
  dataKey: Uint8Array): Promise<RecordContent> {
  const lib = await dataPlane();
  if (!plane.storage || !plane.deployment) throw new Error('The deployment names no storage node.');
  const cid = lib.cidOfPointer(bytesText(record.pointer));
  const container = await lib.fetchContainer(plane.storage, cid, fromHex(record.contentHash));
  const content = await lib.openRecord(container, dataKey, {
    ...plane.deployment, patient: decodeAddress(addressText(record.patient)), category: categoryIndex(records, record.category),
    supersedes: record.supersedes ?? null,
  });
  // The fields shown are the ones committed on chain, which claims and disclosures prove against.
  lib.checkFields(content, fromHex(record.fieldsRoot), record.fieldCount);
  return content;
}

/** The patient opens their own record with the envelope sealed to them. */
export async function openOwnRecord(plane: Plane, records: Contract<RecordAccessContractApi>, key: HealthKey,
  record: RecordAccessIndexRecord, patient: string): Promise<RecordContent> {
  const lib = await dataPlane();
  const { data: envelope } = await records.query.envelope(record.id, patient, { caller: patient });
  if (!envelope) throw new Error(`Record #${record.id} has no key sealed to you.`);
  if (!plane.deployment) throw new Error('Not connected to the chain yet.');
  const dataKey = await lib.openRecordKey(fromHex(envelope), key, {
    ...plane.deployment, recordId: record.id, contentHash: fromHex(record.contentHash), recipient: decodeAddress(patient),
  });
  try {
    return await fetchAndOpen(plane, records, record, dataKey);
  } finally {
    dataKey.fill(0);
  }
}

/**
 * A grantee opens record `recordId` after a committed grant (audit entry
 * `auditSeq`): the keeper re-seals its key to the grantee's directory key
 * once it has read that entry on chain; then fetch by CID, verify, decrypt.
 */
export async function openGrantedRecord(plane: Plane, records: Contract<RecordAccessContractApi>, key: HealthKey,
  recordId: bigint, auditSeq: bigint, grantee: string): Promise<RecordContent> {
  const lib = await dataPlane();
  if (!plane.keeper || !plane.deployment) throw new Error('The deployment names no keeper.');
  const request = {
    genesisHash: toHex(plane.deployment.genesisHash), recordAccess: plane.recordAccessAddress,
    recordId: Number(recordId), grantSeq: Number(auditSeq), grantee,
  };
  const answer = await lib.requestRelease(plane.keeper, request,
    (message) => plane.sign(message, `ask the keeper for record #${recordId}'s key`));
  const { data: record } = await records.query.record(recordId, { caller: grantee });
  if (!record) throw new Error(`There is no record #${recordId}.`);
  const dataKey = await lib.openReleasedKey(answer, key, {
    ...plane.deployment, recordId, auditSeq, grantee: decodeAddress(grantee),
  });
  try {
    return await fetchAndOpen(plane, records, record, dataKey);
  } finally {
    dataKey.fill(0);
  }
}
