// Storing and fetching containers by CID, in Node and in the browser (plain
// `fetch`, no IPFS library in the page).
//
// Every retrieval is verified: each block against its own CID, and the whole
// container against the content hash the chain holds, so no storage node or
// gateway can substitute content. A container up to 1 MiB is one raw block
// (blake2b-256 CID, whose digest is the content hash); a larger one is a
// UnixFS file of raw 1 MiB leaves under dag-pb nodes, walked block by block.

import { decode as decodeDagPb } from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { constantTimeEqual, toHex } from './bytes.js';
import { BLAKE2B_256, blockMatches, CID, contentHash, DAG_PB, MAX_RAW_BLOCK, rawCid } from './hash.js';
import { MAX_CONTAINER } from './container.js';

const RAW = 0x55;

export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageError';
  }
}

/** The gateway answered bytes that are not what the CID or the chain names. */
export class SubstitutedContentError extends StorageError {
  constructor(message: string) {
    super(message);
    this.name = 'SubstitutedContentError';
  }
}

async function request(url: string, init: RequestInit, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new StorageError(`the storage node at ${new URL(url).origin} cannot be reached (${what}): ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new StorageError(`the storage node answered ${response.status} to ${what}: ${(await response.text()).slice(0, 200)}`);
  }
  return response;
}

/**
 * Uploads a container to a storage node's loopback upload endpoint and
 * returns its CID. For a raw block (up to 1 MiB) the CID must be the one the
 * container itself determines; a larger container's CID is fetched back and
 * checked against the container before it is returned, so a lying node
 * cannot make a record unreadable.
 */
export async function uploadContainer(storageUrl: string, container: Uint8Array): Promise<CID> {
  if (container.length > MAX_CONTAINER) throw new StorageError(`a container is at most ${MAX_CONTAINER} bytes`);
  const response = await request(`${storageUrl.replace(/\/$/, '')}/upload`, {
    method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: container.slice(),
  }, 'the upload');
  let cid: CID;
  try {
    cid = CID.parse(String((await response.json()).cid));
  } catch {
    throw new StorageError('the storage node answered the upload without a CID');
  }
  if (container.length <= MAX_RAW_BLOCK) {
    if (!cid.equals(rawCid(container))) {
      throw new SubstitutedContentError(`the storage node stored the container as ${cid}, not as ${rawCid(container)}`);
    }
  } else {
    await fetchContainer(storageUrl, cid, contentHash(container));
  }
  return cid;
}

/** Most blocks one container may span: 8 leaves of 1 MiB and their dag-pb nodes, with room. */
const MAX_BLOCKS = 16;
/** A block is at most 1 MiB; a dag-pb node adds its links. */
const MAX_BLOCK_BYTES = MAX_RAW_BLOCK + 64 * 1024;

/** The response body, refused past `limit` bytes before it is all read. */
async function boundedBody(response: Response, limit: number, what: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > limit) throw new StorageError(`${what} is ${declared} bytes, more than a block may be`);
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new StorageError(`${what} is more than ${limit} bytes, more than a block may be`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

async function block(gatewayUrl: string, cid: CID, budget: { left: number; blocks: number }): Promise<Uint8Array> {
  budget.blocks -= 1;
  if (budget.blocks < 0) throw new StorageError(`the content under the CID spans more than ${MAX_BLOCKS} blocks`);
  const response = await request(`${gatewayUrl.replace(/\/$/, '')}/ipfs/${cid}?format=raw`,
    { headers: { accept: 'application/vnd.ipld.raw' } }, `GET /ipfs/${cid}`);
  const bytes = await boundedBody(response, MAX_BLOCK_BYTES, `the gateway's answer for ${cid}`);
  if (!blockMatches(cid, bytes)) throw new SubstitutedContentError(`the gateway's answer for ${cid} does not match the CID`);
  return bytes;
}

async function collect(gatewayUrl: string, cid: CID, parts: Uint8Array[],
  budget: { left: number; blocks: number }): Promise<void> {
  const bytes = await block(gatewayUrl, cid, budget);
  if (cid.code === RAW) {
    budget.left -= bytes.length;
    if (budget.left < 0) throw new StorageError(`the content under the CID is larger than ${MAX_CONTAINER} bytes`);
    parts.push(bytes);
    return;
  }
  if (cid.code !== DAG_PB) throw new StorageError(`unexpected codec 0x${cid.code.toString(16)} in ${cid}`);
  const node = decodeDagPb(bytes);
  const file = node.Data ? UnixFS.unmarshal(node.Data) : undefined;
  if (!file || (file.type !== 'file' && file.type !== 'raw')) throw new StorageError(`${cid} is not a UnixFS file`);
  if (file.data && file.data.length > 0) {
    budget.left -= file.data.length;
    if (budget.left < 0) throw new StorageError(`the content under the CID is larger than ${MAX_CONTAINER} bytes`);
    parts.push(file.data);
  }
  for (const link of node.Links) await collect(gatewayUrl, link.Hash, parts, budget);
}

/**
 * Fetches the container under `cid` from a trustless gateway and returns it
 * only if every block matches its CID and the whole matches `expectedHash`
 * (the record's content hash on chain).
 */
export async function fetchContainer(gatewayUrl: string, cid: CID, expectedHash: Uint8Array): Promise<Uint8Array> {
  // A raw blake2b-256 CID names the content hash itself: one that names
  // another is refused before anything is fetched.
  if (cid.code === RAW && cid.multihash.code === BLAKE2B_256
    && !constantTimeEqual(cid.multihash.digest, expectedHash)) {
    throw new SubstitutedContentError(`${cid} does not name the record's content hash ${toHex(expectedHash)}`);
  }
  const parts: Uint8Array[] = [];
  await collect(gatewayUrl, cid, parts, { left: MAX_CONTAINER, blocks: MAX_BLOCKS });
  const container = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    container.set(part, offset);
    offset += part.length;
  }
  if (!constantTimeEqual(contentHash(container), expectedHash)) {
    throw new SubstitutedContentError(
      `the content under ${cid} hashes to ${toHex(contentHash(container))}, not to the record's ${toHex(expectedHash)}`);
  }
  return container;
}
