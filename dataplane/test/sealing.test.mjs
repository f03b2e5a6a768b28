// Stories of the data plane's sealing: a record version sealed for its
// patient opens only for that patient, that record and that chain; keys are
// checked before they are used; a backup opens only with its recovery code.
//
//   node --test dataplane/test/sealing.test.mjs

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  backupHealthKey, bucketFor, committedFieldBytes, FactError, ContainerError, dataKeyInfo, decodeContent, developmentHealthKey, encodeContent,
  envelopeHeader, envelopeLength, EnvelopeError, fhirContent, fieldBytes, fieldLeaves, generateHealthKey,
  generateRecoveryCode, importPublicKey, leafHash, MalformedKeyError, MAX_PAYLOAD, merkleProof, merkleRoot, newDataKey, nodeHash,
  openContainer, openDataKey, OversizedRecordError, randomBytes, RecoveryError, restoreHealthKey, sealContainer,
  openRecord, openRecordKey, openReleasedKey, renderResource, sealDataKey, sealRecord, sealRecordKey, sealReleasedKey,
  SUITE_X25519, SUITE_XWING, toHex, UnknownSuiteError, loadHealthKey, storeHealthKey,
} from '../dist/index.js';

const observation = {
  resourceType: 'Observation', status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
  valueQuantity: { value: 6.1, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
  effectiveDateTime: '2026-11-30T09:15:00Z',
};
const deployment = { genesisHash: randomBytes(32), recordAccess: randomBytes(32) };
const patient = randomBytes(32);
const binding = { ...deployment, patient, category: 5, supersedes: null };

for (const suite of [SUITE_X25519, SUITE_XWING]) {
  test(`suite ${suite}: a record sealed for its patient opens for the patient, and for no one else`, async () => {
    // given a patient's health key and a FHIR Observation sealed under a fresh data key
    const patientKey = await generateHealthKey(suite);
    const content = fhirContent(observation);
    const dataKey = newDataKey();
    const container = await sealContainer(encodeContent(content), dataKey, binding);
    const contentHash = (await import('../dist/index.js')).contentHash(container);
    const info = dataKeyInfo({ ...deployment, recordId: 1, contentHash, recipient: patient }, 1);
    const envelope = await sealDataKey(dataKey, { ...patientKey, version: 1 }, info);
    assert.equal(envelope.length, envelopeLength(suite));
    assert.deepEqual(envelopeHeader(envelope), { suite, keyVersion: 1 });

    // when the patient opens the envelope and the container
    const opened = decodeContent(await openContainer(container, await openDataKey(envelope, patientKey, info), binding));
    // then they read what was written, salts included
    assert.deepEqual(opened.resource, observation);
    assert.equal(opened.fields.length, content.fields.length);
    assert.deepEqual(fieldLeaves(opened.fields), fieldLeaves(content.fields));

    // and a stranger's key, another recipient's binding, or another record's hash opens nothing
    const stranger = await generateHealthKey(suite);
    await assert.rejects(openDataKey(envelope, stranger, info), EnvelopeError);
    const otherRecipient = dataKeyInfo({ ...deployment, recordId: 1, contentHash, recipient: randomBytes(32) }, 1);
    await assert.rejects(openDataKey(envelope, patientKey, otherRecipient), EnvelopeError);
    const otherContent = dataKeyInfo({ ...deployment, recordId: 1, contentHash: randomBytes(32), recipient: patient }, 1);
    await assert.rejects(openDataKey(envelope, patientKey, otherContent), EnvelopeError);
    // an envelope copied onto another record that copies this one's content hash does not open either
    const copiedRecord = dataKeyInfo({ ...deployment, recordId: 2, contentHash, recipient: patient }, 1);
    await assert.rejects(openDataKey(envelope, patientKey, copiedRecord), EnvelopeError);
    const otherKeyVersion = dataKeyInfo({ ...deployment, recordId: 1, contentHash, recipient: patient }, 2);
    await assert.rejects(openDataKey(envelope, patientKey, otherKeyVersion), EnvelopeError);
    // an altered envelope does not open either
    const altered = envelope.slice();
    altered[altered.length - 1] ^= 1;
    await assert.rejects(openDataKey(altered, patientKey, info), EnvelopeError);
  });
}

test('a container moved to another patient, category, version, contract or chain does not open', async () => {
  const dataKey = newDataKey();
  const container = await sealContainer(encodeContent(fhirContent(observation)), dataKey, binding);
  for (const moved of [{ patient: randomBytes(32) }, { category: 6 }, { supersedes: 3 },
    { recordAccess: randomBytes(32) }, { genesisHash: randomBytes(32) }]) {
    await assert.rejects(openContainer(container, dataKey, { ...binding, ...moved }), ContainerError);
  }
  await assert.rejects(openContainer(container, newDataKey(), binding), ContainerError);
  const flipped = container.slice();
  flipped[100] ^= 1;
  await assert.rejects(openContainer(flipped, dataKey, binding), ContainerError);
  await assert.rejects(openContainer(container.subarray(0, 1000), dataKey, binding), /power of two/);
});

test('containers come in power-of-two buckets from 1 KiB to 8 MiB; a larger record is refused', async () => {
  assert.equal(bucketFor(0), 1024);
  assert.equal(bucketFor(1024 - 37), 1024);
  assert.equal(bucketFor(1024 - 36), 2048);
  assert.equal(bucketFor(10_000), 16 * 1024);
  assert.equal(bucketFor(1_000_000), 1024 * 1024);
  assert.equal(bucketFor(MAX_PAYLOAD), 8 * 1024 * 1024);
  assert.throws(() => bucketFor(MAX_PAYLOAD + 1), OversizedRecordError);
  await assert.rejects(sealContainer(new Uint8Array(MAX_PAYLOAD + 1), newDataKey(), binding), OversizedRecordError);
});

test('malformed and unknown-suite keys are refused before any sealing', async () => {
  const dataKey = newDataKey();
  const info = new Uint8Array(8);
  await assert.rejects(sealDataKey(dataKey, { suite: 3, publicKey: new Uint8Array(32), version: 1 }, info),
    UnknownSuiteError);
  await assert.rejects(sealDataKey(dataKey, { suite: SUITE_X25519, publicKey: new Uint8Array(31), version: 1 }, info),
    MalformedKeyError);
  await assert.rejects(sealDataKey(dataKey, { suite: SUITE_XWING, publicKey: new Uint8Array(32), version: 1 }, info),
    MalformedKeyError);
  await assert.rejects(importPublicKey({ suite: SUITE_XWING, publicKey: new Uint8Array(1215) }), MalformedKeyError);
  // an X25519 key of low order (all zeros) gives no shared secret and is refused at sealing
  await assert.rejects(sealDataKey(dataKey, { suite: SUITE_X25519, publicKey: new Uint8Array(32), version: 1 }, info));
  assert.throws(() => envelopeHeader(Uint8Array.of(9, 0, 0, 0, 1)), UnknownSuiteError);
});

test('development keys are the same on every machine, and differ per account', async () => {
  const alice = await developmentHealthKey('Alice');
  assert.deepEqual(await developmentHealthKey('Alice'), alice);
  assert.notDeepEqual((await developmentHealthKey('Bob')).publicKey, alice.publicKey);
  assert.equal(alice.suite, SUITE_XWING);
  assert.equal(alice.publicKey.length, 1216);
});

test('a key backup opens with its generated recovery code, and not with another', async () => {
  // given a health key backed up under a generated code
  const key = await generateHealthKey();
  const code = generateRecoveryCode();
  assert.match(code, /^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
  const backup = JSON.parse(JSON.stringify(await backupHealthKey(key, code)));
  assert.equal(backup.kdf.N, 32768);
  assert.ok(!JSON.stringify(backup).includes(Buffer.from(key.privateKey).toString('hex')));
  // when it is restored with the code, typed loosely, it is the same key
  assert.deepEqual(await restoreHealthKey(backup, code.toLowerCase().replaceAll('-', ' ')), key);
  // then another code, an altered file and a mistyped code are refused, each with its reason
  await assert.rejects(restoreHealthKey(backup, generateRecoveryCode()), /wrong recovery code/);
  await assert.rejects(restoreHealthKey({ ...backup, publicKey: backup.publicKey.replace(/.$/, '0') }, code),
    RecoveryError);
  await assert.rejects(restoreHealthKey(backup, 'ABCD-EFGH'), /32 characters/);
  await assert.rejects(restoreHealthKey({ ...backup, kdf: { ...backup.kdf, N: 2 } }, code), /scrypt parameters/);
  await assert.rejects(restoreHealthKey({ hello: 'world' }, code), /not a health key backup/);
});

test('a FHIR resource\'s fields are its values at their paths, each salted, provable one by one', () => {
  const content = fhirContent(observation);
  assert.deepEqual(content.fields.map((field) => new TextDecoder().decode(fieldBytes(field))).slice(0, 3),
    ['resourceType=Observation', 'status=final', 'code.coding[0].system=http://loinc.org']);
  const leaves = fieldLeaves(content.fields);
  const root = merkleRoot(leaves);
  // a verifier given one field, its salt and the proof rebuilds the root
  const index = content.fields.findIndex((field) => field.path === 'valueQuantity.value');
  let node = leafHash(content.fields[index].salt, fieldBytes(content.fields[index]));
  merkleProof(leaves, index).forEach((sibling, level) => {
    node = ((index >> level) & 1) ? nodeHash(sibling, node) : nodeHash(node, sibling);
  });
  assert.deepEqual(node, root);
  assert.throws(() => fhirContent({ notFhir: true }), /resourceType/);
});

test('a committed field puts only its commitment in the leaf, and keeps its number in the container', () => {
  // given an Observation with HbA1c committed as a number in tenths of a percent
  const content = fhirContent(observation);
  const digest = randomBytes(32);
  content.fields.push({
    path: 'loinc:4548-4/0.1%', value: '61', salt: randomBytes(32), commitment: { digest, blinding: '12345' },
  });
  // then its bytes are 0xFF, the name's length, the name and C: never the number
  const committed = content.fields[content.fields.length - 1];
  const bytes = fieldBytes(committed);
  assert.deepEqual(bytes, committedFieldBytes('loinc:4548-4/0.1%', digest));
  assert.deepEqual([bytes[0], bytes[1]], [0xff, 17]);
  assert.deepEqual(bytes.subarray(bytes.length - 32), digest);
  // and the container keeps the number and the blinding for its holder's proofs
  const decoded = decodeContent(encodeContent(content));
  assert.deepEqual(decoded.fields[decoded.fields.length - 1], committed);
  assert.deepEqual(fieldLeaves(decoded.fields), fieldLeaves(content.fields));
  // and a name of no byte, or of more than 64, is refused
  assert.throws(() => committedFieldBytes('', digest), FactError);
  assert.throws(() => committedFieldBytes('q'.repeat(65), digest), FactError);
  assert.throws(() => committedFieldBytes('q', digest.subarray(1)), FactError);
});

test('a record\'s life: sealed by its author, its key sealed to patient and keeper, re-sealed to a grantee, opened by each', async () => {
  // given a patient, a keeper and a physician, each with a health key of their own
  const [patientKey, keeperKey, physicianKey] = await Promise.all([1, 2, 3].map(() => generateHealthKey()));
  const [keeper, physician] = [randomBytes(32), randomBytes(32)];
  // when the author seals the Observation and its key to the patient and the keeper (record 7)
  const sealed = await sealRecord(fhirContent(observation), binding);
  assert.equal(sealed.leaves.length, fhirContent(observation).fields.length);
  assert.deepEqual(sealed.fieldsRoot, merkleRoot(sealed.leaves));
  const record = { ...deployment, recordId: 7, contentHash: sealed.contentHash };
  const toPatient = await sealRecordKey(sealed.dataKey, { ...patientKey, version: 1 }, { ...record, recipient: patient });
  const toKeeper = await sealRecordKey(sealed.dataKey, { ...keeperKey, version: 1 }, { ...record, recipient: keeper });
  const dataKey = Uint8Array.from(sealed.dataKey);
  sealed.forget();
  // then the author's copy of the data key is gone
  assert.ok(sealed.dataKey.every((byte) => byte === 0));
  // and the patient opens the record with her own envelope
  const opened = await openRecordKey(toPatient, patientKey, { ...record, recipient: patient });
  assert.deepEqual(opened, dataKey);
  const content = await openRecord(sealed.container, opened, binding);
  assert.deepEqual(content.resource, observation);
  assert.equal(renderResource(content.resource), 'Hemoglobin A1c: 6.1 %, 2026-11-30T09:15:00Z (final)');
  // and the keeper re-seals the key to the physician for audit entry 12, who opens it
  const atKeeper = await openRecordKey(toKeeper, keeperKey, { ...record, recipient: keeper });
  const grant = { ...deployment, recordId: 7, auditSeq: 12, grantee: physician };
  const released = await sealReleasedKey(atKeeper, { ...physicianKey, version: 1 }, grant);
  const answer = { envelope: toHex(released), keyVersion: 1, releaseSeq: 13 };
  assert.deepEqual(await openReleasedKey(answer, physicianKey, grant), dataKey);
  // but not under another grant, by another grantee, or with the patient's envelope
  await assert.rejects(openReleasedKey(answer, physicianKey, { ...grant, auditSeq: 11 }));
  await assert.rejects(openReleasedKey(answer, physicianKey, { ...grant, grantee: keeper }));
  await assert.rejects(openRecordKey(toPatient, physicianKey, { ...record, recipient: patient }));
  // and the patient's envelope names record 7: on record 8 it does not open
  await assert.rejects(openRecordKey(toPatient, patientKey, { ...record, recordId: 8, recipient: patient }));
});

test('resources read as a person reads them: an Observation, a DiagnosticReport, anything else as JSON', () => {
  assert.equal(renderResource({ resourceType: 'Observation', status: 'final', code: { text: 'Blood pressure' },
    component: [{ code: { text: 'Systolic' }, valueQuantity: { value: 128, unit: 'mmHg' } },
      { code: { text: 'Diastolic' }, valueQuantity: { value: 82, unit: 'mmHg' } }],
    effectiveDateTime: '2026-12-01' }), 'Blood pressure: Systolic 128 mmHg, Diastolic 82 mmHg, 2026-12-01 (final)');
  assert.equal(renderResource({ resourceType: 'DiagnosticReport', status: 'final', code: { text: 'Lipid panel' },
    result: [{ display: 'LDL 2.1 mmol/L' }, { reference: 'Observation/9' }], conclusion: 'normal' }),
  'Lipid panel (final), results: LDL 2.1 mmol/L; Observation/9; conclusion: normal');
  const patientResource = { resourceType: 'Patient', birthDate: '1970-01-01' };
  assert.equal(renderResource(patientResource), JSON.stringify(patientResource, null, 2));
});

test('a file without fields seals with a zero fields root and opens again', async () => {
  const file = { kind: 'file', name: 'scan.pdf', mediaType: 'application/pdf', data: randomBytes(3000), fields: [] };
  const sealed = await sealRecord(file, binding);
  assert.deepEqual([sealed.leaves.length, toHex(sealed.fieldsRoot)], [0, `0x${'00'.repeat(32)}`]);
  const opened = await openRecord(sealed.container, sealed.dataKey, binding);
  assert.deepEqual([opened.kind, opened.name, opened.data], ['file', 'scan.pdf', file.data]);
});

test('a stored health key loads back; an unknown suite or a half of the wrong length is refused', async () => {
  const key = await generateHealthKey();
  const stored = JSON.parse(JSON.stringify(storeHealthKey(key)));
  assert.deepEqual(loadHealthKey(stored), key);
  assert.throws(() => loadHealthKey({ ...stored, suite: 7 }), UnknownSuiteError);
  assert.throws(() => loadHealthKey({ ...stored, publicKey: stored.publicKey.slice(0, -2) }), MalformedKeyError);
  assert.throws(() => loadHealthKey({ suite: 2 }), MalformedKeyError);
});
