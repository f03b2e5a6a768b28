// Browser stories of research rewards and of governance: a sponsor, a
// patient and a token holder, each in their own browser context with their
// own wallet, on a fresh suite.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DAY_MS, actorContext, givenAVerifiedHospitalAndPhysicianAndALabRecord, launchBrowser, screenshot, signIn,
  startSuite, submitAndSettle, verify,
} from './harness.mjs';

describe('research rewards and governance in the portal', { timeout: 900_000 }, () => {
  let running;
  let browser;
  let recordId;

  before(async () => {
    running = await startSuite('local-browser-rewards');
    recordId = await givenAVerifiedHospitalAndPhysicianAndALabRecord(running.suite);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  const chainBalance = async (pair) =>
    BigInt((await running.suite.query('reward_token', 'PSP22::balance_of', pair, pair.address)).value);

  test('a sponsor deposits, reads a consented record for research, and the patient withdraws the reward; '
    + 'the balances shown are the chain\'s', async () => {
    const { suite } = running;
    const { Bob, Ferdie } = suite.accounts;
    // Given Ferdie, a verified research institution, with Bob's consent to read lab results for research
    await verify(suite, Ferdie, 'Researcher');
    await suite.tx('consent', 'grant', Bob, Bob.address, Ferdie.address, {
      categories: ['LabResults'], purposes: ['Research'], actions: ['Read'],
      validFrom: 0, validUntil: Date.now() + 30 * DAY_MS, policyRef: 'ipfs://research-consent',
    });
    const sponsor = await actorContext(browser, suite, Ferdie, 'Ferdie (research)');
    await signIn(sponsor, running.url);
    await sponsor.page.getByRole('button', { name: 'Researcher' }).click();

    // When Ferdie, once the page shows his 1,000 tokens, deposits 100 paying 25 per read (an approval, then the deposit)
    await sponsor.page.locator('[data-testid=sponsor-balance]', { hasText: /^1000$/ }).waitFor();
    const form = sponsor.page.getByTestId('deposit-form');
    await form.locator('input[name=amount]').fill('100');
    await form.locator('input[name=rate]').fill('25');
    const deposited = await submitAndSettle(sponsor.page, form.getByRole('button', { name: 'Deposit' }), 'deposit-status', 2);
    assert.equal(deposited.phase, 'done', deposited.text);
    assert.match(deposited.text, /Deposited/);
    await sponsor.page.locator('[data-testid=deposit-left]', { hasText: /^100$/ }).waitFor();

    // And reads Bob's record for research
    const request = sponsor.page.getByTestId('request-form');
    await request.locator('input[name=record]').fill(String(recordId));
    const read = await submitAndSettle(sponsor.page, request.getByRole('button', { name: 'Request access' }), 'request-status');
    assert.equal(read.phase, 'done', read.text);
    assert.match(read.text, /Credited/);
    assert.equal(await sponsor.page.getByTestId('access-result').getAttribute('data-outcome'), 'granted');
    // Then 25 of the deposit went to Bob's earnings
    await sponsor.page.locator('[data-testid=deposit-left]', { hasText: /^75$/ }).waitFor();
    await screenshot(sponsor.page, 'sponsor-deposit-and-research-read');

    // When Bob, in his own browser, asks to withdraw more than he earned, the page refuses before signing
    const patient = await actorContext(browser, suite, Bob, 'Bob (patient)');
    await signIn(patient, running.url);
    await patient.page.locator('[data-testid=earned]', { hasText: /^25$/ }).waitFor();
    const withdraw = patient.page.getByTestId('withdraw-form');
    await withdraw.locator('input[name=amount]').fill('26');
    await withdraw.getByRole('button', { name: 'Withdraw' }).click();
    assert.match(await patient.page.getByTestId('withdraw-problem').innerText(), /more than the 25 you have/);
    // And when he withdraws the 25
    await withdraw.locator('input[name=amount]').fill('25');
    const withdrawn = await submitAndSettle(patient.page, withdraw.getByRole('button', { name: 'Withdraw' }), 'withdraw-status');
    assert.equal(withdrawn.phase, 'done', withdrawn.text);
    // Then his earnings are 0 and the balance shown is the chain's
    await patient.page.locator('[data-testid=earned]', { hasText: /^0$/ }).waitFor();
    const onChain = await chainBalance(Bob);
    assert.equal(onChain, 2025n);
    await patient.page.locator('[data-testid=balance]', { hasText: new RegExp(`^${onChain}$`) }).waitFor();
    await screenshot(patient.page, 'patient-withdraws-reward');
  });

  test('a token holder locks, proposes a parameter change, votes, queues and executes it, and sees the new value',
    async () => {
      const { suite } = running;
      const { Bob } = suite.accounts;
      const holder = await actorContext(browser, suite, Bob, 'Bob (token holder)');
      await signIn(holder, running.url);
      const { page } = holder;
      await page.getByRole('button', { name: 'Token holder' }).click();

      // When, once the page shows his balance, he tries to lock more than he holds, the page refuses before signing
      await page.locator('[data-testid=lock-balance]', { hasText: /^\d+$/ }).waitFor();
      const lockForm = page.getByTestId('lock-form');
      await lockForm.locator('input[name=amount]').fill('999999');
      await lockForm.getByRole('button', { name: 'Lock', exact: true }).click();
      assert.match(await page.getByTestId('lock-problem').innerText(), /more than the \d+ you have/);
      // When he locks 2,000 tokens (an approval, then the lock)
      await lockForm.locator('input[name=amount]').fill('2000');
      const locked = await submitAndSettle(page, lockForm.getByRole('button', { name: 'Lock', exact: true }), 'lock-status', 2);
      assert.equal(locked.phase, 'done', locked.text);
      await page.locator('[data-testid=locked]', { hasText: /^2000$/ }).waitFor();

      // And proposes that laboratories need 2 attestations
      const propose = page.getByTestId('propose-form');
      await propose.locator('select[name=kind]').selectOption('Laboratory');
      await page.locator('[data-testid=required-now]', { hasText: /^1$/ }).waitFor();
      await propose.locator('input[name=required]').fill('2');
      await propose.locator('input[name=description]').fill('Laboratories need two attestations');
      const proposed = await submitAndSettle(page, propose.getByRole('button', { name: 'Propose' }), 'propose-status');
      assert.equal(proposed.phase, 'done', proposed.text);
      const id = (await suite.query('governance', 'proposal_count', Bob)).value;
      const row = page.locator(`tr[data-proposal="${id}"]`);
      await row.and(page.locator('[data-state="Pending"]')).waitFor();
      const { snapshot, voteEnd } = (await suite.query('governance', 'proposal', Bob, id)).value;

      // Then, once the voting delay has passed (the dev chain seals a block after it), he votes For
      await suite.sealBlockAfter(snapshot);
      await row.and(page.locator('[data-state="Active"]')).waitFor();
      const voted = await submitAndSettle(page, row.getByRole('button', { name: 'For', exact: true }), `proposal-${id}-status`);
      assert.equal(voted.phase, 'done', voted.text);
      await row.getByText('you voted For').waitFor();
      await screenshot(page, 'governance-voted');

      // And once voting has ended it has Succeeded: he queues it
      await suite.sealBlockAfter(voteEnd);
      await row.and(page.locator('[data-state="Succeeded"]')).waitFor();
      const queued = await submitAndSettle(page, row.getByRole('button', { name: 'Queue' }), `proposal-${id}-status`);
      assert.equal(queued.phase, 'done', queued.text);
      await row.and(page.locator('[data-state="Queued"]')).waitFor();

      // And after the timelock he executes it
      const { timelock } = (await suite.query('governance', 'proposal', Bob, id)).value;
      await suite.sealBlockAfter(timelock.eta);
      const executed = await submitAndSettle(page, row.getByRole('button', { name: 'Execute' }), `proposal-${id}-status`);
      assert.equal(executed.phase, 'done', executed.text);
      assert.match(executed.text, /ProposalExecuted/);
      // Then the page shows the new value, which is the chain's
      await row.and(page.locator('[data-state="Executed"]')).waitFor();
      await page.locator('[data-testid=required-now]', { hasText: /^2$/ }).waitFor();
      const onChain = (await suite.query('provider_verification', 'required_attestations', Bob, 'Laboratory')).value;
      assert.equal(onChain, 2);
      await screenshot(page, 'governance-executed');
    });
});
