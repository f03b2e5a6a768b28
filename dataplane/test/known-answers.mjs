// Known answers for the data plane's cryptography, from published vectors
// (never only against itself): RFC 9180's own vectors for suite 1, the
// X-Wing draft's vectors for suite 2, AES-256-GCM from WebCrypto against
// @noble/ciphers, the committed container fixture opened by the documented
// layout, and the salted Merkle leaves against fixtures/known_answers.txt
// (Python's blake2b). One list of checks for two runners: Node
// (known-answers.test.mjs) and Chromium (portal/tests/known-answers.test.mjs,
// which bundles this module for the page). Each check takes the vectors as
// `inputs` (read from test/vectors by the runner) and throws on a mismatch.

import { Aes128Gcm, CipherSuite, HkdfSha256 } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { XWing } from '@hpke/hybridkem-x-wing';
import { gcm } from '@noble/ciphers/aes.js';
import { shake128 } from '@noble/hashes/sha3.js';
import {
  blake2b256, cipherSuite, claimBinding, committedFieldBytes, concat, fromHex, leafHash, merkleRoot, merkleProof, openContainer, recordAad,
  sealContainer, toHex, SUITE_X25519,
} from '../dist/index.js';

/** The files each check reads, under test/vectors (and the repository's fixtures). */
export const VECTOR_FILES = {
  rfc9180: 'rfc9180-base-x25519-sha256-aes256gcm.json',
  rfc9180A1: 'rfc9180-a1-base-x25519-sha256-aes128gcm.json',
  xwing: 'xwing-draft.json',
  container: 'container-v1.json',
};

const hex = (bytes) => toHex(new Uint8Array(bytes)).slice(2);
const buf = (h) => fromHex(h).buffer;
const assert = {
  equal(actual, expected, what = 'value') {
    if (actual !== expected) throw new Error(`${what}: got ${actual}, expected ${expected}`);
  },
  deepEqual(actual, expected, what = 'value') {
    assert.equal(JSON.stringify(actual), JSON.stringify(expected), what);
  },
  ok(condition, what) {
    if (!condition) throw new Error(what);
  },
};

async function checkRfc9180(suite, v) {
  const recipient = await suite.kem.deriveKeyPair(buf(v.ikmR));
  assert.equal(hex(await suite.kem.serializePrivateKey(recipient.privateKey)), v.skRm, 'skRm');
  assert.equal(hex(await suite.kem.serializePublicKey(recipient.publicKey)), v.pkRm, 'pkRm');
  const sender = await suite.createSenderContext({
    recipientPublicKey: recipient.publicKey, info: buf(v.info), ekm: buf(v.ikmE),
  });
  assert.equal(hex(sender.enc), v.enc, 'enc');
  const receiver = await suite.createRecipientContext({ recipientKey: recipient, enc: sender.enc, info: buf(v.info) });
  for (const [i, e] of v.encryptions.entries()) {
    assert.equal(hex(await sender.seal(buf(e.pt), buf(e.aad))), e.ct, `encryption ${i}`);
    assert.equal(hex(await receiver.open(buf(e.ct), buf(e.aad))), e.pt, `decryption ${i}`);
  }
  for (const x of v.exports) {
    assert.equal(hex(await receiver.export(buf(x.exporter_context), x.L)), x.exported_value, 'export');
  }
}

export const KNOWN_ANSWERS = [
{ name: 'suite 1 (X25519, HKDF-SHA256, AES-256-GCM) gives RFC 9180\'s own answers', run: async (inputs) => {
  const { vector } = inputs.rfc9180;
  assert.deepEqual([vector.mode, vector.kem_id, vector.kdf_id, vector.aead_id], [0, 32, 1, 2]);
  await checkRfc9180(cipherSuite(SUITE_X25519), vector);
} },

{ name: 'the same KEM and KDF give the vector printed in RFC 9180 A.1 (AES-128-GCM)', run: async (inputs) => {
  const { vector } = inputs.rfc9180A1;
  await checkRfc9180(new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes128Gcm() }),
    vector);
} },

