// Generates the portal's typed contract bindings from the release bundles'
// metadata with dedot's typink generator, into src/contracts/types/ (committed).
//
//   node scripts/typegen.mjs [--check]
//
// --check generates into a temporary folder and fails, naming the files,
// if the committed bindings differ: a changed contract interface then breaks
// the test command (and the type check that follows) instead of the page.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACTS, bundlesDir } from './bundles.mjs';

const portal = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const committed = path.join(portal, 'src', 'contracts', 'types');
const check = process.argv.includes('--check');
const out = check ? fs.mkdtempSync(path.join(os.tmpdir(), 'portal-types-')) : committed;
const cli = path.join(portal, 'node_modules', 'dedot', 'bin', 'dedot.mjs');

if (!check) fs.rmSync(committed, { recursive: true, force: true });
for (const name of CONTRACTS) {
  const metadata = path.join(bundlesDir(), `${name}.json`);
  if (!fs.existsSync(metadata)) {
    console.error(`typegen: no ${metadata}: build the contracts first (scripts/build-contracts)`);
    process.exit(1);
  }
  execFileSync(process.execPath, [cli, 'typink', '-m', metadata, '-o', out, '-c', name], { stdio: 'pipe' });
}

const files = (dir) => fs.readdirSync(dir, { recursive: true })
  .filter((file) => fs.statSync(path.join(dir, file)).isFile()).sort();
if (check) {
  const differing = [...new Set([...files(out), ...files(committed)])].filter((file) => {
    const read = (dir) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), 'utf8') : null);
    return read(out) !== read(committed);
  });
  fs.rmSync(out, { recursive: true, force: true });
  if (differing.length) {
    console.error(`typegen: the committed bindings differ from the contracts' metadata in ${differing.join(', ')}`);
    console.error('typegen: run `npm run typegen` in portal/ and commit the result');
    process.exit(1);
  }
  console.log(`typegen: the committed bindings of ${CONTRACTS.length} contracts match their metadata`);
} else {
  console.log(`typegen: ${files(out).length} files for ${CONTRACTS.length} contracts in ${path.relative(portal, out)}`);
}
