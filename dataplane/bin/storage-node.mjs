#!/usr/bin/env node
// The suite's local storage node (see dataplane/src/node/storage-node.ts).
//
//   storage-node --data DIR [--host 127.0.0.1] [--port 8090] [--allow-upload-origin ORIGIN]...
//
// Prints one line "storage node: ready at URL" when it serves, and each
// stored container; stops on SIGINT or SIGTERM. Needs Node.js 22 (Helia 7).
import { parseArgs } from 'node:util';
import { startStorageNode } from '../dist/node/storage-node.js';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  console.error(`error: the storage node needs Node.js 22 or later (Helia 7); this is ${process.version}`);
  process.exit(1);
}
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'allow-upload-origin': { type: 'string', multiple: true, default: [] },
  },
});
if (!values.data) {
  console.error('error: --data DIR is required (where the blocks are kept)');
  process.exit(1);
}
const node = await startStorageNode({
  dataDir: values.data, host: values.host, port: Number(values.port),
  uploadOrigins: values['allow-upload-origin'], log: (line) => console.log(`storage node: ${line}`),
});
console.log(`storage node: ready at ${node.url} (data ${values.data}, offline)`);
const stop = async () => { await node.stop(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
