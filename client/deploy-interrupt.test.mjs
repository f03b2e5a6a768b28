// The deploy, interrupted: Ctrl-C (SIGINT) in the middle of a deployment to
// a fresh local node ends the command with one line on stderr and exit 130,
// stops the node it started, and leaves no manifest. Needs the release
// bundles and substrate-contracts-node (scripts/setup, scripts/build-contracts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { test } from 'node:test';

const root = new URL('..', import.meta.url).pathname;

/** Whether something accepts connections on 127.0.0.1:`port`. */
function answers(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

test('given a deploy under way, when it is interrupted, then its node stops, no manifest is left and stderr says why in one line', async () => {
  const network = `interrupted-${process.pid}`;
  const child = spawn(`${root}scripts/deploy`, ['--no-build', '--network', network], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk) => { errors += chunk; });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // when the contracts are being instantiated
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no contract deployed within 5 min:\n${output}`)), 300_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/^ {4}audit_trail {2,}\S+/m.test(output)) {
        clearTimeout(timer);
        resolve(Number(/--dev on ws:\/\/127\.0\.0\.1:(\d+)/.exec(output)[1]));
      }
    });
    child.once('exit', () => { clearTimeout(timer); reject(new Error(`the deploy ended first:\n${output}${errors}`)); });
  });
  assert.equal(await answers(port), true, 'the node runs while the deploy does');
  child.kill('SIGINT');
  const { code } = await exited;
  // then
  assert.equal(code, 130, output);
  assert.equal(errors, 'error: interrupted\n');
  assert.equal(existsSync(`${root}deployments/${network}.json`), false, 'no manifest');
  assert.equal(await answers(port), false, 'the node it started is stopped');
});
