// Hands every contract's admin role to governance (scripts/deploy runs it
// after wiring): the deployer locks voting power, proposes governance as
// admin of every contract, and one proposal, voted and executed through
// governance, makes governance accept all of them and revokes the
// deployer's minter role. It ends by checking that governance is the admin
// everywhere and the deployer holds no admin or minter role.
//
//   HEALTH_SUITE_SURI=//Alice node client/takeover.mjs deployments/<file>.json

import { Keyring } from '@polkadot/keyring';
import { Suite } from './suite.mjs';

/** Tokens the deployer locks to propose and vote (the threshold is 100). */
const DEPLOYER_LOCK = 1_000;

const manifestPath = process.argv[2];
const suri = process.env.HEALTH_SUITE_SURI;
if (!manifestPath || !suri) {
  console.error('usage: HEALTH_SUITE_SURI=<secret uri> node client/takeover.mjs deployments/<file>.json');
  process.exit(2);
}

const suite = await Suite.connect(manifestPath);
let failed = false;
try {
  const deployer = new Keyring({ type: 'sr25519' }).addFromUri(suri);
  const governance = suite.manifest.contracts.governance.address;
  const others = Object.keys(suite.manifest.contracts).filter((name) => name !== 'governance');
  const say = (line) => console.log(`    ${line}`);

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

  for (const name of [...others, 'governance']) {
    const { value } = await suite.query(name, 'AdminControl::admin', deployer);
    if (value !== governance) {
      failed = true;
      console.error(`error: ${name}.admin() is ${value}, not governance`);
    }
  }
  const minter = await suite.query('reward_token', 'is_minter', deployer, deployer.address);
  if (minter.value !== false) {
    failed = true;
    console.error('error: the deployer is still a minter');
  }
  if (!failed) say('governance is the admin of every contract; the deployer holds no admin or minter role');
} catch (error) {
  failed = true;
  console.error(`error: ${error.message}`);
} finally {
  await suite.disconnect();
}
process.exit(failed ? 1 : 0);
