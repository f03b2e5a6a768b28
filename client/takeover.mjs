// Governance takes over the suite (run by client/deploy.mjs, the deploy's
// signer process, after wiring): the deployer locks voting power, proposes
// governance as admin of every other contract, and one proposal, voted and
// executed through governance, makes governance accept all of them and
// revokes the deployer's minter role. It ends by checking that governance is
// the admin everywhere and the deployer holds no admin or minter role.
//
// Until the token is distributed, the deployer holds all the voting power
// (DEPLOYER_LOCK, locked): the README says how to hand it on.

/** Tokens the deployer locks to propose and vote (the threshold is 100). */
export const DEPLOYER_LOCK = 10_000;

/**
 * Hands every admin role of `suite` to its governance, signed by `deployer`
 * (the account that deployed and still administers every contract);
 * `say(line)` hears each step. Throws if any contract ends with another admin.
 */
export async function takeOver(suite, deployer, say) {
  const governance = suite.manifest.contracts.governance.address;
  const others = Object.keys(suite.manifest.contracts).filter((name) => name !== 'governance');

  say('governance takes over: one proposal makes it the admin of every contract');
  await suite.tx('reward_token', 'mint_to', deployer, deployer.address, DEPLOYER_LOCK);
  await suite.tx('reward_token', 'PSP22::approve', deployer, governance, DEPLOYER_LOCK);
  await suite.tx('governance', 'lock', deployer, DEPLOYER_LOCK);
  say(`the deployer locked ${DEPLOYER_LOCK} HRW of voting power`);
  for (const name of others) {
    await suite.tx(name, 'AdminControl::propose_admin', deployer, governance);
  }
  say(`the deployer proposed governance as admin of ${others.join(', ')}`);
  const calls = [
    ...others.map((name) => suite.proposedCall(name, 'AdminControl::accept_admin')),
    suite.proposedCall('reward_token', 'revoke_minter', deployer.address),
  ];
  await suite.passProposal(calls, 'Governance accepts the admin role of every contract; the deployer stops minting',
    deployer, [deployer], (step, details) => say(`proposal ${step}: ${JSON.stringify(details)}`));

  const problems = [];
  for (const name of [...others, 'governance']) {
    const { value } = await suite.query(name, 'AdminControl::admin', deployer);
    if (value !== governance) problems.push(`${name}.admin() is ${value}, not governance`);
  }
  const minter = await suite.query('reward_token', 'is_minter', deployer, deployer.address);
  if (minter.value !== false) problems.push('the deployer is still a minter');
  if (problems.length > 0) throw new Error(`the governance takeover failed: ${problems.join('; ')}`);
  say('governance is the admin of every contract; the deployer holds no admin or minter role');
}
