// Browser stories of the data plane: its known answers in Chromium, and a
// record written, shared through the keeper and read in the page, each
// actor in a browser context of their own, on a fresh suite with its
// storage node and keeper (scripts/deploy --portal).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hexToU8a, u8aToString } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { after, before, describe, test } from 'node:test';
import { build } from 'vite';
import { fhirFields } from '../../dataplane/dist/index.js';
import { KNOWN_ANSWERS } from '../../dataplane/test/known-answers.mjs';
import { knownAnswerInputs } from '../../dataplane/test/known-answer-inputs.mjs';
import {
  actorContext, givenAVerifiedHospitalAndPhysician, launchBrowser, screenshot, signIn, startSuite, submitAndSettle,
  DAY_MS,
} from './harness.mjs';

const dataplane = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dataplane');

/** dataplane/test/known-answers.mjs bundled for a page (window.KnownAnswers). */
async function knownAnswersBundle() {
  const [output] = await build({
    configFile: false, root: dataplane, logLevel: 'warn',
    build: {
      write: false, minify: false, emptyOutDir: false,
      lib: { entry: path.join(dataplane, 'test', 'known-answers.mjs'), formats: ['iife'], name: 'KnownAnswers' },
    },
  });
  return output.output[0].code;
}

describe('the data plane in Chromium', { timeout: 300_000 }, () => {
  test('RFC 9180\'s and the X-Wing draft\'s vectors, WebCrypto against noble, the container fixture and the Merkle '
    + 'fields give their known answers in the page, as on Node', async () => {
    // Given the checks Node runs, bundled for the page, on a page served from 127.0.0.1 (a secure context)
    const code = await knownAnswersBundle();
    const server = http.createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>known answers</title>'));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      await page.addScriptTag({ content: code });
      // When every check runs in Chromium
      const results = await page.evaluate(async (inputs) => {
        const out = [];
        for (const { name, run } of window.KnownAnswers.KNOWN_ANSWERS) {
          try { await run(inputs); out.push({ name, ok: true }); } catch (error) { out.push({ name, error: String(error) }); }
        }
        return out;
      }, knownAnswerInputs());
      // Then each passes, and they are the same checks Node runs
      assert.deepEqual(results.map(({ name }) => name), KNOWN_ANSWERS.map(({ name }) => name));
      for (const result of results) assert.ok(result.ok, `${result.name}: ${result.error}`);
      assert.equal(await page.evaluate(() => window.isSecureContext), true);
    } finally {
      await browser.close();
      server.close();
    }
  });
});

