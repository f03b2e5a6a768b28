// The risk oracle: reads a claim, its policy and its plan from the chain,
// scores it with the model in client/risk-model.json (see risk-model.mjs),
// and, with --post, posts the score and the model's hash as the oracle
// account. A score above the plan's threshold sends the claim to review.
//
//   [HEALTH_SUITE_ORACLE_SURI=...] node client/oracle.mjs deployments/<network>.json CLAIM_ID [--post]
//
// The oracle's secret comes from HEALTH_SUITE_ORACLE_SURI (a command line is
// readable by every local user), else standard input when it is not a
// terminal; on a development chain (no secret given) it is //Dave. Only the
// derived address is printed.

import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { Suite, describeEvent } from './suite.mjs';
import { features, loadModel, score } from './risk-model.mjs';

/** Reads claim `claimId` with its policy and plan: what the model needs. */
export async function claimContext(suite, claimId, caller) {
  const claim = (await suite.query('insurance', 'claim', caller, claimId)).value;
  if (!claim) throw new Error(`there is no claim ${claimId}`);
  const [policy] = (await suite.query('insurance', 'policy', caller, claim.policy)).value;
  const plan = (await suite.query('insurance', 'plan', caller, policy.plan)).value;
  return { claim, policy, plan };
}

/** Scores claim `claimId`; posts the score as `oracle` if given. */
export async function scoreClaim(suite, claimId, oracle, post) {
  const { model, hash } = loadModel();
  const context = await claimContext(suite, claimId, oracle);
  const values = features(context);
  const risk = score(model, values);
  const result = { claimId, features: values, score: risk, model: hash, threshold: context.plan.terms.riskThreshold };
  if (post) {
    const { events } = await suite.tx('insurance', 'post_risk_score', oracle, claimId, risk, hash);
    result.events = events;
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const [manifestPath, claimArg, ...flags] = process.argv.slice(2);
  if (!manifestPath || claimArg === undefined) {
    console.error('usage: [HEALTH_SUITE_ORACLE_SURI=...] node client/oracle.mjs deployments/<network>.json CLAIM_ID [--post]');
    process.exit(2);
  }
  if (flags.includes('--as')) {
    console.error('error: --as would put the secret on the command line: set HEALTH_SUITE_ORACLE_SURI instead');
    process.exit(2);
  }
  let secret = process.env.HEALTH_SUITE_ORACLE_SURI;
  delete process.env.HEALTH_SUITE_ORACLE_SURI;
  if (!secret && !process.stdin.isTTY) {
    secret = readFileSync(0, 'utf8').split('\n')[0].trim();
  }
  const suite = await Suite.connect(manifestPath);
  try {
    // //Dave's secret is public: it stands in for the oracle only on a development chain.
    if (!secret && !(await suite.api.rpc.system.chainType()).isDevelopment) {
      throw new Error('no oracle secret: set HEALTH_SUITE_ORACLE_SURI or give it on standard input');
    }
    const oracle = new Keyring({ type: 'sr25519' }).addFromUri(secret || '//Dave');
    console.log(`oracle: ${oracle.address}`);
    const result = await scoreClaim(suite, Number(claimArg), oracle, flags.includes('--post'));
    console.log(`claim ${result.claimId}: features ${JSON.stringify(result.features)}`);
    console.log(`score ${result.score} (threshold ${result.threshold}) by model ${result.model}`);
    (result.events ?? []).forEach((event) => console.log(`event: ${describeEvent(event)}`));
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await suite.disconnect();
  }
}
