// Browser stories of research rewards and of governance: a sponsor, a
// patient and a token holder, each in their own browser context with their
// own wallet, on a fresh suite; what a voter reads before voting; and the
// page's own defences (no framing, a prompt before a development key signs).
import assert from 'node:assert/strict';
import { blake2AsU8a } from '@polkadot/util-crypto';
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
      const { Alice, Bob } = suite.accounts;
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
      // (the deployer, who holds the 10,000 HRW it locked at the takeover, votes For as well: Bob's 2,000
      // alone fall short of the 40 % quorum)
      await suite.tx('governance', 'vote', Alice, id, 'For');
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

  test('a voter pages through every proposal and reads each call decoded with its callee\'s ABI, the calls that '
    + 'move tokens or change code, admins or minters flagged, and whether a description is the one proposed',
  async () => {
    const { suite } = running;
    const { Alice, Bob, Eve } = suite.accounts;
    // Given twelve more proposals by the deployer (who holds the locked power): eleven harmless ones, and one
    // that would mint tokens to Eve, make her the token's admin and replace the registry's code
    const describe = (text) => `0x${Buffer.from(blake2AsU8a(text, 256)).toString('hex')}`;
    for (let index = 0; index < 11; index += 1) {
      await suite.tx('governance', 'propose', Alice, [suite.proposedCall('provider_verification',
        'set_required_attestations', 'Pharmacy', 1 + (index % 3))], describe(`harmless ${index}`));
    }
    const risky = 'Mint 5,000 to Eve, make her the token admin, upgrade the registry';
    await suite.tx('governance', 'propose', Alice, [
      suite.proposedCall('reward_token', 'mint_to', Eve.address, 5_000),
      suite.proposedCall('reward_token', 'AdminControl::propose_admin', Eve.address),
      suite.proposedCall('provider_verification', 'AdminControl::set_code', `0x${'ab'.repeat(32)}`),
    ], describe(risky));
    const count = (await suite.query('governance', 'proposal_count', Bob)).value;
    const voter = await actorContext(browser, suite, Bob, 'Bob (voter)');
    await signIn(voter, running.url);
    const { page } = voter;
    await page.getByRole('button', { name: 'Token holder' }).click();
    // When he opens the newest proposal's calls
    const row = page.locator(`tr[data-proposal="${count}"]`);
    await row.getByRole('button', { name: 'Read its calls' }).click();
    // Then each call names its contract, message and arguments, and carries its flags
    const call = (index) => page.getByTestId(`proposal-${count}-call-${index}`);
    await call(0).filter({ hasText: `reward_token.mint_to(to: ${Eve.address}, value: 5000)` }).waitFor();
    assert.equal(await call(0).getAttribute('data-flags'), 'tokens');
    assert.match(await call(1).innerText(), /reward_token\.AdminControl::propose_admin\(successor: 5/);
    assert.equal(await call(1).getAttribute('data-flags'), 'admin');
    assert.match(await call(2).innerText(), /provider_verification\.AdminControl::set_code\(code_hash: "?0xabab/);
    assert.equal(await call(2).getAttribute('data-flags'), 'code');
    await screenshot(page, 'governance-proposal-calls');
    // And a description is checked against the hash the proposal stores
    const details = page.getByTestId(`proposal-${count}-details`);
    await details.locator('input[name=description]').fill('Raise the quorum');
    await page.getByTestId(`proposal-${count}-description`).filter({ hasText: /does not match/ }).waitFor();
    await details.locator('input[name=description]').fill(risky);
    await page.getByTestId(`proposal-${count}-description`).filter({ hasText: /is the description the proposal was made with/ }).waitFor();
    // And the first proposal (the takeover) is on a later page, not cut off
    await page.getByTestId('proposal-pages').getByRole('button', { name: 'Older' }).click();
    const takeover = page.locator('tr[data-proposal="1"]');
    await takeover.waitFor();
    await takeover.getByRole('button', { name: 'Read its calls' }).click();
    await page.getByTestId('proposal-1-call-0').filter({ hasText: /AdminControl::accept_admin\(\)/ }).waitFor();
    assert.equal(await page.getByTestId('proposal-1-call-0').getAttribute('data-flags'), 'admin');
  });

  test('the portal cannot be framed by another page and declares a content security policy', async () => {
    // When a page of another origin frames the portal
    const response = await fetch(running.url);
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, /frame-ancestors 'none'/);
    assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    // (setContent returns at the page's load event, which waits for the frame's own load, refused or not)
    await page.setContent(`<iframe id="portal" src="${running.url}" width="800" height="600"></iframe>`);
    // Then the browser refuses to show it there: the frame never gets the portal's page
    const frame = await (await page.locator('#portal').elementHandle()).contentFrame();
    const shown = frame ? await frame.evaluate(() => document.title).catch(() => '') : '';
    assert.notEqual(shown, 'Health records portal');
    // While opened directly it works under its own policy: the keyring's WebAssembly crypto derives the
    // development accounts and the WebSocket reaches the node, with no violation reported
    const violations = [];
    await page.exposeFunction('reportViolation', (text) => violations.push(text));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
      (event) => window.reportViolation(`${event.violatedDirective} ${event.blockedURI}`)));
    await page.goto(running.url);
    assert.equal(await page.title(), 'Health records portal');
    const { Dave } = running.suite.accounts;
    await page.locator(`select[aria-label=account] option[value="dev:${Dave.address}"]`).waitFor({ state: 'attached' });
    assert.deepEqual(violations, []);
    await context.close();
  });

  test('a development key signs only after the person in the page agrees', async () => {
    const { suite } = running;
    const { Dave } = suite.accounts;
    // Given the portal on a development chain, without any wallet, acting as the development key Dave
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(running.url);
    const key = `dev:${Dave.address}`;
    await page.locator(`select[aria-label=account] option[value="${key}"]`).waitFor({ state: 'attached' });
    await page.selectOption('select[aria-label=account]', key);
    await page.getByRole('button', { name: 'Patient' }).click();
    const emergency = () => suite.query('consent', 'ConsentCheck::emergency_access_enabled', Dave, Dave.address);
    const before = (await emergency()).value;
    // When he opts in to emergency access and declines the prompt
    const prompts = [];
    page.once('dialog', (dialog) => { prompts.push(dialog.message()); dialog.dismiss(); });
    await page.getByRole('button', { name: before ? 'Opt out' : 'Opt in' }).click();
    // Then nothing is signed: the page says so and the chain is unchanged
    await page.getByTestId('guardian-status').filter({ hasText: /Not signed: you declined/ }).waitFor();
    assert.match(prompts[0], /development key Dave/);
    assert.equal((await emergency()).value, before);
    // When he agrees, it is signed and the chain changes
    page.once('dialog', (dialog) => dialog.accept());
    const done = await submitAndSettle(page, page.getByRole('button', { name: before ? 'Opt out' : 'Opt in' }), 'guardian-status');
    assert.equal(done.phase, 'done', done.text);
    assert.equal((await emergency()).value, !before);
    await context.close();
  });
});
