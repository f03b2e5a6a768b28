// Governance takes over the suite (run by client/deploy-suite.mjs after the
// wiring): the deployer mints itself voting power and locks it, gives up its
// own minter role, proposes governance as admin of every other contract,
// and proposals voted and executed through governance (one while the suite
// has at most MAX_CALLS other contracts) make governance accept all of them. It ends by checking that governance is
// the admin everywhere and the deployer holds no admin or minter role.
//
// Until the token is distributed, the deployer holds all the voting power
// (DEPLOYER_LOCK, locked): the README says how to hand it on.

import { ADMINISTERED, DEPLOYER_LOCK } from './recipe.mjs';

/** Calls one governance proposal may carry (governance's `MAX_CALLS`). */
export const MAX_CALLS = 8;

/**
 * Hands every admin role of `suite` to its governance, signed by `deployer`
 * (the account that deployed and still administers every contract);
 * `say(line)` hears each step. Throws if any contract ends with another admin.
 */
export async function takeOver(suite, deployer, say) {
  const governance = suite.manifest.contracts.governance.address;
  const others = ADMINISTERED.filter((name) => name !== 'governance');

  say('governance takes over: proposals make it the admin of every contract');
  await suite.tx('reward_token', 'grant_minter', deployer, deployer.address);
  await suite.tx('reward_token', 'mint_to', deployer, deployer.address, DEPLOYER_LOCK);
  await suite.tx('reward_token', 'PSP22::approve', deployer, governance, DEPLOYER_LOCK);
  await suite.tx('governance', 'lock', deployer, DEPLOYER_LOCK);
  say(`the deployer locked ${DEPLOYER_LOCK} HRW of voting power`);
  // The deployer's own role needs no vote: it still administers the token.
  await suite.tx('reward_token', 'revoke_minter', deployer, deployer.address);
  say('the deployer revoked its own minter role');
  for (const name of others) {
    await suite.tx(name, 'AdminControl::propose_admin', deployer, governance);
  }
  say(`the deployer proposed governance as admin of ${others.join(', ')}`);
  for (let first = 0; first < others.length; first += MAX_CALLS) {
    const names = others.slice(first, first + MAX_CALLS);
    const calls = names.map((name) => suite.proposedCall(name, 'AdminControl::accept_admin'));
    await suite.passProposal(calls, `Governance accepts the admin role of ${names.join(', ')}`,
      deployer, [deployer], (step, details) => say(`proposal ${step}: ${JSON.stringify(details)}`));
  }

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
