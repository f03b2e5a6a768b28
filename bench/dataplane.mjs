// The data plane's benchmark: printed figures, not a timed test.
//
//   scripts/deploy --no-build --demo --bench   (deploys a fresh suite, runs the demo, then this)
//   node bench/dataplane.mjs deployments/NAME.json [--small 1000] [--large 100]
//
// Off chain, against the deployment's storage node: seal (fields, container,
// envelopes to the patient and the keeper), upload, fetch by CID with
// verification, and open, for `--small` records of 10 KB and `--large` of
// 1 MB; the ciphertext's overhead by size bucket. On chain, the node's own
// dry-run figures (ref_time, proof_size, storage deposit) for add_record,
// set_envelope, request_access and note_release with the data plane's fields,
// and key_directory's publish and key_of, on the state the demo left. Writes
// bench/DATAPLANE.md and prints the same table.

import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  developmentHealthKey, envelopeLength, fetchContainer, generateHealthKey, openRecord, openRecordKey,
  pointerOf, randomBytes, rawCid, sealRecord, sealRecordKey, toHex, uploadContainer, SUITE_X25519, SUITE_XWING,
} from '../dataplane/dist/index.js';
import { categoryIndex, deploymentOf, directoryKey } from '../client/records.mjs';
import { Suite, auditSeqOf } from '../client/suite.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { small: { type: 'string', default: '1000' }, large: { type: 'string', default: '100' } },
});
const manifestPath = positionals[0];
if (!manifestPath) {
  console.error('usage: node bench/dataplane.mjs deployments/NAME.json [--small N] [--large N]');
  process.exit(2);
}

const suite = await Suite.connect(manifestPath);
const { Bob, Charlie, Dave, Eve } = suite.accounts;
const storage = suite.manifest.services?.storage;
const keeper = suite.manifest.services?.keeper_account;
const decodeAddress = (address) => suite.keyring.decodeAddress(address);
if (!storage || !keeper) throw new Error(`${manifestPath} names no storage node or keeper (deploy it with scripts/deploy)`);

const lines = [];
const say = (line = '') => { console.log(line); lines.push(line); };
const ms = (ns) => Number(ns) / 1e6;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** A file record of `size` bytes (what a scan or a PDF would be). */
function fileContent(size) {
  return { kind: 'file', name: 'report.bin', mediaType: 'application/octet-stream', data: randomBytes(size), fields: [] };
}

async function offChain(label, count, size) {
  const patientKey = await directoryKey(suite, Bob.address);
  const keeperKey = await directoryKey(suite, keeper);
  const binding = { ...deploymentOf(suite), patient: decodeAddress(Bob.address), category: categoryIndex(suite, 'LabResults'),
    supersedes: null };
  const bobKey = await developmentHealthKey('Bob');
  const phases = { seal: [], upload: [], fetch: [], open: [] };
  let containerBytes = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const content = fileContent(size);
    let t = process.hrtime.bigint();
    const sealed = await sealRecord(content, binding);
    const record = { ...deploymentOf(suite), recordId: 1_000_000 + i, contentHash: sealed.contentHash };
    const toPatient = await sealRecordKey(sealed.dataKey, patientKey, { ...record, recipient: decodeAddress(Bob.address) });
    await sealRecordKey(sealed.dataKey, keeperKey, { ...record, recipient: decodeAddress(keeper) });
    sealed.forget();
    phases.seal.push(process.hrtime.bigint() - t);
    t = process.hrtime.bigint();
    const cid = await uploadContainer(storage, sealed.container);
    phases.upload.push(process.hrtime.bigint() - t);
    t = process.hrtime.bigint();
    const fetched = await fetchContainer(storage, cid, sealed.contentHash);
    phases.fetch.push(process.hrtime.bigint() - t);
    t = process.hrtime.bigint();
    const dataKey = await openRecordKey(toPatient, bobKey, { ...record, recipient: decodeAddress(Bob.address) });
    const opened = await openRecord(fetched, dataKey, binding);
    phases.open.push(process.hrtime.bigint() - t);
    if (opened.data.length !== size) throw new Error('a record did not round-trip');
    containerBytes += sealed.container.length;
    if ((i + 1) % Math.max(1, Math.floor(count / 4)) === 0) console.error(`    ${label}: ${i + 1}/${count}`);
  }
  const total = ms(process.hrtime.bigint() - started);
  const row = (phase) => {
    const sorted = phases[phase].map(ms).sort((a, b) => a - b);
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    return `${mean.toFixed(2)} / ${percentile(sorted, 0.5).toFixed(2)} / ${percentile(sorted, 0.95).toFixed(2)}`;
  };
  say(`| ${label} | ${count} | ${row('seal')} | ${row('upload')} | ${row('fetch')} | ${row('open')} | `
    + `${(count / (total / 1000)).toFixed(1)} | ${Math.round(containerBytes / count)} | `
    + `${((containerBytes / (count * size) - 1) * 100).toFixed(1)} % |`);
}

