// Stories of the storage node (a real Helia node, started as the service
// users run) and of the verified retrieval every reader goes through.
//
//   HEALTH_SUITE_NODE22=/path/to/node22 node --test dataplane/test/storage-node.test.mjs

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cidOfPointer, contentHash, encodeContent, fetchContainer, fhirContent, newDataKey, openContainer, pointerOf,
  randomBytes, rawCid, sealContainer, StorageError, SubstitutedContentError, uploadContainer, CID,
} from '../dist/index.js';

const node22 = process.env.HEALTH_SUITE_NODE22 ?? process.execPath;
const dataDir = mkdtempSync(join(tmpdir(), 'storage-node-test-'));
let storage;

/** Starts bin/storage-node.mjs and resolves with its URL once it says it is ready. */
function startStorageNode(args = []) {
  const child = spawn(node22, [new URL('../bin/storage-node.mjs', import.meta.url).pathname, '--data', dataDir, ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const ready = out.match(/ready at (\S+)/);
      if (ready) resolve({ url: ready[1], child, stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }) });
    });
    child.once('exit', (code) => reject(new Error(`the storage node exited with ${code}: ${out}`)));
  });
}

const binding = { genesisHash: randomBytes(32), recordAccess: randomBytes(32), patient: randomBytes(32), category: 5,
  supersedes: null };
const observation = { resourceType: 'Observation', status: 'final', valueQuantity: { value: 6.1, unit: '%' } };

before(async () => { storage = await startStorageNode(); });
after(async () => { await storage?.stop(); rmSync(dataDir, { recursive: true, force: true }); });

test('a sealed record uploaded by CID comes back verified, its CID\'s digest the content hash', async () => {
  // given a sealed Observation
  const dataKey = newDataKey();
  const container = await sealContainer(encodeContent(fhirContent(observation)), dataKey, binding);
  // when it is uploaded and fetched back through the gateway
  const cid = await uploadContainer(storage.url, container);
  const pointer = pointerOf(cid);
  const fetched = await fetchContainer(storage.url, cidOfPointer(pointer), contentHash(container));
  // then it is the same ciphertext under a raw blake2b-256 CIDv1 whose digest is the on-chain hash
  assert.match(pointer, /^ipfs:\/\/bafk/);
  assert.equal(cid.code, 0x55);
  assert.equal(cid.multihash.code, 0xb220);
  assert.deepEqual(cid.multihash.digest, contentHash(container));
  assert.deepEqual(fetched, container);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(await openContainer(fetched, dataKey, binding))).resource,
    observation);
  // and the gateway serves only raw blocks, to any origin
  const response = await fetch(`${storage.url}/ipfs/${cid}`, { headers: { accept: 'application/vnd.ipld.raw' } });
  assert.equal(response.headers.get('access-control-allow-origin'), '*');
  assert.equal((await fetch(`${storage.url}/ipfs/${cid}`)).status, 406);
});

test('a container above 1 MiB is a UnixFS file, fetched block by block and checked whole', async () => {
  const container = await sealContainer(randomBytes(3_000_000), newDataKey(), binding);
  assert.equal(container.length, 4 * 1024 * 1024);
  const cid = await uploadContainer(storage.url, container);
  assert.equal(cid.code, 0x70, 'dag-pb root');
  assert.deepEqual(await fetchContainer(storage.url, cid, contentHash(container)), container);
});

test('blocks survive a restart of the storage node (kept on disk)', async () => {
  const container = await sealContainer(randomBytes(5000), newDataKey(), binding);
  const cid = await uploadContainer(storage.url, container);
  await storage.stop();
  storage = await startStorageNode();
  assert.deepEqual(await fetchContainer(storage.url, cid, contentHash(container)), container);
});

