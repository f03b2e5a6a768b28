// Deploys the health-records suite, wired, in one command (scripts/deploy
// runs this with the same arguments):
//
//   scripts/deploy [--demo] [--check] [--bench] [--portal] [--keep-node] [--port N] [--no-build]
//   HEALTH_SUITE_SURI=... scripts/deploy --url wss://host:port --governance-settings JSON [--network NAME]
//   scripts/deploy --portal --url ws://host:port [--network NAME]
//
// The deploying account's secret is never an argument (a command line is
// readable by every local user): it comes from HEALTH_SUITE_SURI or, with
// --url, from standard input (a prompt on a terminal, not echoed); this
// process alone holds it, removes it from its environment before starting
// anything, and prints the derived address only. Without --url the local dev
// node's //Alice deploys. With --url the development accounts' secrets
// (//Alice …, the dev phrase) are refused, and governance's settings must be
// given (JSON with the contract's field names).
//
// Without --url: installs what is missing (scripts/setup), builds every
// contract in release mode (scripts/build-contracts), starts its own
// `substrate-contracts-node --dev` (temporary data directory, a free loopback
// port), then follows the recipe (client/recipe.mjs): uploads and
// instantiates every contract in dependency order, wires them, hands every
// admin role to governance (client/takeover.mjs: proposals voted and
// executed), and writes the deployment manifest deployments/<network>.json
// (atomically: a failed run leaves no manifest). Then it starts the data
// plane's services, the storage node (Helia, offline) and the keeper, and
// adds their URLs to the manifest. The node and the services stop on exit
// unless --keep-node.
//
// --demo runs the demo story (client/demo.mjs), --check the client check
// (client/check.mjs), --bench the demo and then the data plane's and the
// zero-knowledge benchmarks (bench/dataplane.mjs and bench/zk.mjs, which
// write bench/DATAPLANE.md and bench/ZK.md). --portal builds the web
// portal (portal/) and serves it with the deployment on a free loopback
// port, printing its URL, until Ctrl-C (which also stops the local node and
// the services). --portal with --url and no secret deploys nothing: it
// serves the manifest written earlier for that network.
//
// Every failure ends with one line on stderr, "error: ...", and a non-zero
// exit; all progress goes to stdout. This module and those it imports first
// use Node's built-ins only: the npm packages are installed by the setup it
// runs.
import { spawn } from 'node:child_process';
import {
  closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CONTRACTS, DEV_GOVERNANCE_SETTINGS, DEV_PHRASE, LIBRARIES, bundlesDir, constructorSettings,
} from './recipe.mjs';
import {
  DeployError, LocalNode, Services, connectionFailure, freePort, freePortOutsideEphemeral, portTaken, rpc,
} from './services.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CACHE = process.env.HEALTH_SUITE_CACHE ?? path.join(os.homedir(), '.cache', 'health-suite');
const USAGE = `usage:
  scripts/deploy [--demo] [--check] [--bench] [--portal] [--keep-node] [--port N] [--no-build] [--network NAME]
  HEALTH_SUITE_SURI=... scripts/deploy --url wss://host:port --governance-settings JSON [--network NAME]
  scripts/deploy --portal --url ws://host:port [--network NAME]`;
