// Prints the production build's size: the JavaScript the page loads at
// start (index.html's module script and its static imports), gzipped, and
// every lazily loaded chunk. Fails if the initial JS passes the budget.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = 400;
const dist = path.join(path.dirname(path.dirname(fileURLToPath(import.meta.url))), 'dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]));
// Static imports of the entry chunks load at start too.
for (const file of [...initial]) {
  const code = fs.readFileSync(path.join(dist, file), 'utf8');
  for (const match of code.matchAll(/^import[^"']*["']\.\/([^"']+\.js)["']/gm)) initial.add(`assets/${match[1]}`);
}
const gzipKb = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file))).length / 1024;
const initialKb = [...initial].reduce((sum, file) => sum + gzipKb(file), 0);
const lazy = fs.readdirSync(path.join(dist, 'assets')).filter((file) => file.endsWith('.js') && !initial.has(`assets/${file}`));
console.log(`portal build: initial JS ${initialKb.toFixed(1)} KB gzipped (${initial.size} files; budget ${BUDGET_KB} KB)`);
for (const file of lazy) console.log(`portal build: loaded on demand: ${file} ${gzipKb(`assets/${file}`).toFixed(1)} KB gzipped`);
if (initialKb > BUDGET_KB) {
  console.error(`portal build: the initial JS is over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
