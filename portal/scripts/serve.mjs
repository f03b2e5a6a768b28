// Serves the portal's production build (portal/dist) with a deployment:
// suite/manifest.json is the manifest scripts/deploy wrote, and
// suite/metadata/<contract>.json each contract's metadata, read from the
// bundles the manifest names.
//
//   node portal/scripts/serve.mjs --manifest deployments/<network>.json [--port N]
//   node portal/scripts/serve.mjs --manifest deployments/<network>.json --export DIR
//
// --export writes those files into DIR/suite/ instead (for hosting the
// static build anywhere). The server listens on 127.0.0.1 only and prints
// its URL; it stops on Ctrl-C.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACTS } from './bundles.mjs';

const portal = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.wasm': 'application/wasm',
};

function option(name) {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

function fail(message) {
  console.error(`serve: ${message}`);
  process.exit(1);
}

/** The files under suite/: the manifest and each contract's metadata. */
function suiteFiles(manifestPath) {
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const files = new Map([['manifest.json', manifestPath]]);
  for (const name of CONTRACTS) {
    const bundle = manifest.contracts?.[name]?.bundle;
    if (!bundle) fail(`${manifestPath} names no bundle for ${name}`);
    const metadata = bundle.replace(/\.contract$/, '.json');
    if (!fs.existsSync(metadata)) fail(`no metadata ${metadata} (build the contracts: scripts/build-contracts)`);
    files.set(`metadata/${name}.json`, metadata);
  }
  return files;
}

const manifestPath = option('--manifest');
if (!manifestPath) fail('usage: serve.mjs --manifest deployments/<network>.json [--port N | --export DIR]');
const suite = suiteFiles(manifestPath);

/**
 * The Content-Security-Policy of every response: the page's own scripts
 * (and WebAssembly, for the keyring's crypto) only, no plugins, no
 * framing by any site (clickjacking a signing page), and connections only
 * to this server, the deployment's node and its data-plane services.
 */
function contentSecurityPolicy(nodeUrl, services) {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${[nodeUrl, ...services].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
/** The manifest's node as a CSP source: a ws:// or wss:// origin, nothing else. */
function nodeSource(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    fail(`${manifestPath}: the node url "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') fail(`${manifestPath}: the node url is not ws:// or wss://`);
  return parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
}
/** The manifest's storage node and keeper as CSP sources: http(s) origins only. */
function serviceSources(services = {}) {
  return [services.storage, services.keeper].filter(Boolean).map((url) => {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      fail(`${manifestPath}: the service url "${url}" is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') fail(`${manifestPath}: a service url is not http(s)://`);
    return parsed.origin;
  });
}
const deployment = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
const SECURITY_HEADERS = {
  'content-security-policy': contentSecurityPolicy(nodeSource(deployment.url), serviceSources(deployment.services)),
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
const dist = option('--dist') ?? path.join(portal, 'dist');
if (!fs.existsSync(path.join(dist, 'index.html'))) fail(`no build in ${dist} (npm run build in portal/)`);

const exportDir = option('--export');
if (exportDir) {
  for (const [name, source] of suite) {
    const target = path.join(exportDir, 'suite', name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
  }
  console.log(`serve: wrote ${suite.size} files to ${path.join(exportDir, 'suite')}`);
  process.exit(0);
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const wanted = decodeURIComponent(url.pathname);
  let file;
  if (wanted.startsWith('/suite/')) {
    file = suite.get(wanted.slice('/suite/'.length));
  } else {
    const resolved = path.join(dist, wanted === '/' ? 'index.html' : wanted);
    // Nothing outside dist is served.
    if (resolved.startsWith(dist + path.sep) && fs.existsSync(resolved) && fs.statSync(resolved).isFile()) file = resolved;
  }
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain', ...SECURITY_HEADERS }).end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  });
  fs.createReadStream(file).pipe(response);
});

server.listen(Number(option('--port') ?? 0), '127.0.0.1', () => {
  console.log(`portal: http://127.0.0.1:${server.address().port}/ (Ctrl-C stops it)`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
