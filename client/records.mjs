// Records through the data plane, for the Node clients (the demo, the CLI):
// an author seals a FHIR resource, stores it by CID and indexes it; a
// grantee reads it after a committed, audited grant and the keeper's
// release; the patient reads their own with their own envelope. The
// cryptography is dataplane/'s, the one implementation the portal uses too.

import { hexToU8a, u8aToHex, u8aToString } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import {
  checkFields, cidOfPointer, fetchContainer, fhirContent, openRecord, openRecordKey, openReleasedKey, pointerOf,
  requestRelease, renderResource, sealRecord, sealRecordKey, toHex, uploadContainer,
} from '../dataplane/dist/index.js';
import { validateFhir } from './fhir.mjs';
import { auditSeqOf, eventNumber } from './suite.mjs';

/** Where records of `suite` are bound: its chain and its record-access contract. */
export function deploymentOf(suite) {
  return {
    genesisHash: hexToU8a(suite.api.genesisHash.toHex()),
    recordAccess: decodeAddress(suite.manifest.contracts.record_access.address),
  };
}

/** The index of `category` (for example 'LabResults') in the contracts' DataCategory. */
export function categoryIndex(suite, category) {
  const abi = suite.contracts.record_access.abi;
  const argument = suite.message('record_access', 'records_of').args.find(({ name }) => name === 'category');
  return abi.registry.createType(argument.type.lookupName ?? argument.type.type, category).toU8a()[0];
}

/** `account`'s current key in the key directory, as the data plane takes it, or null. */
export async function directoryKey(suite, account) {
  const { value } = await suite.query('key_directory', 'key_of', account, account.address ?? account);
  return value ? { suite: value.suite, publicKey: hexToU8a(value.publicKey), version: value.version } : null;
}

/** Publishes `healthKey` for `signer` unless it is its current key already; returns its version. */
export async function publishHealthKey(suite, signer, healthKey) {
  const current = await directoryKey(suite, signer);
  if (current && u8aToHex(current.publicKey) === u8aToHex(healthKey.publicKey)) return current.version;
  await suite.tx('key_directory', 'publish', signer, healthKey.suite, toHex(healthKey.publicKey));
  return (await directoryKey(suite, signer)).version;
}

/**
 * `author` writes `resource` for `patient`: validated as FHIR R4, fields salted, content sealed
 * under a fresh data key, uploaded to the storage node, indexed with
 * add_record (content hash = blake2-256 of the ciphertext), and the data
 * key sealed to the patient and to the patient's keeper (their directory
 * keys). Nothing is indexed if the upload fails. Returns what was written.
 */
export async function writeRecord(suite, author, { patient, category, purpose, resource, supersedes = null }) {
  validateFhir(resource);
  const storage = suite.manifest.services?.storage;
  if (!storage) throw new Error('the manifest names no storage node (deploy with scripts/deploy)');
  const keeper = (await suite.query('record_access', 'keeper_of', author, patient)).value;
  const [patientKey, keeperKey] = [await directoryKey(suite, patient), keeper && await directoryKey(suite, keeper)];
  if (!patientKey) throw new Error('the patient has published no health key in the key directory');
  if (keeper && !keeperKey) throw new Error('the patient\'s keeper has published no health key');
  const content = fhirContent(resource);
  const binding = { ...deploymentOf(suite), patient: decodeAddress(patient), category: categoryIndex(suite, category),
    supersedes };
  const sealed = await sealRecord(content, binding);
  const { container, contentHash: hash, leaves } = sealed;
  const cid = await uploadContainer(storage, container);
  let recordId;
  let events;
  try {
    ({ events } = await suite.tx('record_access', 'add_record', author, {
      patient, category, purpose, contentHash: u8aToHex(hash), pointer: pointerOf(cid),
      fieldsRoot: u8aToHex(sealed.fieldsRoot), fieldCount: leaves.length, supersedes,
    }));
    // The id the block assigned, not the dry run's guess.
    recordId = eventNumber(events, 'record_access', 'RecordAdded', 'recordId');
    if (recordId === null) throw new Error('add_record emitted no RecordAdded');
    for (const [recipient, key] of [[patient, patientKey], ...(keeper ? [[keeper, keeperKey]] : [])]) {
      const envelope = await sealRecordKey(sealed.dataKey, key, { ...deploymentOf(suite), recordId, contentHash: hash,
        recipient: decodeAddress(recipient) });
      await sealTo(suite, author, recordId, recipient, envelope);
    }
  } finally {
    sealed.forget();
  }
  return { recordId, cid, pointer: pointerOf(cid), contentHash: hash, container, content, leaves, events };
}