const OBSERVATION = {
  resourceType: 'Observation', status: 'final',
  category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood' }] },
  valueQuantity: { value: 6.4, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
  effectiveDateTime: '2026-12-01T08:30:00Z',
};
const RENDERED = 'Hemoglobin A1c/Hemoglobin.total in Blood: 6.4 %, 2026-12-01T08:30:00Z (final)';

describe('records through the data plane in the portal', { timeout: 900_000 }, () => {
  let running;
  let browser;

  before(async () => {
    running = await startSuite('local-browser-dataplane');
    await givenAVerifiedHospitalAndPhysician(running.suite);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function recordCount(patient) {
    const { Bob } = running.suite.accounts;
    return (await running.suite.query('record_access', 'records_of', Bob, patient, 'LabResults', 0, 50)).value.ok.total;
  }

  /** Creates the actor's health key in the page and publishes it; returns the recovery code and backup file. */
  async function createHealthKey(actor) {
    const panel = actor.page.getByTestId('health-key');
    await panel.and(actor.page.locator('[data-status="none"]')).waitFor();
    const published = await submitAndSettle(actor.page, panel.getByRole('button', { name: 'Create a health key' }),
      'health-key-status');
    assert.equal(published.phase, 'done', published.text);
    await panel.and(actor.page.locator('[data-status="published"]')).waitFor();
    const code = await actor.page.getByTestId('recovery-code').innerText();
    const [download] = await Promise.all([actor.page.waitForEvent('download'), actor.page.getByTestId('backup-file').click()]);
    const file = path.join(fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'health-key-')), download.suggestedFilename());
    await download.saveAs(file);
    return { code, file };
  }

  test('a patient and a physician make health keys in the page; the hospital writes an encrypted Observation; '
    + 'the physician reads it through the keeper, the patient with her own key; '
    + 'the patient restores her key in a fresh browser, and a wrong recovery code restores nothing', async () => {
    const { Bob, Charlie, Dave } = running.suite.accounts;
    const keeper = running.suite.manifest.services.keeper_account;
    // Given the patient and the physician, each with a health key made in their own browser
    const patient = await actorContext(browser, running.suite, Bob, 'Bob (patient)');
    const physician = await actorContext(browser, running.suite, Dave, 'Dave (physician)');
    await signIn(patient, running.url);
    const backup = await createHealthKey(patient);
    assert.match(backup.code, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await signIn(physician, running.url);
    await createHealthKey(physician);
    for (const account of [Bob, Dave]) {
      const key = (await running.suite.query('key_directory', 'key_of', Bob, account.address)).value;
      assert.deepEqual([key?.suite, key?.version], [2, 1], 'an X-Wing key, version 1, in the directory');
    }
    await screenshot(patient.page, 'patient-health-key-created');

    // When the hospital, in its own browser, first submits a record that is not FHIR
    const hospital = await actorContext(browser, running.suite, Charlie, 'Charlie (hospital)');
    await signIn(hospital, running.url);
    await hospital.page.getByRole('button', { name: 'Provider' }).click();
    const form = hospital.page.getByTestId('add-record-form');
    await form.locator('input[name=patient]').fill(Bob.address);
    await form.locator('select[name=category]').selectOption('LabResults');
    await form.locator('textarea[name=resource]').fill('{"status": "final"}');
    await form.getByRole('button', { name: 'Encrypt, store and add' }).click();
    // Then the page says why, and nothing is stored on chain
    assert.match(await hospital.page.getByTestId('add-record-problem').innerText(), /resourceType/);
    assert.equal(await recordCount(Bob.address), 0);

    // When it writes the HbA1c Observation
    await form.locator('textarea[name=resource]').fill(JSON.stringify(OBSERVATION, null, 2));
    await form.getByRole('button', { name: 'Encrypt, store and add' }).click();
    await hospital.page.locator('[data-testid=write-steps] [data-step="key sealed to the keeper"]').waitFor({ timeout: 120_000 });
    const steps = await hospital.page.getByTestId('write-steps').innerText();
    await screenshot(hospital.page, 'hospital-record-written');
    await hospital.context.close();
    // Then the chain holds a record whose pointer is a CID and whose hash is the ciphertext's, not the plaintext's
    assert.equal(await recordCount(Bob.address), 1, steps);
    const [record] = (await running.suite.query('record_access', 'records_of', Bob, Bob.address, 'LabResults', 0, 50))
      .value.ok.items;
    const pointer = u8aToString(hexToU8a(record.pointer));
    assert.match(pointer, /^ipfs:\/\/b[a-z2-7]+$/);
    const cid = pointer.slice('ipfs://'.length);
    const stored = new Uint8Array(await (await fetch(`${running.suite.manifest.services.storage}/ipfs/${cid}?format=raw`))
      .arrayBuffer());
    assert.equal(blake2AsHex(stored, 256), record.contentHash);
    assert.ok(!new TextDecoder('utf-8', { fatal: false }).decode(stored).includes('4548-4'), 'the plaintext is not stored');
    // and its fields are the resource's values at their FHIR paths, one salted leaf each
    assert.equal(record.fieldCount, fhirFields(OBSERVATION).length);
    // and the key is sealed to the patient and her keeper only
    const envelope = async (account) => (await running.suite.query('record_access', 'envelope', Bob, record.id, account)).value;
    assert.ok(await envelope(Bob.address) && await envelope(keeper), 'sealed to the patient and the keeper');
    assert.equal(await envelope(Dave.address), null, 'nothing sealed to the physician on chain');

    // When the patient consents to the physician reading her lab results while his page is open
    await physician.page.getByRole('button', { name: 'Provider' }).click();
    await running.suite.tx('consent', 'grant', Bob, Bob.address, Dave.address, {
      categories: ['LabResults'], purposes: ['Treatment'], actions: ['Read'],
      validFrom: 0, validUntil: Date.now() + 30 * DAY_MS, policyRef: 'ipfs://consent-form',
    });
    // Then she appears among his patients, with the record he may read: no record number is typed
    const row = physician.page.locator(`[data-testid=patient-records][data-patient="${Bob.address}"] tr[data-record="${record.id}"]`);
    await row.waitFor({ timeout: 60_000 });
    // When he reads it
    const asked = await submitAndSettle(physician.page, row.getByRole('button', { name: 'Read' }), 'patients-request-status');
    assert.equal(asked.phase, 'done', asked.text);
    // Then the keeper releases the key after the committed grant, and the page shows what the hospital wrote
    await physician.page.getByTestId('patients-granted-record-text').filter({ hasText: RENDERED }).waitFor({ timeout: 60_000 });
    await screenshot(physician.page, 'physician-reads-decrypted-record');
    // and the release is on the audit trail, by the keeper, for the physician
    const head = (await running.suite.query('audit_trail', 'head', Bob)).value;
    const last = (await running.suite.query('audit_trail', 'entry', Bob, head.seq)).value;
    assert.deepEqual(last.record.action, { keyReleased: null });
    assert.deepEqual([last.record.actor, last.record.counterpart], [keeper, Dave.address]);

    // When the patient opens her own record
    await patient.page.getByRole('button', { name: 'Patient' }).click();
    await patient.page.locator(`[data-testid=records] tr[data-record="${record.id}"]`).getByRole('button', { name: 'Open' }).click();
    // Then she reads it with her own key
    await patient.page.getByTestId(`own-record-${record.id}-text`).filter({ hasText: RENDERED }).waitFor();

    // When she signs in from a fresh browser profile, the page says the directory holds a key this browser does not
    const fresh = await actorContext(browser, running.suite, Bob, 'Bob (new browser)');
    await signIn(fresh, running.url);
    const panel = fresh.page.getByTestId('health-key');
    await panel.and(fresh.page.locator('[data-status="elsewhere"]')).waitFor();
    const restore = fresh.page.getByTestId('restore-form');
    await restore.locator('input[name=backup]').setInputFiles(backup.file);
    // and a wrong recovery code restores nothing
    await restore.locator('input[name=code]').fill('0000-0000-0000-0000-0000-0000-0000-0000');
    await restore.getByRole('button', { name: 'Restore' }).click();
    assert.match(await fresh.page.getByTestId('health-key-problem').innerText(), /recovery code/i);
    assert.equal(await panel.getAttribute('data-status'), 'elsewhere');
    // but the right one restores the published key, which opens her record again
    await restore.locator('input[name=code]').fill(backup.code.toLowerCase());
    await restore.getByRole('button', { name: 'Restore' }).click();
    await panel.and(fresh.page.locator('[data-status="published"]')).waitFor();
    await fresh.page.locator(`[data-testid=records] tr[data-record="${record.id}"]`).getByRole('button', { name: 'Open' }).click();
    await fresh.page.getByTestId(`own-record-${record.id}-text`).filter({ hasText: RENDERED }).waitFor();
    await screenshot(fresh.page, 'patient-restored-key-reads-record');
    for (const actor of [patient, physician, fresh]) await actor.context.close();
  });
});
