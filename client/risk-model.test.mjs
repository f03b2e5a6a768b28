// The risk oracle's model, offline: features read from a claim as the chain
// returns it (polkadot.js JSON), the score they give under the committed
// coefficients, and the model hash that goes on chain with it.
//
//   node --test client/risk-model.test.mjs

import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { blake2 } from './suite.mjs';
import { MODEL_PATH, features, loadModel, score } from './risk-model.mjs';
import { render, vectors } from './risk-model-vectors.mjs';

await cryptoWaitReady();

// A claim of 1,050 on a plan covering 5,000 a year, 3 claims a period
// allowed, in the enrolment period, first claim of the period, no proof.
const context = (reasons, provenField) => ({
  claim: { amount: 1050, submitted: 10_600, reasons, provenField },
  policy: { start: 10_000, claimsInPeriod: 1 },
  plan: { terms: { coverageLimit: 5000, maxClaimsPerPeriod: 3, period: 3_600_000 } },
});

test('a claim is turned into the documented features', () => {
  assert.deepEqual(features(context(0b1, null)), {
    amount_share: 0.21,
    period_frequency: 1 / 3,
    early_claim: 1,
    fraud_reasons: 1,
    unproven: 1,
  });
  assert.equal(features(context(0b101, 1)).unproven, 0);
  assert.equal(features(context({ bits: 0b101 }, 1)).fraud_reasons, 2);
});

test('the committed model scores a clean claim under the threshold and a duplicate over it', () => {
  const { model } = loadModel();
  // z = -3 + 4(0.21) + 1.5(1/3) + 2(1) + 0.5(1) = 0.84 -> 10,000 / (1 + e^-0.84)
  assert.equal(score(model, features(context(0, null))), 6985);
  // one fraud reason more: z = 2.04
  assert.equal(score(model, features(context(0b1, null))), 8849);
  assert.throws(() => score({ intercept: 0, weights: { height: 1 } }, {}), /unknown feature: height/);
});

test('the model hash is blake2-256 of the file, and any change of a coefficient changes it', () => {
  const bytes = readFileSync(MODEL_PATH);
  const { hash } = loadModel();
  assert.equal(hash, u8aToHex(blake2(new Uint8Array(bytes))));
  const changed = Buffer.from(bytes.toString('utf8').replace('"intercept": -3.0', '"intercept": -2.9'));
  assert.notEqual(u8aToHex(blake2(new Uint8Array(changed))), hash);
});

test('the vectors the contract is checked against are what the oracle computes (fixtures/risk_model.known-answers.json)', () => {
  // contracts/insurance/src/risk.rs must agree with each of them within 1 in 10,000
  const committed = readFileSync(new URL('../fixtures/risk_model.known-answers.json', import.meta.url), 'utf8');
  assert.equal(committed, render(vectors()), 'run node client/risk-model-vectors.mjs and commit the result');
  const { models } = JSON.parse(committed);
  assert.equal(models.length, 3);
  assert.ok(models.every(({ cases }) => cases.length === 120));
});
