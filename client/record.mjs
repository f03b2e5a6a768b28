#!/usr/bin/env node
// The records CLI: a health key, and records written and read through the
// data plane from a terminal (the portal does the same in the page).
//
//   node client/record.mjs --manifest deployments/NAME.json COMMAND [options]
//
//   key init --key FILE           make a health key (X-Wing) in FILE, readable only by you
//   key publish --key FILE        publish its public half in the key directory
//   write --key FILE --patient ADDRESS --category LabResults --purpose Treatment --file RESOURCE.json
//                                 validate (FHIR R4), seal, store by CID, index, seal the key
//                                 to the patient and the patient's keeper
//   read --key FILE --record N --purpose Treatment [--out FILE]
//                                 as a grantee: a committed request_access, the keeper's
//                                 release, fetch by CID, verify, decrypt, print (or write)
//   read --key FILE --record N --own [--out FILE]
//                                 as the patient, with the envelope sealed to you
//
// The signing account's secret comes from HEALTH_SUITE_SURI (never an
// argument). On a development chain, `--dev NAME` signs as //NAME with that
// account's deterministic health key instead (anyone can compute both).
// Errors end with one line "error: ..." and a non-zero exit.

import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  developmentHealthKey, fingerprint, generateHealthKey, loadHealthKey, MAX_PAYLOAD, storeHealthKey, toHex,
} from '../dataplane/dist/index.js';
import { publishHealthKey, readAsGrantee, readAsPatient, renderResource, writeRecord } from './records.mjs';
import { Suite } from './suite.mjs';

const USAGE = 'usage: node client/record.mjs --manifest deployments/NAME.json '
  + '(key init|key publish|write|read) [--key FILE | --dev NAME] …';

function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}

/** A health key file: JSON, created exclusively, mode 0600. */
function createKeyFile(file, key) {
  if (existsSync(file)) fail(`${file} exists already: a health key is never overwritten`);
  writeFileSync(file, JSON.stringify(storeHealthKey(key)), { mode: 0o600, flag: 'wx' });
}

function readKeyFile(file) {
  if (!existsSync(file)) fail(`no health key at ${file} (make one: key init --key ${file})`);
  if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
    console.error(`warning: ${file} was readable by others; it is now mode 0600`);
  }
  try {
    return loadHealthKey(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    return fail(`${file} is not a health key file: ${error.message}`);
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    manifest: { type: 'string' }, key: { type: 'string' }, dev: { type: 'string' },
    patient: { type: 'string' }, category: { type: 'string', default: 'LabResults' },
    purpose: { type: 'string', default: 'Treatment' }, file: { type: 'string' }, record: { type: 'string' },
    own: { type: 'boolean', default: false }, out: { type: 'string' },
  },
});
const command = positionals.join(' ');
if (!['key init', 'key publish', 'write', 'read'].includes(command)) fail(USAGE);

if (command === 'key init') {
  if (!values.key) fail('key init needs --key FILE');
  const key = await generateHealthKey();
  createKeyFile(values.key, key);
  console.log(`health key ${fingerprint(key)} (X-Wing) written to ${values.key} (mode 0600); publish it: key publish --key ${values.key}`);
  process.exit(0);
}

if (!values.manifest) fail(USAGE);
if (!values.dev && !values.key) fail('name your health key: --key FILE (or --dev NAME on a development chain)');
const suite = await Suite.connect(values.manifest).catch((error) => fail(`cannot reach the chain: ${error.message}`));
try {
  let signer;
  let healthKey;
  if (values.dev) {
    const chainType = (await suite.api.rpc.system.chainType()).toString();
    if (chainType !== 'Development') fail(`--dev is for a development chain; this one is ${chainType}`);
    signer = suite.keyring.addFromUri(`//${values.dev}`);
    healthKey = await developmentHealthKey(values.dev);
  } else {
    const secret = process.env.HEALTH_SUITE_SURI;
    if (!secret) fail('the signing account\'s secret goes in HEALTH_SUITE_SURI (never on the command line)');
    signer = suite.keyring.addFromUri(secret);
    healthKey = readKeyFile(values.key);
  }
  const say = (line) => console.error(`==> ${line}`);

  if (command === 'key publish') {
    const version = await publishHealthKey(suite, signer, healthKey);
    console.log(`health key ${fingerprint(healthKey)} of ${signer.address} is version ${version} in the key directory`);
  } else if (command === 'write') {
    if (!values.patient || !values.file) fail('write needs --patient ADDRESS and --file RESOURCE.json');
    if (statSync(values.file).size > MAX_PAYLOAD) fail(`${values.file} is larger than a record may be (${MAX_PAYLOAD} bytes)`);
    let resource;
    try {
      resource = JSON.parse(readFileSync(values.file, 'utf8'));
    } catch (error) {
      fail(`${values.file} is not JSON: ${error.message}`);
    }
    say(`validating, sealing, storing and indexing ${values.file} for ${values.patient}`);
    const written = await writeRecord(suite, signer, { patient: values.patient, category: values.category,
      purpose: values.purpose, resource });
    console.log(JSON.stringify({ recordId: written.recordId, pointer: written.pointer,
      contentHash: toHex(written.contentHash), size: written.container.length }));
  } else {
    if (!/^\d+$/.test(values.record ?? '')) fail('read needs --record N');
    const recordId = Number(values.record);
    say(values.own ? `opening record ${recordId} with your own envelope`
      : `asking for record ${recordId} for ${values.purpose} (a committed, audited request), then the keeper`);
    const content = values.own
      ? await readAsPatient(suite, signer, healthKey, recordId)
      : (await readAsGrantee(suite, signer, healthKey, recordId, values.purpose)).content;
    if (values.out) {
      writeFileSync(values.out, content.kind === 'fhir' ? JSON.stringify(content.resource, null, 2) : content.data,
        { mode: 0o600, flag: 'wx' });
      say(`record ${recordId} decrypted to ${values.out} (mode 0600)`);
    } else {
      console.log(content.kind === 'fhir' ? renderResource(content.resource) : `${content.name} (${content.mediaType})`);
    }
  }
} catch (error) {
  fail(error.message);
} finally {
  await suite.disconnect();
}
