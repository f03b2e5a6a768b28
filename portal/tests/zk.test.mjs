// Browser story of the zero-knowledge prover: the same module Node runs
// (zk/src/at-least.mjs), bundled for the page, proves in Chromium that a
// committed HbA1c is at least a threshold, the proof verifies under the
// committed key, and a false statement cannot be proven. The proving time
// in the page is printed (the figure docs/ai-and-zk.md gives), not asserted.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { build } from 'vite';
import { launchBrowser } from './harness.mjs';

const zk = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'zk');
const ARTIFACTS = {
  '/at_least.wasm': ['application/wasm', path.join(zk, 'artifacts', 'at_least.wasm')],
  '/at_least.zkey': ['application/octet-stream', path.join(zk, 'artifacts', 'at_least.zkey')],
  '/at_least.vkey.json': ['application/json', path.join(zk, 'artifacts', 'at_least.vkey.json')],
};

/**
 * zk/src/at-least.mjs bundled for a page (window.AtLeast). circomlibjs'
 * index pulls in every primitive it has (some use Node's Buffer at load
 * time); the prover needs only Poseidon, so the bundle takes that module
 * alone (the package's exports allow no deep import).
 */
async function proverBundle() {
  const [output] = await build({
    configFile: false, root: zk, logLevel: 'error',
    resolve: { alias: { circomlibjs: path.join(zk, 'node_modules', 'circomlibjs', 'src', 'poseidon_wasm.js') } },
    build: {
      write: false, minify: false, emptyOutDir: false,
      lib: { entry: path.join(zk, 'src', 'at-least.mjs'), formats: ['iife'], name: 'AtLeast' },
    },
  });
  return output.output[0].code;
}

describe('the zero-knowledge prover in Chromium', { timeout: 300_000 }, () => {
  test('a patient proves in the page that a committed HbA1c of 7.0 % is at least 6.5 %, and cannot prove 6.4 % is',
    async () => {
      // Given the prover Node runs, bundled for a page served from 127.0.0.1 with the committed artifacts
      const code = await proverBundle();
      const server = http.createServer((request, response) => {
        const artifact = ARTIFACTS[request.url];
        if (artifact) {
          response.writeHead(200, { 'content-type': artifact[0] }).end(fs.readFileSync(artifact[1]));
        } else {
          response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>prover</title>');
        }
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage();
        await page.goto(`http://127.0.0.1:${server.address().port}/`);
        await page.addScriptTag({ content: code });
        // When the page fetches the artifacts and proves, twice (the first run builds snarkjs' tables)
        const outcome = await page.evaluate(async () => {
          const bytes = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
          const artifacts = { wasm: await bytes('/at_least.wasm'), zkey: await bytes('/at_least.zkey') };
          const vkey = await (await fetch('/at_least.vkey.json')).json();
          const { proveAtLeast, verifyAtLeast, randomBlinding } = window.AtLeast;
          const times = [];
          let last;
          for (let round = 0; round < 3; round++) {
            const statement = { value: 70, blinding: randomBlinding(), threshold: 65, claim: 1000n + BigInt(round) };
            const started = performance.now();
            last = await proveAtLeast(statement, artifacts);
            times.push(performance.now() - started);
          }
          const verified = await verifyAtLeast(vkey, last.publicSignals, last.proof);
          let falseStatement = 'proven';
          try {
            await proveAtLeast({ value: 64, blinding: randomBlinding(), threshold: 65, claim: 1n }, artifacts);
          } catch (error) {
            falseStatement = String(error);
          }
          return { times, verified, publicSignals: last.publicSignals, falseStatement };
        });
        // Then the proof verifies under the committed key, for the statement's threshold and claim
        assert.equal(outcome.verified, true);
        assert.deepEqual(outcome.publicSignals.slice(1), ['65', '1002']);
        // And 6.4 % against 6.5 % cannot be proven: the witness does not satisfy the circuit
        assert.notEqual(outcome.falseStatement, 'proven');
        assert.match(outcome.falseStatement, /Assert Failed|constraint|Error/i);
        console.log(`proving in Chromium: ${outcome.times.map((ms) => `${ms.toFixed(0)} ms`).join(', ')} `
          + '(the first includes building the curve tables)');
      } finally {
        await browser.close();
        server.close();
      }
    });
});
