// Writes test/vectors/container-v1.json: one container sealed with a fixed
// data key and nonce, so the unit tests can check that the format stays
// what docs/data-plane.md says. Run only when the format changes (and then
// change its version):  node dataplane/scripts/container-fixture.mjs
import { writeFileSync } from 'node:fs';
import { blake2b256, fromHex, sealContainer, toHex } from '../dist/index.js';

const binding = {
  genesisHash: '0x' + '11'.repeat(32),
  recordAccess: '0x' + '22'.repeat(32),
  patient: '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d',
  category: 5,
  supersedes: 7,
};
const payload = JSON.stringify({ kind: 'fhir', resource: { resourceType: 'Observation', status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c' }] },
  valueQuantity: { value: 6.1, unit: '%' } }, fields: [] });
const dataKey = '0x' + '5a'.repeat(32);
const nonce = fromHex('0x000102030405060708090a0b');
const container = await sealContainer(new TextEncoder().encode(payload), fromHex(dataKey), {
  genesisHash: fromHex(binding.genesisHash), recordAccess: fromHex(binding.recordAccess),
  patient: fromHex(binding.patient), category: binding.category, supersedes: binding.supersedes,
}, nonce);
writeFileSync(new URL('../test/vectors/container-v1.json', import.meta.url), JSON.stringify({
  note: 'Written by dataplane/scripts/container-fixture.mjs with a fixed key and nonce; never reuse either.',
  binding, dataKey, payload, size: container.length, contentHash: toHex(blake2b256(container)).slice(2),
  container: toHex(container).slice(2),
}, null, 1) + '\n');
console.log(`container-v1.json: ${container.length} bytes`);