/** The node's dry-run figures of `label` on `contract` as `caller`. */
async function cost(what, contract, label, caller, ...args) {
  const result = await suite.query(contract, label, caller, ...args);
  if (result.reverted) throw new Error(`${what} would be refused: ${JSON.stringify(result.human)}`);
  const { charge, refund } = result.storageDeposit;
  const deposit = charge !== undefined ? `${BigInt(charge)} charged` : `${BigInt(refund ?? 0)} refunded`;
  say(`| ${what} | ${BigInt(result.gasConsumed.refTime)} | ${BigInt(result.gasConsumed.proofSize)} | ${deposit} |`);
}

try {
  say('# The data plane: figures from one run');
  say('');
  say(`Measured by \`scripts/deploy --no-build --demo --bench\` on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, `
    + `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, against the deployment's own storage node `
    + '(Helia, offline, on this machine) and substrate-contracts-node --dev, on the state the demo leaves.');
  say('');
  say('## Off chain: seal, upload, fetch and open');
  say('');
  say('Per record, milliseconds as mean / median / 95th percentile, one record after another (no concurrency). *Seal* is the fields, the container (AES-256-GCM under a fresh '
    + 'data key) and two X-Wing envelopes (the patient\'s and the keeper\'s); *fetch* is by CID with the digest and the '
    + 'on-chain hash checked; *open* is the patient\'s envelope and the container. Overhead is container bytes over '
    + 'payload bytes (the power-of-two size buckets and the JSON/base64 framing of a file).');
  say('');
  say('| records | count | seal (ms) | upload (ms) | fetch + verify (ms) | open (ms) | records/s end to end | container bytes | overhead |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  await offChain('10 KB', Number(values.small), 10 * 1024);
  await offChain('1 MB', Number(values.large), 1024 * 1024);
  say('');
  say(`Envelopes: ${envelopeLength(SUITE_XWING)} bytes (X-Wing), ${envelopeLength(SUITE_X25519)} bytes (X25519), on chain `
    + 'per reader. A file travels base64 in the content\'s JSON (4/3), then pads to its power-of-two bucket (1 KiB to 8 MiB), '
    + 'so the overhead is at most about 167 % and hides the size to within a factor of two.');
  say('');

  say('## On chain: the node\'s dry-run figures');
  say('');
  say('| message | ref_time | proof_size | storage deposit |');
  say('|---|---:|---:|---:|');
  const newRecord = {
    patient: Bob.address, category: 'LabResults', purpose: 'Treatment', contentHash: toHex(randomBytes(32)),
    pointer: pointerOf(rawCid(randomBytes(64))),
    fieldsRoot: toHex(randomBytes(32)), fieldCount: 12, supersedes: null,
  };
  await cost('record_access.add_record (CID pointer, 12 fields)', 'record_access', 'add_record', Charlie, newRecord);
  const bare = (await suite.query('record_access', 'records_of', Bob, Bob.address, 'LabResults', 0, 50)).value.ok.items;
  let unsealed;
  for (const record of bare) {
    if ((await suite.query('record_access', 'envelope', Bob, record.id, Bob.address)).value === null) unsealed = record;
  }
  if (!unsealed) throw new Error('the demo left no record without an envelope to seal');
  await cost('record_access.set_envelope (X-Wing, 1,173 bytes)', 'record_access', 'set_envelope', Charlie, unsealed.id,
    Bob.address, toHex(randomBytes(envelopeLength(SUITE_XWING))));
  const latest = bare.filter((record) => record.author === Charlie.address).at(-1);
  await cost('record_access.request_access (granted)', 'record_access', 'request_access', Dave, latest.id, 'Treatment');
  const { events } = await suite.tx('record_access', 'request_access', Dave, latest.id, 'Treatment');
  await cost('record_access.note_release (the keeper, audited)', 'record_access', 'note_release', keeper, latest.id,
    Dave.address, auditSeqOf(events), toHex(randomBytes(32)));
  const fresh = await generateHealthKey();
  await cost('key_directory.publish (a new X-Wing key, version 2)', 'key_directory', 'publish', Eve, fresh.suite,
    toHex(fresh.publicKey));
  await cost('key_directory.key_of', 'key_directory', 'key_of', Eve, Bob.address);
  say('');
  writeFileSync(new URL('./DATAPLANE.md', import.meta.url), `${lines.join('\n')}\n`);
  console.error('==> wrote bench/DATAPLANE.md');
} finally {
  await suite.disconnect();
}

