// Browser story of insurance: an insurer publishes a plan and funds the
// pool, a patient enrols and claims, a clean claim is auto-approved and
// paid, a second one goes to review and the assessors vote it through in
// their own view while the patient sees the decision arrive live.
import assert from 'node:assert/strict';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { after, before, describe, test } from 'node:test';
import {
  DAY_MS, actorContext, addLabRecord, givenAVerifiedHospitalAndPhysicianAndALabRecord, launchBrowser, screenshot,
  signIn, startSuite, submitAndSettle, verify,
} from './harness.mjs';

describe('insurance in the portal', { timeout: 900_000 }, () => {
  let running;
  let browser;

  before(async () => {
    running = await startSuite('local-browser-insurance');
    await givenAVerifiedHospitalAndPhysicianAndALabRecord(running.suite);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  test('an insurer publishes a plan and funds the pool; a patient enrols and claims; a clean claim is '
    + 'auto-approved and paid; a second goes to review and the assessors approve it in their view', async () => {
    const { suite } = running;
    const { Alice, Bob, Eve, Ferdie } = suite.accounts;
    const balanceOf = async (pair) =>
      BigInt((await suite.query('reward_token', 'PSP22::balance_of', pair, pair.address)).value);
    // Given Eve, a verified insurer, in her own browser
    await verify(suite, Eve, 'Insurer');
    const insurer = await actorContext(browser, suite, Eve, 'Eve (insurer)');
    await signIn(insurer, running.url);
    await insurer.page.getByRole('button', { name: 'Insurer / assessor' }).click();

    // When she types a co-pay over 100 %, the page refuses before signing
    const form = insurer.page.getByTestId('plan-form');
    const terms = {
      premium: '100', period: '30 d', periods: '12', coverageLimit: '1000', deductible: '50', copay: '150',
      waitingPeriod: '0 s', gracePeriod: '7 d', maxClaimsPerPeriod: '1', riskThreshold: '70', votingPeriod: '1 d',
      cooldown: '3 s',
    };
    for (const [field, value] of Object.entries(terms)) await form.locator(`input[name=${field}]`).fill(value);
    await form.getByRole('button', { name: 'Publish' }).click();
    assert.match(await insurer.page.getByTestId('plan-problem').innerText(), /Co-pay \(%\): Enter a number from 0 to 100/);
    assert.equal(BigInt((await suite.query('insurance', 'plan_count', Eve)).value), 0n);
    // When she publishes a lab-results plan: 100 a month, 1,000 cover a year, one claim a period without review
    await form.locator('input[name=copay]').fill('20');
    const published = await submitAndSettle(insurer.page, form.getByRole('button', { name: 'Publish' }), 'plan-status');
    assert.equal(published.phase, 'done', published.text);
    assert.match(published.text, /PlanChanged/);
    await insurer.page.locator('[data-testid=plan-0][data-status=Proposed]').waitFor();

    // And governance approves it, appoints Alice and Ferdie its assessors (quorum 2) and mints Eve capital
    await suite.passProposal([
      suite.proposedCall('insurance', 'approve_plan', 0),
      suite.proposedCall('insurance', 'set_assessor', 0, Alice.address, true),
      suite.proposedCall('insurance', 'set_assessor', 0, Ferdie.address, true),
      suite.proposedCall('insurance', 'set_quorum', 0, 2),
      suite.proposedCall('reward_token', 'mint_to', Eve.address, 5000),
    ], 'approve the browser story\'s plan', Alice, [Alice]);
    await insurer.page.locator('[data-testid=plan-0][data-status=Open]').waitFor();
    // And Eve deposits 5,000 tokens of capital (an approval, then the deposit)
    await insurer.page.locator('[data-testid=capital-balance]', { hasText: /^5000$/ }).waitFor();
    const capital = insurer.page.getByTestId('capital-form');
    await capital.locator('input[name=amount]').fill('5000');
    const funded = await submitAndSettle(insurer.page, capital.getByRole('button', { name: 'Deposit' }), 'capital-status', 2);
    assert.equal(funded.phase, 'done', funded.text);
    await insurer.page.locator('[data-testid=pool-held]', { hasText: /^5000$/ }).waitFor();
    await insurer.page.locator('[data-testid=pool-free]', { hasText: /^5000$/ }).waitFor();
    // (the pool's first deposit locks 1,000 of its shares with the pool for good: her capital is 4,000,
    // bought with a slippage bound the page set from the pool it showed)
    await insurer.page.locator('[data-testid=capital]', { hasText: /^4000$/ }).waitFor();
    assert.match(funded.text, /for at least 3960 shares/);

    // When Bob, who lets Eve read his lab results for payment, enrols in his own browser
    await suite.tx('consent', 'grant', Bob, Bob.address, Eve.address, {
      categories: ['LabResults'], purposes: ['Payment'], actions: ['Read'],
      validFrom: 0, validUntil: Date.now() + 180 * DAY_MS, policyRef: 'ipfs://payment-consent',
    });
    const patient = await actorContext(browser, suite, Bob, 'Bob (patient)');
    await signIn(patient, running.url);
    const offer = patient.page.getByTestId('plan-0');
    const enrolled = await submitAndSettle(patient.page, offer.getByRole('button', { name: 'Enrol' }), 'plan-0-status', 2);
    assert.equal(enrolled.phase, 'done', enrolled.text);
    // Then his policy shows active, and the pool counts its cover and the premium
    await patient.page.locator('[data-testid=policy-0][data-status=Active]').waitFor();
    await insurer.page.locator('[data-testid=pool-coverage]', { hasText: /^1000$/ }).waitFor();
    await insurer.page.locator('[data-testid=pool-premiums]', { hasText: /^100$/ }).waitFor();

    // When the hospital adds a lab result and Bob claims 550 for it
    const covered = await addLabRecord(suite);
    const claimForm = patient.page.getByTestId('claim-form');
    const fileClaim = async (record, amount) => {
      await claimForm.locator('select[name=policy]').selectOption('0');
      await claimForm.locator(`select[name=record] option[value="${record}"]`).waitFor({ state: 'attached' });
      await claimForm.locator('select[name=record]').selectOption(String(record));
      await claimForm.locator('input[name=amount]').fill(amount);
      await claimForm.locator('input[name=date]').fill('2026-11-20');
      await claimForm.locator('input[name=code]').fill(`LOINC:4548-4/${record}`);
      return submitAndSettle(patient.page, claimForm.getByRole('button', { name: 'Submit claim' }), 'claim-status');
    };
    const firstClaim = await fileClaim(covered, '550');
    assert.equal(firstClaim.phase, 'done', firstClaim.text);
    assert.match(firstClaim.text, /ClaimSubmitted/);
    // And the fingerprint on chain is blake2(provider ‖ date ‖ code ‖ salt) of what he typed, with the salt the page kept
    const kept = await patient.page.getByTestId('claim-salt').innerText();
    const salt = /salt (0x[0-9a-f]{64})/.exec(kept)[1];
    const expected = u8aToHex(blake2AsU8a(u8aConcat(suite.accounts.Charlie.publicKey, stringToU8a('2026-11-20'),
      stringToU8a(`LOINC:4548-4/${covered}`), salt), 256));
    assert.equal((await suite.query('insurance', 'claim', Bob, 0)).value.fingerprint, expected);
    // Then it is auto-approved: (550 − 50) × 80 % = 400 reserved for him
    const first = patient.page.locator('[data-testid=claim-0][data-status=AutoApproved]');
    await first.waitFor();
    assert.match(await first.innerText(), /550 tokens claimed .* pays 400/s);
    await insurer.page.locator('[data-testid=pool-reserved]', { hasText: /^400$/ }).waitFor();
    await screenshot(patient.page, 'patient-claim-auto-approved');

    // When the 3 s cooldown has passed, Bob triggers the payout
    const { cooldownEnds } = (await suite.query('insurance', 'claim', Bob, 0)).value;
    await suite.sealBlockAfter(cooldownEnds);
    const before = await balanceOf(Bob);
    const paid = await submitAndSettle(patient.page, first.getByRole('button', { name: 'Pay out' }), 'claim-0-status');
    assert.equal(paid.phase, 'done', paid.text);
    assert.match(paid.text, /ClaimPaid/);
    // Then the claim shows paid, his balance grew by 400 and the pool's figures match the chain
    await patient.page.locator('[data-testid=claim-0][data-status=Paid]').waitFor();
    assert.equal(await balanceOf(Bob) - before, 400n);
    await insurer.page.locator('[data-testid=pool-payouts]', { hasText: /^400$/ }).waitFor();
    await insurer.page.locator('[data-testid=pool-held]', { hasText: /^4700$/ }).waitFor();
    const pool = (await suite.query('insurance', 'pool', Eve)).value;
    assert.equal(BigInt(pool.held), 5000n + 100n - 400n);
    const shown = async (figure) => BigInt(await insurer.page.getByTestId(`pool-${figure}`).innerText());
    assert.deepEqual(
      [await shown('held'), await shown('reserved'), await shown('coverage'), await shown('free'), await shown('premiums'),
        await shown('payouts')],
      [pool.held, pool.reserved, pool.outstandingCoverage, pool.freeCapital, pool.premiums, pool.payouts].map(BigInt));

    // When Bob claims again in the same period, for a later result
    const later = await addLabRecord(suite);
    const secondClaim = await fileClaim(later, '300');
    assert.equal(secondClaim.phase, 'done', secondClaim.text);
    // Then it goes to review, and his page says why
    await patient.page.locator('[data-testid=claim-1][data-status=UnderReview]').waitFor();
    assert.match(await patient.page.getByTestId('claim-1-reasons').innerText(),
      /more claims this period than the plan allows without review/);

    // When Alice and Ferdie, the plan's assessors, approve it in their view
    for (const [pair, name] of [[Alice, 'Alice (assessor)'], [Ferdie, 'Ferdie (assessor)']]) {
      const assessor = await actorContext(browser, suite, pair, name);
      await signIn(assessor, running.url);
      await assessor.page.getByRole('button', { name: 'Insurer / assessor' }).click();
      const row = assessor.page.getByTestId('claims').locator('[data-testid=claim-1]');
      await row.getByTestId('claim-1-reasons').waitFor();
      if (name.startsWith('Alice')) await screenshot(assessor.page, 'assessor-reviews-claim');
      const voted = await submitAndSettle(assessor.page, row.getByRole('button', { name: 'Approve' }), 'claim-1-status');
      assert.equal(voted.phase, 'done', voted.text);
      await assessor.context.close();
    }
    // Then every assessor voted: the claim is approved, and Bob sees the decision arrive live
    await patient.page.locator('[data-testid=claim-1][data-status=Approved]').waitFor();
    const notice = patient.page.locator('[data-testid=notifications] [data-kind="claim"]');
    await notice.waitFor({ timeout: 30_000 });
    assert.match(await notice.innerText(), /Your claim #1 was decided: Approved/);
    assert.equal((await suite.query('insurance', 'claim', Bob, 1)).value.status, 'Approved');
    await screenshot(patient.page, 'patient-claim-approved-live');
    await insurer.context.close();
    await patient.context.close();
  });
});