test('a gateway that alters content, or serves another record, is caught', async () => {
  // given two stored records and a hostile gateway in front of the real one
  const first = await sealContainer(randomBytes(2000), newDataKey(), binding);
  const second = await sealContainer(randomBytes(2000), newDataKey(), binding);
  const firstCid = await uploadContainer(storage.url, first);
  const secondCid = await uploadContainer(storage.url, second);
  let mode = 'flip';
  const hostile = createServer(async (req, res) => {
    const upstream = mode === 'swap' ? req.url.replace(firstCid.toString(), secondCid.toString()) : req.url;
    const bytes = new Uint8Array(await (await fetch(`${storage.url}${upstream}`, { headers: req.headers })).arrayBuffer());
    if (mode === 'flip') bytes[10] ^= 1;
    res.writeHead(200, { 'content-type': 'application/vnd.ipld.raw' });
    res.end(bytes);
  });
  await new Promise((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  const gateway = `http://127.0.0.1:${hostile.address().port}`;
  try {
    // when a reader fetches through it, then each substitution is refused
    await assert.rejects(fetchContainer(gateway, firstCid, contentHash(first)),
      (error) => error instanceof SubstitutedContentError && /does not match the CID/.test(error.message));
    mode = 'swap';
    await assert.rejects(fetchContainer(gateway, firstCid, contentHash(first)), SubstitutedContentError);
    // and a CID that names other content than the record's hash on chain is refused before any fetch
    mode = 'honest';
    await assert.rejects(fetchContainer(gateway, secondCid, contentHash(first)),
      (error) => error instanceof SubstitutedContentError && /does not name the record's content hash/.test(error.message));
    // as is a UnixFS file whose content is not the record's
    const big = await sealContainer(randomBytes(1_500_000), newDataKey(), binding);
    const bigCid = await uploadContainer(storage.url, big);
    await assert.rejects(fetchContainer(gateway, bigCid, contentHash(first)),
      (error) => error instanceof SubstitutedContentError && /not to the record's/.test(error.message));
  } finally {
    hostile.close();
  }
});

test('a storage node that is down or lies about the CID fails the upload with a clear error', async () => {
  const container = await sealContainer(randomBytes(100), newDataKey(), binding);
  await assert.rejects(uploadContainer('http://127.0.0.1:9', container),
    (error) => error instanceof StorageError && /cannot be reached/.test(error.message));
  const liar = createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ cid: rawCid(new Uint8Array(1024)).toString() })); });
  });
  await new Promise((resolve) => liar.listen(0, '127.0.0.1', resolve));
  try {
    await assert.rejects(uploadContainer(`http://127.0.0.1:${liar.address().port}`, container), SubstitutedContentError);
  } finally {
    liar.close();
  }
  const absent = randomBytes(64);
  await assert.rejects(fetchContainer(storage.url, rawCid(absent), contentHash(absent)), /404/);
});

test('an oversized, empty or browser-origin upload is refused', async () => {
  const big = await fetch(`${storage.url}/upload`, { method: 'POST', body: new Uint8Array(8 * 1024 * 1024 + 1) });
  assert.equal(big.status, 413);
  assert.equal((await fetch(`${storage.url}/upload`, { method: 'POST', body: new Uint8Array(0) })).status, 400);
  const foreign = await fetch(`${storage.url}/upload`, { method: 'POST', body: new Uint8Array(10),
    headers: { origin: 'https://evil.example' } });
  assert.equal(foreign.status, 403);
});

test('uploads from another machine are refused; the gateway still serves it', async (t) => {
  const address = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  if (!address) return t.skip('this machine has no non-loopback IPv4 address to upload from');
  const open = await startStorageNode(['--host', '0.0.0.0']);
  try {
    const port = new URL(open.url).port;
    const status = await new Promise((resolve, reject) => {
      const req = request({ host: address, port, path: '/upload', method: 'POST', localAddress: address },
        (res) => { res.resume(); resolve(res.statusCode); });
      req.on('error', reject);
      req.end(Buffer.alloc(10));
    });
    assert.equal(status, 403);
    const health = await fetch(`http://${address}:${port}/health`);
    assert.equal(health.status, 200);
  } finally {
    await open.stop();
  }
});
