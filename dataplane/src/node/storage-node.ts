// The suite's local storage node: a Helia IPFS node that keeps blocks on
// disk (blockstore-fs) and is never started on a network (no libp2p, no
// bootstrap peers, no public routers: a provider record would tell the world
// who holds which CID). It serves:
//
//   GET  /ipfs/{cid}   the IPFS trustless gateway for raw blocks
//                      (Accept: application/vnd.ipld.raw, or ?format=raw),
//                      to any origin: what it serves is ciphertext
//   POST /upload       one container (application/octet-stream, at most
//                      8 MiB) from a loopback address only; answers its CID
//   GET  /health       {"ok": true, ...}
//
// Containers up to 1 MiB become one raw block under their blake2b-256 CID
// (its digest is the on-chain content hash); larger ones a UnixFS file with
// raw 1 MiB leaves. Helia 7 needs Node.js 22.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHelia, type Helia } from 'helia';
import { unixfs } from '@helia/unixfs';
import { FsBlockstore } from 'blockstore-fs';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { blake2b256Hasher, CID, MAX_RAW_BLOCK, rawCid } from '../hash.js';
import { MAX_CONTAINER } from '../container.js';

export interface StorageNodeOptions {
  /** Where blocks are kept; survives restarts. */
  dataDir: string;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (0: any free port). */
  port?: number;
  /** Origins (the portal's) allowed to upload from a browser. */
  uploadOrigins?: string[];
  log?: (line: string) => void;
}

export interface StorageNode {
  url: string;
  helia: Helia;
  server: Server;
  stop(): Promise<void>;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function body(request: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    parts.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(parts));
}

function answer(response: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(json));
}

export async function startStorageNode(options: StorageNodeOptions): Promise<StorageNode> {
  const log = options.log ?? (() => {});
  mkdirSync(join(options.dataDir, 'blocks'), { recursive: true });
  const blockstore = new FsBlockstore(join(options.dataDir, 'blocks'));
  // Helia 7 creates libp2p only when started; this node is never started,
  // so it has no network stack at all: it is offline by construction.
  const helia = await createHelia({ blockstore, hashers: [blake2b256Hasher] });
  const fs = unixfs(helia);
  const uploadOrigins = new Set(options.uploadOrigins ?? []);

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://storage.invalid');
    const origin = request.headers.origin;
    try {
      if (request.method === 'GET' && url.pathname === '/health') {
        return answer(response, 200, { ok: true, offline: true, maxContainer: MAX_CONTAINER });
      }
      if ((request.method === 'GET' || request.method === 'HEAD') && url.pathname.startsWith('/ipfs/')) {
        const cors = { 'access-control-allow-origin': '*' };
        const accept = request.headers.accept ?? '';
        if (url.searchParams.get('format') !== 'raw' && !accept.includes('application/vnd.ipld.raw')) {
          return answer(response, 406, { error: 'this gateway serves raw blocks only: ?format=raw or Accept: application/vnd.ipld.raw' }, cors);
        }
        let cid: CID;
        try {
          cid = CID.parse(url.pathname.slice('/ipfs/'.length).split('/')[0]);
        } catch {
          return answer(response, 400, { error: 'not a CID' }, cors);
        }
        if (!(await blockstore.has(cid))) return answer(response, 404, { error: `no block ${cid}` }, cors);
        const chunks: Uint8Array[] = [];
        for await (const chunk of blockstore.get(cid)) chunks.push(chunk);
        const bytes = Buffer.concat(chunks);
        response.writeHead(200, { ...cors, 'content-type': 'application/vnd.ipld.raw', 'content-length': bytes.length,
          'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=29030400, immutable' });
        return response.end(request.method === 'HEAD' ? undefined : bytes);
      }
      if (url.pathname === '/upload') {
        const cors: Record<string, string> = origin && uploadOrigins.has(origin)
          ? { 'access-control-allow-origin': origin, vary: 'origin', 'access-control-allow-headers': 'content-type',
            'access-control-allow-methods': 'POST' }
          : {};
        if (request.method === 'OPTIONS') {
          response.writeHead(cors['access-control-allow-origin'] ? 204 : 403, cors);
          return response.end();
        }
        if (request.method !== 'POST') return answer(response, 405, { error: 'POST a container' }, cors);
        if (!isLoopback(request.socket.remoteAddress)) {
          return answer(response, 403, { error: 'uploads are accepted from this machine only' });
        }
        if (origin && !uploadOrigins.has(origin)) return answer(response, 403, { error: `origin ${origin} may not upload` });
        const bytes = await body(request, MAX_CONTAINER);
        if (!bytes) return answer(response, 413, { error: `a container is at most ${MAX_CONTAINER} bytes` }, cors);
        if (bytes.length === 0) return answer(response, 400, { error: 'an empty upload' }, cors);
        let cid: CID;
        if (bytes.length <= MAX_RAW_BLOCK) {
          cid = rawCid(bytes);
          await blockstore.put(cid, bytes);
        } else {
          cid = await fs.addBytes(bytes, { rawLeaves: true, chunker: fixedSize({ chunkSize: MAX_RAW_BLOCK }),
            cidVersion: 1 });
        }
        log(`stored ${bytes.length} bytes as ${cid}`);
        return answer(response, 200, { cid: cid.toString(), size: bytes.length }, cors);
      }
      return answer(response, 404, { error: 'not found' });
    } catch (error) {
      log(`error: ${(error as Error).message}`);
      if (!response.headersSent) answer(response, 500, { error: 'the storage node failed' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the storage node has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    helia,
    server,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
