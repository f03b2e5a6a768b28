// Browser stories of the record path: a patient and a physician, each in
// their own browser context with their own wallet, on a fresh suite.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  actorContext, daysFromNow, firstContentfulPaint, givenAVerifiedHospitalAndPhysicianAndALabRecord,
  launchBrowser, screenshot, signIn, startSuite, submitAndSettle,
} from './harness.mjs';

describe('the record path in the portal', { timeout: 900_000 }, () => {
  let running;
  let browser;
  let recordId;
  let patient;
  let physician;

  before(async () => {
    running = await startSuite('local-browser-records');
    recordId = await givenAVerifiedHospitalAndPhysicianAndALabRecord(running.suite);
    browser = await launchBrowser();
    const { Bob, Dave } = running.suite.accounts;
    patient = await actorContext(browser, running.suite, Bob, 'Bob (patient)');
    physician = await actorContext(browser, running.suite, Dave, 'Dave (physician)');
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function consentsOfBob() {
    const { Bob } = running.suite.accounts;
    return (await running.suite.query('consent', 'consents_of', Bob, Bob.address, 0, 50)).value.ok.items;
  }

  async function requestRecord(actor) {
    const { page } = actor;
    await page.getByRole('button', { name: 'Provider' }).click();
    await page.getByTestId('request-form').locator('input[name=record]').fill(String(recordId));
    await page.getByTestId('request-form').locator('select[name=purpose]').selectOption('Treatment');
    const status = await submitAndSettle(page,
      page.getByTestId('request-form').getByRole('button', { name: 'Request access' }), 'request-status');
    assert.equal(status.phase, 'done', status.text);
    const result = page.getByTestId('access-result');
    await result.waitFor();
    return { outcome: await result.getAttribute('data-outcome'), text: await result.innerText() };
  }

  test('a patient grants a physician consent, the physician reads the record, the patient sees it verified, '
    + 'revokes, and sees the next request denied live', async () => {
    // Given the patient's dashboard, loaded in under 2 s
    await signIn(patient, running.url);
    const paint = await firstContentfulPaint(patient.page);
    console.log(`portal: first contentful paint ${paint?.toFixed(0)} ms`);
    assert.ok(paint !== undefined && paint < 2000, `first contentful paint ${paint} ms`);
    await signIn(physician, running.url);

    // When the patient grants the physician lab results for treatment, reading only
    const grant = patient.page.getByTestId('grant-form');
    await grant.locator('input[name=grantee]').fill(physician.address);
    await grant.getByLabel('Lab test results').check();
    await grant.locator('input[name=until]').fill(daysFromNow(30));
    const granted = await submitAndSettle(patient.page, grant.getByRole('button', { name: 'Grant' }), 'grant-status');
    assert.equal(granted.phase, 'done', granted.text);
    assert.match(granted.text, /ConsentGranted/);
    // Then the consent shows in force, as the chain holds it
    const row = patient.page.locator(`tr[data-grantee="${physician.address}"]`);
    await row.and(patient.page.locator('[data-status="in force"]')).waitFor();
    assert.equal((await consentsOfBob()).length, 2);
    await screenshot(patient.page, 'patient-dashboard-consent-granted');

    // When the physician asks for the record
    const first = await requestRecord(physician);
    // Then access is granted, naming the pointer and the grant's audit entry (the keeper's release is
    // the data-plane story's: portal/tests/data-plane.test.mjs)
    assert.equal(first.outcome, 'granted', first.text);
    assert.match(first.text, /ipfs:\/\/bafybeilabresult/);
    assert.match(first.text, /audit entry #\d+/);
    await screenshot(physician.page, 'physician-access-granted');

    // And the patient's access history shows the read, with the chain verified on chain
    const readEntry = patient.page.locator(`[data-testid=history] tr[data-actor="${physician.address}"][data-action="AccessGranted"]`);
    await readEntry.waitFor();
    assert.match(await readEntry.innerText(), /read a record #\d+\s+My care and treatment\s+granted/);
    const verification = patient.page.getByTestId('chain-verification');
    await verification.and(patient.page.locator('[data-state="intact"]')).waitFor({ timeout: 30_000 });
    await screenshot(patient.page, 'patient-access-history');

    // When the patient revokes the physician's consent
    const revoked = await submitAndSettle(patient.page, row.getByRole('button', { name: 'Revoke' }), 'revoke-status');
    assert.equal(revoked.phase, 'done', revoked.text);
    await row.and(patient.page.locator('[data-status="revoked"]')).waitFor();

    // Then the physician's next request is denied, and the denial appears live on the patient's page
    const second = await requestRecord(physician);
    assert.equal(second.outcome, 'denied', second.text);
    assert.match(second.text, /not consented/);
    const notice = patient.page.locator('[data-testid=notifications] [data-kind="denied"]');
    await notice.waitFor({ timeout: 30_000 });
    assert.match(await notice.innerText(), new RegExp(`record #${recordId}: the patient has not consented`));
    await screenshot(patient.page, 'patient-sees-denial-live');
  });

  test('a stranger is denied and the page says so; a grant without categories shows the contract\'s '
    + 'error and changes nothing; an address that is not one is refused before signing', async () => {
    // Given a stranger (Eve, not a verified provider) in their own browser
    const { Eve } = running.suite.accounts;
    const stranger = await actorContext(browser, running.suite, Eve, 'Eve (stranger)');
    await signIn(stranger, running.url);
    // When she asks for the record, then she is denied as not verified
    const asked = await requestRecord(stranger);
    assert.equal(asked.outcome, 'denied', asked.text);
    assert.match(asked.text, /not a verified provider/);
    await screenshot(stranger.page, 'stranger-denied');

    // When the patient grants with no category picked
    const before = await consentsOfBob();
    await patient.page.getByRole('button', { name: 'Patient' }).click();
    const grant = patient.page.getByTestId('grant-form');
    await grant.locator('input[name=grantee]').fill(Eve.address);
    await grant.locator('input[name=until]').fill(daysFromNow(30));
    for (const box of await grant.locator('input[name=category]:checked').all()) await box.uncheck();
    const refused = await submitAndSettle(patient.page, grant.getByRole('button', { name: 'Grant' }), 'grant-status');
    // Then the contract's refusal is shown in words, and nothing was stored
    assert.equal(refused.phase, 'refused', refused.text);
    assert.match(refused.text, /Pick at least one kind of record/);
    assert.deepEqual(await consentsOfBob(), before);
    await screenshot(patient.page, 'grant-refused-empty-categories');

    // When the grantee is not an address, the page refuses before anything is signed
    await grant.locator('input[name=grantee]').fill('not-an-address');
    await grant.getByLabel('Lab test results').check();
    await grant.getByRole('button', { name: 'Grant' }).click();
    assert.match(await patient.page.getByTestId('grant-problem').innerText(), /not an account address/);
    // And a period that ended in the past is refused the same way
    await grant.locator('input[name=grantee]').fill(Eve.address);
    await grant.locator('input[name=until]').fill(daysFromNow(-1));
    await grant.getByRole('button', { name: 'Grant' }).click();
    assert.match(await patient.page.getByTestId('grant-problem').innerText(), /in the past/);
    assert.deepEqual(await consentsOfBob(), before);
  });

  test('a patient exports a consent as a valid FHIR R4 Consent, starts a grant from an imported one, and an import '
    + 'that would widen what he agreed to is refused with its reason', async () => {
    const { Bob, Charlie, Eve } = running.suite.accounts;
    await patient.page.getByRole('button', { name: 'Patient' }).click();
    // When Bob exports the hospital's consent (lab results, write, for treatment)
    const row = patient.page.locator(`tr[data-grantee="${Charlie.address}"]`);
    const [file] = await Promise.all([
      patient.page.waitForEvent('download'),
      row.getByRole('button', { name: 'FHIR' }).click(),
    ]);
    const exported = JSON.parse(fs.readFileSync(await file.path(), 'utf8'));
    // Then it is an R4 Consent: deny by default (policyRule OPTOUT, ppc-1), a root provision with no type,
    // one permit naming him, the hospital, the class, purpose, action and period, and no empty element (ele-1)
    assert.equal(exported.resourceType, 'Consent');
    assert.equal(exported.status, 'active');
    assert.equal(exported.patient.identifier.value, Bob.address);
    assert.deepEqual(exported.policyRule.coding.map((coding) => coding.code), ['OPTOUT']);
    assert.equal(exported.provision.type, undefined);
    const empty = (value) => value === '' || (Array.isArray(value) && value.length === 0)
      || (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);
    const walk = (value, path) => {
      assert.ok(!empty(value), `${path} is empty`);
      if (value && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    };
    walk(exported, 'Consent');
    const [permit] = exported.provision.provision;
    assert.equal(exported.provision.provision.length, 1);
    assert.equal(permit.type, 'permit');
    assert.equal(permit.actor[0].reference.identifier.value, Charlie.address);
    assert.deepEqual(permit.class.map((coding) => coding.code), ['laboratory']);
    assert.deepEqual(permit.purpose.map((coding) => coding.code), ['TREAT']);
    // (write: the suite's own code, since R4's `correct` means amending, not adding records)
    assert.deepEqual(permit.action.map((concept) => concept.coding[0].code), ['add-records']);
    const stored = (await consentsOfBob()).find((consent) => consent.grantee === Charlie.address);
    assert.equal(Date.parse(permit.period.end), Number(stored.scope.window.until), 'the end to the millisecond');
    assert.deepEqual(exported.policy, [{ uri: 'ipfs://consent-form' }]);

    // When he imports the same shape for Eve, reading vital signs and lab results for research, with an
    // end at an odd second
    const until = Date.parse('2031-03-30T01:30:17.250Z');
    const researchPermit = {
      ...permit,
      period: { end: new Date(until).toISOString() },
      actor: [{ ...permit.actor[0], reference: { identifier: { ...permit.actor[0].reference.identifier, value: Eve.address } } }],
      class: [permit.class[0], { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }],
      purpose: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'HRESCH' }],
      action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'access' }] }],
    };
    const imported = { ...exported, provision: { provision: [researchPermit] } };
    const importFile = (name, resource) => patient.page.getByTestId('fhir-import').setInputFiles({
      name, mimeType: 'application/fhir+json', buffer: Buffer.from(JSON.stringify(resource)),
    });
    await importFile('research-consent.json', imported);
    // Then the grant form is prefilled exactly
    const notes = patient.page.getByTestId('fhir-notes');
    await notes.filter({ hasText: /research-consent.json/ }).waitFor();
    const grant = patient.page.getByTestId('grant-form');
    assert.equal(await grant.locator('input[name=grantee]').inputValue(), Eve.address);
    assert.ok(await grant.getByLabel('Lab test results').isChecked());
    assert.ok(await grant.getByLabel('Vital signs (blood pressure, pulse, weight)').isChecked());
    assert.ok(await grant.getByLabel('Medical research').isChecked());
    assert.ok(!(await grant.getByLabel('My care and treatment').isChecked()));
    await screenshot(patient.page, 'patient-imports-fhir-consent');

    // And every resource that would grant more than it permits, or that the suite cannot express exactly, is
    // refused with its reason, leaving the form as it was
    const problem = patient.page.getByTestId('grant-problem');
    const refusedWith = async (name, resource, reason) => {
      await importFile(name, resource);
      // (the page reads a picked file asynchronously: wait for its message rather than read the one before)
      await problem.filter({ hasText: reason }).waitFor();
    };
    const narrowed = (extra) => ({ ...imported, provision: { provision: [{ ...researchPermit, ...extra }] } });
    const researcher = { ...researchPermit.actor[0] };
    await refusedWith('data.json', narrowed({ data: [{ meaning: 'instance', reference: { reference: 'Observation/1' } }] }),
      /narrows with data/);
    await refusedWith('label-and-class.json', narrowed({ securityLabel: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] }),
      /both class and security label/);
    await refusedWith('unknown-class.json', narrowed({ class: [{ system: 'http://hl7.org/fhir/resource-types', code: 'Observation' }] }),
      /Class http:\/\/hl7.org\/fhir\/resource-types\|Observation is not one the suite can grant exactly/);
    await refusedWith('sensitivity-as-class.json', narrowed({ class: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'PSY' }] }),
      /carried as class, where it means something else/);
    await refusedWith('author-actor.json', narrowed({ actor: [{ ...researcher, role: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'AUT' }] } }] }),
      /not the recipient/);
    await refusedWith('two-actors.json', narrowed({ actor: [researcher, permit.actor[0]] }), /several actors/);
    await refusedWith('no-purpose.json', narrowed({ purpose: undefined }), /names no purpose/);
    await refusedWith('correct.json', narrowed({ action: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentaction', code: 'correct' }] }] }),
      /Action http:\/\/terminology.hl7.org\/CodeSystem\/consentaction\|correct is not one/);
    await refusedWith('deny-exception.json', { ...imported, provision: { provision: [researchPermit,
      { type: 'deny', class: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }] } },
    /has a deny provision/);
    await refusedWith('typed-root.json', { ...imported, provision: { ...imported.provision, type: 'permit' } },
      /root provision has a type/);
    await refusedWith('opt-in.json', { ...imported, policyRule: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN' }] } },
      /not opt-out/);
    await refusedWith('modifier.json', narrowed({ modifierExtension: [{ url: 'urn:example:flip', valueBoolean: true }] }),
      /modifierExtension, which may change what it means/);
    await refusedWith('local-time.json', narrowed({ period: { end: '2031-03-30T01:30:17' } }),
      /not a FHIR date and time with its time zone/);
    await refusedWith('someone-else.json', { ...imported, patient: { identifier: { ...imported.patient.identifier, value: Eve.address } } },
      /not yours/);
    assert.equal(await grant.locator('input[name=grantee]').inputValue(), Eve.address);
    assert.ok(await grant.getByLabel('Vital signs (blood pressure, pulse, weight)').isChecked());
    // When he grants what was prefilled, Eve's consent is in force on chain, ending at the exact millisecond
    const granted = await submitAndSettle(patient.page, grant.getByRole('button', { name: 'Grant' }), 'grant-status');
    assert.equal(granted.phase, 'done', granted.text);
    const eve = (await consentsOfBob()).find((consent) => consent.grantee === Eve.address);
    assert.deepEqual([eve?.scope.categories.bits, eve?.scope.purposes.bits], [(1 << 5) | (1 << 7), 1 << 4]);
    assert.equal(Number(eve?.scope.window.until), until);
  });
});
