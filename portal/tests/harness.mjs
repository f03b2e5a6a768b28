// The browser tier's harness: a fresh suite on a fresh node served with the
// portal by the README's own command (scripts/deploy --portal), Debian's
// Chromium driven by playwright-core, and an injected test wallet whose
// signer asks Node to sign, so that the page signs through the same
// window.injectedWeb3 path a real extension takes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hexToU8a, u8aToHex, u8aWrapBytes } from '@polkadot/util';
import { chromium } from 'playwright-core';
import { Suite } from '../../client/suite.mjs';

const portal = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const root = path.dirname(portal);
export const ARTEFACTS = path.join(portal, 'test-results');
const DAY_MS = 86_400_000;

/**
 * Deploys the suite to a fresh node and serves the portal with it
 * (`scripts/deploy --no-build --portal`); resolves once the portal's URL is
 * printed. `stop()` ends the server and the node as Ctrl-C does.
 */
export async function startSuite(network) {
  const child = spawn(path.join(root, 'scripts', 'deploy'), ['--no-build', '--portal', '--network', network],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no portal URL after 10 min:\n${output}`)), 600_000);
    const hear = (chunk) => {
      output += chunk;
      const found = /portal: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) { clearTimeout(timer); resolve(found[1]); }
    };
    child.stdout.on('data', hear);
    child.stderr.on('data', hear);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`scripts/deploy exited ${code}:\n${output}`)); });
  });
  const manifestPath = path.join(root, 'deployments', `${network}.json`);
  const suite = await Suite.connect(manifestPath);
  return {
    url,
    suite,
    async stop() {
      await suite.disconnect();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.removeAllListeners('exit');
      child.on('exit', () => {});
      try { process.kill(-child.pid, 'SIGINT'); } catch { /* already gone */ }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A browser context acting for `pair` (a @polkadot/keyring pair): the
 * init script injects a wallet named like the polkadot.js extension that
 * holds only this account; its signer hands the payload to Node, which
 * signs it with the chain's registry exactly as the extension would.
 */
export async function actorContext(browser, suite, pair, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.exposeBinding('__healthSuiteTestSign', (_source, payload) => {
    if (payload.address !== pair.address) throw new Error(`the test wallet holds no key for ${payload.address}`);
    const extrinsicPayload = suite.api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    const { signature } = extrinsicPayload.sign(pair);
    return { id: Date.now(), signature };
  });
  // signRaw as the extension does it: the bytes wrapped in <Bytes>…</Bytes>.
  await context.exposeBinding('__healthSuiteTestSignRaw', (_source, raw) => {
    if (raw.address !== pair.address) throw new Error(`the test wallet holds no key for ${raw.address}`);
    return { id: Date.now(), signature: u8aToHex(pair.sign(u8aWrapBytes(hexToU8a(raw.data)))) };
  });
  await context.addInitScript(({ address, accountName }) => {
    const accounts = [{ address, name: accountName, type: 'sr25519' }];
    window.injectedWeb3 = window.injectedWeb3 ?? {};
    window.injectedWeb3['polkadot-js'] = {
      version: 'test',
      enable: async () => ({
        accounts: { get: async () => accounts, subscribe: (callback) => { callback(accounts); return () => {}; } },
        signer: {
          signPayload: (payload) => window.__healthSuiteTestSign(payload),
          signRaw: (raw) => window.__healthSuiteTestSignRaw(raw),
        },
      }),
    };
  }, { address: pair.address, accountName: name });
  const page = await context.newPage();
  // Waits cover a block or two on a loaded 2-core machine.
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  return { context, page, name, address: pair.address };
}

/** Opens the portal, connects the test wallet and acts as its account. */
export async function signIn(actor, url) {
  const { page } = actor;
  await page.goto(url);
  await page.getByRole('button', { name: /Connect polkadot/i }).click();
  const key = `polkadot-js:${actor.address}`;
  await page.locator(`select[aria-label=account] option[value="${key}"]`).waitFor({ state: 'attached' });
  await page.selectOption('select[aria-label=account]', key);
}

/** The page's first contentful paint, in ms, as the browser measured it. */
export async function firstContentfulPaint(page) {
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: true });
}

/** How many transactions a status box has shown so far (0 before the first). */
export async function attempts(page, testId) {
  const box = page.getByTestId(testId);
  return (await box.count()) ? Number(await box.getAttribute('data-attempt')) : 0;
}

/**
 * Clicks `button`, then waits for the status box `testId` to settle on the
 * last of the `transactions` that click starts (an approval and a deposit
 * are two); returns its phase and text.
 */
export async function submitAndSettle(page, button, testId, transactions = 1) {
  const before = await attempts(page, testId);
  await button.click();
  const settledBox = page.locator(`[data-testid="${testId}"][data-attempt="${before + transactions}"]`)
    .and(page.locator('[data-phase="done"], [data-phase="refused"], [data-phase="failed"]'));
  await settledBox.waitFor({ timeout: 90_000 });
  return { phase: await settledBox.getAttribute('data-phase'), text: await settledBox.innerText() };
}

/** A date-time input's value `days` from now (local time, as the page reads it). */
export function daysFromNow(days) {
  const at = new Date(Date.now() + days * DAY_MS);
  const pad = (number) => String(number).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * The "given" of the browser stories, through the Node client: one
 * proposal appoints Alice accreditation authority (hospitals, physicians,
 * researchers, insurers), makes governance a minter and mints Bob 2,000 and Ferdie
 * 1,000 tokens; Charlie (hospital) and Dave (physician) are verified; Bob
 * lets the hospital write lab results, and the hospital adds one. Returns
 * the record's id.
 */
export async function givenAVerifiedHospitalAndPhysicianAndALabRecord(suite) {
  await givenAVerifiedHospitalAndPhysician(suite);
  return addLabRecord(suite);
}

/** The same "given" without the record: the hospital may write Bob's lab results. */
export async function givenAVerifiedHospitalAndPhysician(suite) {
  const { Alice, Bob, Charlie, Dave, Ferdie } = suite.accounts;
  const governance = suite.manifest.contracts.governance.address;
  await suite.passProposal([
    suite.proposedCall('provider_verification', 'appoint_verifier', Alice.address,
      ['Hospital', 'Physician', 'Researcher', 'Insurer']),
    suite.proposedCall('reward_token', 'grant_minter', governance),
    suite.proposedCall('reward_token', 'mint_to', Bob.address, 2000),
    suite.proposedCall('reward_token', 'mint_to', Ferdie.address, 1000),
  ], 'the browser stories\' authority and tokens', Alice, [Alice]);
  for (const [pair, kind] of [[Charlie, 'Hospital'], [Dave, 'Physician']]) await verify(suite, pair, kind);
  await suite.tx('consent', 'grant', Bob, Bob.address, Charlie.address, {
    categories: ['LabResults'], purposes: ['Treatment'], actions: ['Write'],
    validFrom: 0, validUntil: Date.now() + 180 * DAY_MS, policyRef: 'ipfs://consent-form',
  });
}

/** The hospital (Charlie) adds a lab result of Bob's; returns its id. */
export async function addLabRecord(suite) {
  const { Bob, Charlie } = suite.accounts;
  const added = await suite.tx('record_access', 'add_record', Charlie, {
    patient: Bob.address, category: 'LabResults', purpose: 'Treatment', contentHash: `0x${'ab'.repeat(32)}`,
    pointer: 'ipfs://bafybeilabresult', fieldsRoot: `0x${'cd'.repeat(32)}`, fieldCount: 1, supersedes: null,
  });
  return added.value.ok;
}

/** `pair` applies as `kind` and Alice (an appointed authority) attests it. */
export async function verify(suite, pair, kind) {
  await suite.tx('provider_verification', 'apply', pair, {
    kind, credentialHash: `0x${'c1'.repeat(32)}`, licenceHash: `0x${'11'.repeat(32)}`, jurisdiction: 'GB-ENG',
    profileRef: 'ipfs://profile', validUntil: Date.now() + 365 * DAY_MS,
  });
  await suite.tx('provider_verification', 'attest', suite.accounts.Alice, pair.address);
}

export { DAY_MS };
