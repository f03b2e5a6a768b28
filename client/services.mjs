// The processes a local deployment runs: a `substrate-contracts-node --dev`
// and the data plane's two services (the storage node, the keeper). Each
// runs in its own process group, writes its output to a log file (never a
// pipe, so a service left running by --keep-node outlives the deploy), and is
// stopped with its whole group. Node built-ins only: the deploy uses this
// before any npm package is installed.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A failure reported to the user as one line (`error: ...`). */
export class DeployError extends Error {}

/** A free loopback port, chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Whether a process already listens on 127.0.0.1:`port`. */
export function portTaken(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(true));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(false)));
  });
}

/**
 * A free port the kernel will not hand to another port-0 bind meanwhile
 * (below Linux's ephemeral range, 32768 and up): for a port chosen now and
 * bound later (the portal's, named to the storage node first).
 */
export async function freePortOutsideEphemeral() {
  for (let tries = 0; tries < 200; tries += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!(await portTaken(port))) return port;
  }
  throw new DeployError('no free port between 20000 and 32000 on 127.0.0.1');
}

/**
 * One JSON-RPC request over HTTP (Substrate serves HTTP and WebSocket on one
 * port). node:http rather than fetch, which refuses some ports outright.
 */
export function rpc(url, method, params = [], timeoutMs = 5000) {
  const target = new URL(url.replace(/^ws(s?):/, 'http$1:'));
  const body = JSON.stringify({ id: 1, jsonrpc: '2.0', method, params });
  return new Promise((resolve, reject) => {
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      timeout: timeoutMs,
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => {
        try {
          const answer = JSON.parse(text);
          if (answer.error) reject(new DeployError(`${method} failed at ${url}: ${answer.error.message}`));
          else resolve(answer.result);
        } catch {
          reject(new DeployError(`${url} answered ${method} with HTTP ${response.statusCode}, not JSON-RPC`));
        }
      });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** Why a connection failed, in a few words. */
export function connectionFailure(error) {
  return error?.code === 'ECONNREFUSED' ? 'connection refused' : (error?.code ?? error?.message ?? String(error));
}

/** A child process in its own process group, its output appended to `logPath`. */
class Child {
  constructor(command, args, logPath, options = {}) {
    this.logPath = logPath;
    const log = openSync(logPath, 'a');
    this.process = spawn(command, args, { stdio: ['ignore', log, log], detached: true, ...options });
    closeSync(log);
    this.exited = new Promise((resolve) => this.process.once('exit', (code, signal) => resolve({ code, signal })));
    this.running = true;
    this.exited.then(() => { this.running = false; });
    this.process.once('error', () => { this.running = false; });
  }

  get pid() { return this.process.pid; }

  /** Lets this process outlive the deploy (--keep-node). */
  release() { this.process.unref(); }

  /** SIGTERM to the whole group; SIGKILL after `graceMs`. */
  async stop(graceMs) {
    if (!this.running) return;
    try { process.kill(-this.process.pid, 'SIGTERM'); } catch { return; }
    const stopped = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!stopped) {
      try { process.kill(-this.process.pid, 'SIGKILL'); } catch { /* already gone */ }
      await this.exited;
    }
  }

  /** The last lines of the log, for an error message. */
  tail(lines = 2) {
    const text = existsSync(this.logPath) ? readFileSync(this.logPath, 'utf8') : '';
    return text.trim().split('\n').slice(-lines).join(' ');
  }
}

/** A `substrate-contracts-node --dev` with its own data directory and port. */
export class LocalNode {
  constructor(port) {
    this.port = port;
    this.base = mkdtempSync(path.join(os.tmpdir(), 'health-suite-node-'));
    this.logPath = path.join(this.base, 'node.log');
    this.child = null;
  }

  get url() { return `ws://127.0.0.1:${this.port}`; }

  get pid() { return this.child?.pid; }

  /** Starts the node; resolves once it answers JSON-RPC (within 60 s). */
  async start(binary) {
    this.child = new Child(binary, ['--dev', '--base-path', this.base, '--rpc-port', String(this.port),
      '--port', '0', '--no-prometheus', '--no-telemetry', '--no-mdns'], this.logPath);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (!this.child.running) throw new DeployError(`the node exited at start (log: ${this.logPath})`);
      try {
        await rpc(this.url, 'system_health', [], 1000);
        return;
      } catch {
        await sleep(500);
      }
    }
    throw new DeployError(`the node did not answer on port ${this.port} within 60 s (log: ${this.logPath})`);
  }

  release() { this.child?.release(); }

  async stop() {
    await this.child?.stop(20_000);
    rmSync(this.base, { recursive: true, force: true });
  }
}

/**
 * The data plane's services beside the chain: the storage node (Helia, on
 * Node.js 22) and the keeper, each a process whose first "ready at URL" line
 * says it serves. Their data directories are `base`/storage and
 * `base`/keeper (the keeper's keys are created there, mode 0600).
 */
export class Services {
  constructor(base, { root, node22 }) {
    this.base = base;
    this.root = root;
    this.node22 = node22;
    this.children = [];
    mkdirSync(base, { recursive: true });
  }

  get keeperDir() { return path.join(this.base, 'keeper'); }

  /** Starts `name`; resolves with the URL of its "... ready at URL" line (within 60 s). */
  async #start(name, command, args) {
    const logPath = path.join(this.base, `${name.replaceAll(' ', '-')}.log`);
    rmSync(logPath, { force: true });
    const child = new Child(command, args, logPath);
    this.children.push(child);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      // A whole line only: the log may end in the middle of one.
      const ready = existsSync(logPath) && / ready at (\S+)[^\n]*\n/.exec(readFileSync(logPath, 'utf8'));
      if (ready) return ready[1];
      if (!child.running) throw new DeployError(`the ${name} stopped at start (log: ${logPath}): ${child.tail()}`);
      await sleep(200);
    }
    throw new DeployError(`the ${name} did not start within 60 s (log: ${logPath})`);
  }

  /** Starts both services for the deployment in `manifestPath`; resolves with their URLs. */
  async start(manifestPath, portalOrigin) {
    if (!existsSync(this.node22)) {
      throw new DeployError(`Node.js 22 for the storage node is not installed at ${this.node22}; run scripts/setup`);
    }
    const storageArgs = [path.join(this.root, 'dataplane', 'bin', 'storage-node.mjs'),
      '--data', path.join(this.base, 'storage'), ...(portalOrigin ? ['--allow-upload-origin', portalOrigin] : [])];
    const storage = await this.#start('storage node', this.node22, storageArgs);
    const keeper = await this.#start('keeper', process.execPath, [path.join(this.root, 'client', 'keeper.mjs'),
      '--manifest', manifestPath, '--data', this.keeperDir]);
    return { storage, keeper };
  }

  /** The services' process ids (each leads its own process group). */
  get pids() { return this.children.map((child) => child.pid); }

  release() { this.children.forEach((child) => child.release()); }

  async stop() {
    await Promise.all(this.children.map((child) => child.stop(10_000)));
    this.children = [];
  }
}