/**
 * Stores one envelope of a just-indexed record, trying three times: a
 * record whose key reaches neither its patient nor its keeper opens for no
 * one, so a failure says which record is left without its key.
 */
async function sealTo(suite, author, recordId, recipient, envelope) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await suite.tx('record_access', 'set_envelope', author, recordId, recipient, toHex(envelope));
    } catch (error) {
      if (attempt === 3) {
        throw new Error(`record ${recordId} is indexed but its key is not sealed to ${recipient}: ${error.message}`);
      }
    }
  }
}

/**
 * Fetches, verifies and opens record `record` (an index entry) with
 * `dataKey` (zeroed after), checking the opened fields against the
 * fields root and count on chain.
 */
async function openIndexed(suite, record, dataKey) {
  try {
    const pointer = u8aToString(hexToU8a(record.pointer));
    const container = await fetchContainer(suite.manifest.services.storage, cidOfPointer(pointer),
      hexToU8a(record.contentHash));
    const content = await openRecord(container, dataKey, { ...deploymentOf(suite), patient: decodeAddress(record.patient),
      category: categoryIndex(suite, record.category), supersedes: record.supersedes ?? null });
    checkFields(content, hexToU8a(record.fieldsRoot), record.fieldCount);
    return content;
  } finally {
    dataKey.fill(0);
  }
}

/**
 * `grantee` reads record `recordId` for `purpose`: a committed
 * request_access (audited), the keeper's release naming that audit entry,
 * then fetch by CID, verify, decrypt with `healthKey`. Returns the content,
 * the grant's audit entry and the release's; throws if denied or refused.
 */
export async function readAsGrantee(suite, grantee, healthKey, recordId, purpose) {
  const { events } = await suite.tx('record_access', 'request_access', grantee, recordId, purpose);
  // What the block did decides, not the dry run's prediction.
  const denied = events.find((event) => event.contract === 'record_access' && event.event === 'AccessDenied');
  if (denied) throw new Error(`access denied: ${denied.fields.reason}`);
  if (eventNumber(events, 'record_access', 'AccessGranted', 'recordId') !== recordId) {
    throw new Error(`request_access(${recordId}) granted nothing in its block`);
  }
  const grantSeq = auditSeqOf(events);
  const release = await askKeeper(suite, grantee, recordId, grantSeq);
  const record = (await suite.query('record_access', 'record', grantee, recordId)).value;
  const dataKey = await openReleasedKey(release, healthKey, { ...deploymentOf(suite), recordId, auditSeq: grantSeq,
    grantee: decodeAddress(grantee.address) });
  return { content: await openIndexed(suite, record, dataKey), grantSeq, release };
}

/** Asks the patient's keeper for the key of `recordId` under grant `grantSeq`, signed by `signer`. */
export function askKeeper(suite, signer, recordId, grantSeq, grantee = signer.address) {
  return requestRelease(suite.manifest.services.keeper, {
    genesisHash: suite.api.genesisHash.toHex(), recordAccess: suite.manifest.contracts.record_access.address,
    recordId, grantSeq, grantee,
  }, (message) => signer.sign(message));
}

/** The patient reads their own record with the envelope sealed to them. */
export async function readAsPatient(suite, patient, healthKey, recordId) {
  const record = (await suite.query('record_access', 'record', patient, recordId)).value;
  const envelope = (await suite.query('record_access', 'envelope', patient, recordId, patient.address)).value;
  if (!envelope) throw new Error(`record ${recordId} has no envelope sealed to the patient`);
  const dataKey = await openRecordKey(hexToU8a(envelope), healthKey, { ...deploymentOf(suite), recordId,
    contentHash: hexToU8a(record.contentHash), recipient: decodeAddress(patient.address) });
  return openIndexed(suite, record, dataKey);
}

export { renderResource };
