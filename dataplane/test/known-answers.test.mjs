// The data plane's known answers on Node (test/known-answers.mjs lists
// them; portal/tests runs the same list in Chromium).
//
//   node --test dataplane/test/known-answers.test.mjs

import { test } from 'node:test';
import { KNOWN_ANSWERS } from './known-answers.mjs';
import { knownAnswerInputs } from './known-answer-inputs.mjs';

const inputs = knownAnswerInputs();
for (const { name, run } of KNOWN_ANSWERS) test(name, () => run(inputs));
