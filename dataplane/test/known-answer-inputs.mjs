// The inputs of the known-answer checks, read on Node: the vectors under
// test/vectors and the repository's fixtures/known_answers.txt. (The checks
// themselves, in known-answers.mjs, also run in a page, which cannot read files.)

import { readFileSync } from 'node:fs';
import { VECTOR_FILES } from './known-answers.mjs';

/** The vectors every check reads, from test/vectors and fixtures/known_answers.txt. */
export function knownAnswerInputs() {
  const read = (url) => readFileSync(url, 'utf8');
  return {
    ...Object.fromEntries(Object.entries(VECTOR_FILES).map(
      ([name, file]) => [name, JSON.parse(read(new URL(`./vectors/${file}`, import.meta.url)))])),
    knownAnswers: read(new URL('../../fixtures/known_answers.txt', import.meta.url)),
  };
}
