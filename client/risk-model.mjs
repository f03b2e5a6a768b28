// The risk oracle's model: a documented, deterministic logistic score over
// features of a claim read from the chain. The coefficients live in
// client/risk-model.json; the blake2-256 hash of that file's bytes is the
// model hash posted on chain with every score.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { u8aToHex } from '@polkadot/util';
import { blake2 } from './suite.mjs';

export const MODEL_PATH = fileURLToPath(new URL('./risk-model.json', import.meta.url));

/** The model file and its hash. */
export function loadModel(path = MODEL_PATH) {
  const bytes = readFileSync(path);
  return { model: JSON.parse(bytes.toString('utf8')), hash: u8aToHex(blake2(new Uint8Array(bytes))) };
}

/**
 * The features of a claim, each in [0, 1] or a small count:
 * - amount_share: the amount claimed over the plan's yearly coverage limit;
 * - period_frequency: claims in the policy's current period over the plan's
 *   allowance without review;
 * - early_claim: 1 / (1 + whole periods between enrolment and the claim);
 * - fraud_reasons: how many fraud rules the claim already hit on chain;
 * - unproven: 1 if the claim carries no field proof of its record, else 0.
 */
export function features({ claim, policy, plan }) {
  const terms = plan.terms;
  const periodsIn = Math.floor((Number(claim.submitted) - Number(policy.start)) / Number(terms.period));
  // A set of fraud reasons arrives as its bitmask ({ bits } from polkadot.js).
  const reasonBits = Number(claim.reasons?.bits ?? claim.reasons);
  let reasons = 0;
  for (let bits = reasonBits; bits > 0; bits >>= 1) reasons += bits & 1;
  return {
    amount_share: Math.min(1, Number(claim.amount) / Number(terms.coverageLimit)),
    period_frequency: Math.min(1, Number(policy.claimsInPeriod) / Math.max(1, Number(terms.maxClaimsPerPeriod))),
    early_claim: 1 / (1 + Math.max(0, periodsIn)),
    fraud_reasons: reasons,
    unproven: claim.provenField === null || claim.provenField === undefined ? 1 : 0,
  };
}

/** The score (0–10,000) `model` gives `featureValues`. */
export function score(model, featureValues) {
  let z = model.intercept;
  for (const [name, weight] of Object.entries(model.weights)) {
    if (!(name in featureValues)) throw new Error(`the model weighs an unknown feature: ${name}`);
    z += weight * featureValues[name];
  }
  return Math.round(10_000 / (1 + Math.exp(-z)));
}