const OPTIONS = {
  url: { type: 'string' },
  suri: { type: 'string' },
  network: { type: 'string' },
  port: { type: 'string' },
  'keep-node': { type: 'boolean', default: false },
  demo: { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
  bench: { type: 'boolean', default: false },
  'no-build': { type: 'boolean', default: false },
  portal: { type: 'boolean', default: false },
  'governance-settings': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};

/** A wrong command line: exit 2, as a usage error. */
class UsageError extends DeployError {}

/** Stops the run at its next step once a signal asked it to. */
function interruptedCheck() {
  if (running.interrupted) throw new DeployError('interrupted');
}

const step = (message) => {
  interruptedCheck();
  console.log(`==> ${message}`);
};
const detail = (message) => console.log(`    ${message}`);

/** Runs `command` with the terminal's output; resolves with its exit code. */
function run(command, args, options = {}) {
  interruptedCheck();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
    running.foreground = child;
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.foreground = null;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** Runs `command` and throws `failure` if it fails. */
async function runOrFail(failure, command, args, options) {
  const status = await run(command, args, options);
  if (status !== 0) throw new DeployError(`${failure} (exit ${status})`);
}

/** Whether `secret` is one of the development chains' public keys. */
function isDevelopmentSecret(secret) {
  const words = secret.split(/\s+/).join(' ');
  return words.startsWith('/') || words.startsWith(DEV_PHRASE);
}

/**
 * Governance's settings from JSON with the contract's field names; the bounds
 * are the contract's own, checked by a dry run of its constructor before
 * anything is deployed.
 */
function governanceSettings(text) {
  let settings;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--governance-settings is not JSON: ${error.message}`);
  }
  const fields = Object.keys(DEV_GOVERNANCE_SETTINGS).sort();
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)
      || Object.keys(settings).sort().join() !== fields.join()) {
    throw new UsageError(`--governance-settings needs exactly the fields ${fields.join(', ')}`);
  }
  for (const [field, value] of Object.entries(settings)) {
    if (field === 'guardian') {
      if (value !== null && typeof value !== 'string') {
        throw new UsageError('--governance-settings: guardian is null or an account address');
      }
    } else if (field === 'proposal_threshold' && typeof value === 'string') {
      // A balance above 2^53 is given as a decimal string: JSON numbers that large lose digits.
      if (!/^(0|[1-9][0-9]{0,38})$/.test(value)) {
        throw new UsageError(`--governance-settings: proposal_threshold must be a whole number, not ${JSON.stringify(value)}`);
      }
    } else if (!Number.isSafeInteger(value) || value < 0) {
      throw new UsageError(`--governance-settings: ${field} must be a whole number below 2^53 (proposal_threshold `
        + `may be a decimal string), not ${JSON.stringify(value)}`);
    }
  }
  return settings;
}

/**
 * Reads one line from a terminal without echoing it. The prompt goes to the
 * terminal itself (as getpass does), so stderr keeps only the error line.
 */
function promptHidden(question) {
  let tty;
  try {
    tty = openSync('/dev/tty', 'w');
  } catch {
    tty = null;
  }
  const say = (text) => (tty === null ? process.stderr.write(text) : writeSync(tty, text));
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    say(question);
    let secret = '';
    const done = (result, error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', hear);
      say('\n');
      if (tty !== null) closeSync(tty);
      if (error) reject(error); else resolve(result);
    };
    const hear = (chunk) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') return done(secret);
        if (character === '\u0003') {
          running.interrupted = true;
          return done(undefined, new DeployError('interrupted'));
        }
        if (character === '\u007f' || character === '\b') secret = secret.slice(0, -1);
        else secret += character;
      }
      return undefined;
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', hear);
    input.resume();
  });
}

/** The first line of standard input (empty at its end). */
async function firstLineOfStdin() {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  return text.split('\n')[0];
}

/**
 * The deploying account's secret: HEALTH_SUITE_SURI, else (with --url)
 * standard input, else the local dev node's //Alice. The variable leaves
 * this process's environment, so no child inherits it.
 */
async function deployingSecret(url) {
  let secret = (process.env.HEALTH_SUITE_SURI ?? '').trim();
  delete process.env.HEALTH_SUITE_SURI;
  if (!secret && url) {
    secret = (process.stdin.isTTY
      ? await promptHidden('secret of the deploying account (not echoed): ')
      : await firstLineOfStdin()).trim();
    if (!secret) {
      throw new DeployError("--url needs the deploying account's secret: set HEALTH_SUITE_SURI "
        + 'or give it on standard input');
    }
  }
  if (url && isDevelopmentSecret(secret)) {
    throw new DeployError("--url refuses a development account's secret (//Alice … and the dev phrase are "
      + 'public): use an account of your own, funded on that chain');
  }
  return secret || '//Alice';
}

/** Writes the manifest atomically: a reader sees the old file or the whole new one. */
function writeManifest(manifestPath, manifest) {
  mkdirSync(path.dirname(manifestPath), { recursive: true });
  const temporary = path.join(path.dirname(manifestPath), `.manifest-${process.pid}-${Date.now()}`);
  writeFileSync(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(temporary, manifestPath);
}

/** The manifest written earlier for the chain at `url`. */
function existingManifest(url, network) {
  const manifestPath = path.join(ROOT, 'deployments', `${network}.json`);
  const shown = path.relative(ROOT, manifestPath);
  if (!existsSync(manifestPath)) throw new DeployError(`no manifest ${shown}: deploy to ${url} first`);
  const writtenFor = JSON.parse(readFileSync(manifestPath, 'utf8')).url;
  if (writtenFor !== url) throw new DeployError(`${shown} was written for ${writtenFor}, not ${url}`);
  return manifestPath;
}

/** The network name of a chain given by --url: its host. */
function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    throw new UsageError(`--url ${url} is not a URL (expected ws://host:port or wss://host:port)`);
  }
}

/**
 * The data plane's TypeScript, compiled to dataplane/dist (seconds), on every
 * run, --no-build too: that flag is about the contracts, and a dist older than
 * its source would run code that is not the checkout's.
 */
async function buildDataPlane() {
  const dataplane = path.join(ROOT, 'dataplane');
  if (!existsSync(path.join(dataplane, 'node_modules'))) {
    throw new DeployError("the data plane's npm packages are not installed; run scripts/setup");
  }
  step('building the data plane (dataplane/dist)');
  await runOrFail("the data plane's build failed", path.join(dataplane, 'node_modules', '.bin', 'tsc'),
    ['-p', path.join(dataplane, 'tsconfig.json')]);
}

/**
 * What this run started, undone on the way out unless released: the local
 * node, the services, the portal's server, the command in the foreground,
 * and a manifest of the local node (which is gone with it after a failure).
 */
const running = {
  node: null, services: null, portal: null, foreground: null, localManifest: null, interrupted: false,
};

async function stopEverything() {
  const { node, services } = running;
  running.node = null;
  running.services = null;
  await services?.stop();
  await node?.stop();
}

/** Builds the portal and serves it with the deployment until Ctrl-C. */
async function servePortal(manifestPath, port) {
  const portal = path.join(ROOT, 'portal');
  if (!existsSync(path.join(portal, 'node_modules'))) {
    throw new DeployError("the portal's npm packages are not installed; run scripts/setup");
  }
  step('building the portal (portal/dist)');
  await runOrFail("the portal's build failed", 'npm', ['run', '--silent', 'build'], { cwd: portal });
  step(`serving the portal with ${path.relative(ROOT, manifestPath)}`);
  const server = spawn(process.execPath, [path.join(portal, 'scripts', 'serve.mjs'), '--manifest', manifestPath,
    ...(port ? ['--port', String(port)] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
  running.portal = server;
  const { code, signal } = await new Promise((resolve) => server.once('exit', (c, s) => resolve({ code: c, signal: s })));
  running.portal = null;
  if (running.interrupted) {
    // Ctrl-C is how the portal is meant to stop: the run ends as asked.
    console.log('==> stopped the portal');
    running.interrupted = false;
    return;
  }
  if (code !== 0) throw new DeployError(`the portal's server stopped with ${signal ? `signal ${signal}` : `exit ${code}`}`);
}

async function main() {
  let options;
  try {
    ({ values: options } = parseArgs({ options: OPTIONS, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${error.message.split('. ')[0]} (scripts/deploy --help lists the options)`);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const started = Date.now();
  if (options.suri !== undefined) {
    throw new UsageError('--suri would put the secret on the command line, readable by every local user: '
      + 'set HEALTH_SUITE_SURI or give it on standard input');
  }
  if (options.url && options.port) throw new UsageError('--port is for the local node; it cannot be combined with --url');
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65_536)) {
    throw new UsageError(`--port ${options.port} is not a port number`);
  }
  const network = options.network ?? (options.url ? hostOf(options.url) : 'local');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(network)) {
    throw new UsageError(`--network ${network}: a name of letters, digits, '.', '_' and '-'`);
  }
  if (options.url && options.portal && !('HEALTH_SUITE_SURI' in process.env)) {
    await servePortal(existingManifest(options.url, network));
    return;
  }
  if (options.url && !options['governance-settings']) {
    throw new UsageError('--url needs --governance-settings: a public chain wants days, not the '
      + "development settings' seconds (see README)");
  }
  const settings = options['governance-settings'] ? governanceSettings(options['governance-settings'])
    : DEV_GOVERNANCE_SETTINGS;
  let secret = await deployingSecret(options.url);

  if (!options.url) {
    step('setup: installs what is missing (the first run on a machine builds '
      + 'cargo-contract and substrate-contracts-node from source, about two hours on 2 cores)');
    await runOrFail('scripts/setup failed', 'bash', [path.join(ROOT, 'scripts', 'setup')]);
  }
  if (!options['no-build']) {
    step('release builds');
    await runOrFail('scripts/build-contracts failed', 'bash', [path.join(ROOT, 'scripts', 'build-contracts')]);
  }
  const bundles = bundlesDir();
  for (const name of [...LIBRARIES, ...CONTRACTS]) {
    const bundle = path.join(bundles, `${name}.contract`);
    if (!existsSync(bundle)) throw new DeployError(`missing bundle ${bundle}: run scripts/build-contracts`);
  }
  if (!existsSync(path.join(ROOT, 'client', 'node_modules'))) {
    throw new DeployError("the client's npm packages are not installed; run scripts/setup");
  }

  let url;
  let chainName;
  if (options.url) {
    url = options.url;
    step(`connecting to ${url}`);
    try {
      chainName = await rpc(url, 'system_chain');
    } catch (error) {
      if (error instanceof DeployError) throw error;
      throw new DeployError(`cannot reach ${url}: ${connectionFailure(error)}`);
    }
  } else {
    if (port !== undefined && (await portTaken(port))) throw new DeployError(`port ${port} is already taken on 127.0.0.1`);
    const binary = (process.env.PATH ?? '').split(path.delimiter)
      .map((folder) => path.join(folder, 'substrate-contracts-node')).find((candidate) => existsSync(candidate));
    if (!binary) throw new DeployError('substrate-contracts-node is not installed; run scripts/setup');
    running.node = new LocalNode(port ?? (await freePort()));
    step(`starting substrate-contracts-node --dev on ${running.node.url}`);
    await running.node.start(binary);
    url = running.node.url;
    chainName = await rpc(url, 'system_chain');
  }
  detail(`chain: ${chainName}`);

  // The data plane's services keep their data with the local chain (gone
  // with it), or under the cache for a chain given by --url.
  const servicesBase = running.node ? path.join(running.node.base, 'services')
    : path.join(CACHE, 'services', network);
  const services = new Services(servicesBase, {
    root: ROOT,
    node22: process.env.HEALTH_SUITE_NODE22 ?? node22FromEnvSh(),
  });
  running.services = services;
  await buildDataPlane();
  const { keeperKeys } = await import('./keeper.mjs');
  const keeper = (await keeperKeys(services.keeperDir)).signer.address;
  detail(`default keeper: ${keeper} (keys in ${services.keeperDir})`);

  // The manifest is written only once governance holds every admin role (a
  // failed run leaves none).
  const { deployWithSecret } = await import('./deploy-suite.mjs');
  const manifest = await deployWithSecret(secret, {
    url, network, bundles, governanceSettings: constructorSettings(settings),
    refuseDevelopmentAccounts: Boolean(options.url), keeper,
  }, detail).catch((error) => { throw new DeployError(error.message); });
  secret = undefined;
  const manifestPath = path.join(ROOT, 'deployments', `${network}.json`);
  interruptedCheck();
  if (running.node) running.localManifest = manifestPath;
  writeManifest(manifestPath, manifest);
  step(`manifest written: ${path.relative(ROOT, manifestPath)}`);

  let portalPort;
  if (running.node) {
    step('starting the storage node (Helia, offline) and the keeper');
    // The portal's origin may upload to the storage node: its port is chosen now.
    portalPort = options.portal ? await freePortOutsideEphemeral() : undefined;
    const urls = await services.start(manifestPath, portalPort ? `http://127.0.0.1:${portalPort}` : undefined);
    manifest.services = { ...urls, keeper_account: keeper };
    writeManifest(manifestPath, manifest);
    detail(`storage node ${urls.storage}, keeper ${urls.keeper}`);
  } else {
    manifest.services = { keeper_account: keeper };
    writeManifest(manifestPath, manifest);
    detail('with --url the services are yours to run: dataplane/bin/storage-node.mjs and '
      + `client/keeper.mjs --manifest ${path.relative(ROOT, manifestPath)} --data ${services.keeperDir}`);
  }

  // The demo and the client check talk to the suite with polkadot.js, the
  // libraries Contracts UI uses, which decode every contract's events.
  const stories = [[options.demo || options.bench, 'client/demo.mjs'], [options.check, 'client/check.mjs'],
    [options.bench, 'bench/dataplane.mjs'], [options.bench, 'bench/zk.mjs']];
  for (const [wanted, script] of stories) {
    if (!wanted) continue;
    step(`${script} ${path.relative(ROOT, manifestPath)}`);
    if ((await run(process.execPath, [path.join(ROOT, script), manifestPath])) !== 0) {
      throw new DeployError(`${script} failed against ${url}`);
    }
  }
  if (options.portal) {
    step(`done in ${Math.round((Date.now() - started) / 1000)}s; serving the portal`);
    await servePortal(manifestPath, portalPort);
    return;
  }
  if (running.node && options['keep-node']) {
    step(`node left running at ${running.node.url} (pid ${running.node.pid}, data ${running.node.base}), `
      + `with the storage node and the keeper (pids ${services.pids.join(' ')}); stop all three with `
      + `kill ${[running.node.pid, ...services.pids].join(' ')}`);
    running.node.release();
    services.release();
    running.node = null;
    running.services = null;
    running.localManifest = null;
  }
  running.localManifest = null;
  step(`done in ${Math.round((Date.now() - started) / 1000)}s`);
}

/** Where scripts/setup installs Node.js 22 (the version is scripts/env.sh's). */
function node22FromEnvSh() {
  const envSh = readFileSync(path.join(ROOT, 'scripts', 'env.sh'), 'utf8');
  const version = /^HEALTH_SUITE_NODE22_VERSION=(\S+)/m.exec(envSh)?.[1];
  return path.join(CACHE, `node-${version}`, 'bin', 'node');
}

/**
 * Ends the run, once: one line on stderr for a failure; the command in the
 * foreground, the services and the node stopped; a manifest of the local
 * node removed after a failure (it would name a chain that is gone).
 */
let finishing = false;
async function finish(status, message) {
  if (finishing) return;
  finishing = true;
  if (message) process.stderr.write(`error: ${message}\n`);
  try { running.foreground?.kill('SIGTERM'); } catch { /* already gone */ }
  try { running.portal?.kill('SIGINT'); } catch { /* already gone */ }
  await stopEverything().catch(() => {});
  if (status !== 0 && running.localManifest) rmSync(running.localManifest, { force: true });
  process.exit(status);
}

// Library code must not write to stderr, which carries the one error line:
// polkadot.js's warnings go to the progress output instead.
console.warn = (...parts) => console.log('    warning:', ...parts);
console.error = console.warn;

// Ctrl-C, or a test's SIGINT or SIGTERM: the portal's server (in this
// process group, so it heard the signal too) ends and the run stops cleanly;
// anything else in flight is abandoned, and the node and the services stop.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    running.interrupted = true;
    if (running.portal) {
      running.portal.kill('SIGINT');
      return;
    }
    finish(130, 'interrupted');
  });
}

main().then(
  () => finish(running.interrupted ? 130 : 0, running.interrupted ? 'interrupted' : undefined),
  (error) => finish(running.interrupted ? 130 : error instanceof UsageError ? 2 : 1,
    running.interrupted ? 'interrupted' : String(error?.message ?? error).split('\n')[0]),
);