{ name: 'suite 2\'s KEM (X-Wing) gives the X-Wing draft\'s answers, seeds re-derived from SHAKE-128', run: async (inputs) => {
  const { vectors } = inputs.xwing;
  // The draft draws every vector's seed (32 B) and eseed (64 B) in turn from
  // one SHAKE-128 stream of the empty string.
  const stream = shake128(new Uint8Array(0), { dkLen: vectors.length * 96 });
  for (const [i, v] of vectors.entries()) {
    assert.equal(hex(stream.subarray(96 * i, 96 * i + 32)), v.seed, `seed ${i} is the draft's`);
    assert.equal(hex(stream.subarray(96 * i + 32, 96 * i + 96)), v.eseed, `eseed ${i} is the draft's`);
    const kem = new XWing();
    const pair = await kem.generateKeyPairDerand(fromHex(v.seed));
    assert.equal(hex(await kem.serializePrivateKey(pair.privateKey)), v.sk, `sk ${i}`);
    assert.equal(hex(await kem.serializePublicKey(pair.publicKey)), v.pk, `pk ${i}`);
    const { enc, sharedSecret } = await kem.encap({ recipientPublicKey: pair.publicKey, ekm: fromHex(v.eseed) });
    assert.equal(hex(enc), v.ct, `ct ${i}`);
    assert.equal(hex(sharedSecret), v.ss, `ss ${i}`);
    assert.equal(hex(await kem.decap({ enc, recipientKey: pair.privateKey })), v.ss, `decap ${i}`);
    // and the suite the data plane builds uses the same KEM
    assert.equal(cipherSuite(2).kem.id, kem.id);
  }
} },

{ name: 'AES-256-GCM from WebCrypto equals @noble/ciphers for a fixed key and nonce', run: async () => {
  const key = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
  const nonce = fromHex('cafebabefacedbaddecaf888');
  const aad = new TextEncoder().encode('health-suite');
  const plaintext = new TextEncoder().encode('{"resourceType":"Observation","status":"final"}');
  const webKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const web = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: aad }, webKey,
    plaintext));
  assert.equal(hex(web), hex(gcm(key, nonce, aad).encrypt(plaintext)), 'WebCrypto against noble');
} },

{ name: 'the committed container fixture opens, by the code and by the documented layout', run: async (inputs) => {
  const f = inputs.container;
  const binding = {
    genesisHash: fromHex(f.binding.genesisHash), recordAccess: fromHex(f.binding.recordAccess),
    patient: fromHex(f.binding.patient), category: f.binding.category, supersedes: f.binding.supersedes,
  };
  const container = fromHex(f.container);
  const payload = await openContainer(container, fromHex(f.dataKey), binding);
  assert.equal(new TextDecoder().decode(payload), f.payload);
  // By hand, as docs/data-plane.md lays it out: "HSRC", version 1, nonce,
  // AES-256-GCM over (u32 LE length ‖ payload ‖ zeros) with AAD = header ‖ binding.
  assert.equal(hex(container.subarray(0, 5)), '4853524301');
  const header = container.subarray(0, 17);
  const padded = gcm(fromHex(f.dataKey), header.subarray(5), concat(header, recordAad(binding)))
    .decrypt(container.subarray(17));
  const length = new DataView(padded.buffer, padded.byteOffset).getUint32(0, true);
  assert.equal(new TextDecoder().decode(padded.subarray(4, 4 + length)), f.payload);
  assert.ok(padded.subarray(4 + length).every((byte) => byte === 0), 'zero padding');
  assert.equal(container.length, f.size);
  assert.equal(hex(blake2b256(container)), f.contentHash, 'the content hash is blake2-256 of the ciphertext');
  // and sealing the same inputs again gives the same bytes
  assert.equal(hex(await sealContainer(payload, fromHex(f.dataKey), binding, header.subarray(5))), f.container,
    'sealed again');
} },

{ name: 'salted leaves, proofs and roots are the known answers record_access checks', run: async (inputs) => {
  const known = Object.fromEntries(inputs.knownAnswers
    .split('\n').filter((line) => line && !line.startsWith('#'))
    .map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]));
  for (const name of ['lab', 'claim', 'committed']) {
    const count = Number(known[`merkle.${name}.count`]);
    const leaves = [];
    for (let i = 0; i < count; i++) {
      const [salt, field] = known[`merkle.${name}.field.${i}`].split(' ');
      leaves.push(leafHash(fromHex(salt), fromHex(field)));
      assert.equal(hex(leaves[i]), known[`merkle.${name}.leaf.${i}`], `${name} leaf ${i}`);
    }
    for (let i = 0; i < count; i++) {
      assert.equal(merkleProof(leaves, i).map(hex).join(' '), known[`merkle.${name}.proof.${i}`], `${name} proof ${i}`);
    }
    assert.equal(hex(merkleRoot(leaves)), known[`merkle.${name}.root`], `${name} root`);
  }
  // the committed field's bytes, from its quantity and commitment
  const committed = committedFieldBytes(known['merkle.committed.quantity'], fromHex(known['merkle.committed.commitment']));
  assert.equal(hex(committed), known['merkle.committed.field.1'].split(' ')[1], 'committed field bytes');
} },

{ name: 'a claim binding is the known answer insurance computes', run: async (inputs) => {
  const line = inputs.knownAnswers.split('\n').find((text) => text.startsWith('zk.binding '));
  const [, account, claim, binding] = line.split(' ');
  assert.equal(hex(claimBinding(fromHex(account), BigInt(claim))), binding, 'claim binding');
} },
];
