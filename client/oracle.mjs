// The risk oracle: reads a claim, its policy and its plan from the chain,
// scores it with the model in client/risk-model.json (see risk-model.mjs),
// and, with --post, posts the score and the model's hash as the oracle
// account. A score above the plan's threshold sends the claim to review.
//
//   node client/oracle.mjs deployments/<network>.json CLAIM_ID [--post] [--as //Dave]

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const [manifestPath, claimArg, ...flags] = process.argv.slice(2);
  if (!manifestPath || claimArg === undefined) {
    console.error('usage: node client/oracle.mjs deployments/<network>.json CLAIM_ID [--post] [--as SURI]');
    process.exit(2);
  }
  const suri = flags.includes('--as') ? flags[flags.indexOf('--as') + 1] : '//Dave';
  const suite = await Suite.connect(manifestPath);
  try {
    const oracle = new Keyring({ type: 'sr25519' }).addFromUri(suri);
    const result = await scoreClaim(suite, Number(claimArg), oracle, flags.includes('--post'));
    console.log(`claim ${result.claimId}: features ${JSON.stringify(result.features)}`);
    console.log(`score ${result.score} (threshold ${result.threshold}) by model ${result.model}`);
    (result.events ?? []).forEach((event) => console.log(`event: ${describeEvent(event)}`));
  } finally {
    await suite.disconnect();
  }
}
