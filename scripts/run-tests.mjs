// Runs the test files under test/ with Node's test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
//   node scripts/run-tests.mjs            every test
//   node scripts/run-tests.mjs --e2e      the end-to-end subset (test/e2e/)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const e2eOnly = process.argv.includes('--e2e');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'node_modules') walk(p);
    } else if (name.endsWith('.test.ts')) files.push(relative(process.cwd(), p));
  }
})('test');
const selected = e2eOnly ? files.filter((f) => f.startsWith(join('test', 'e2e'))) : files;
if (selected.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...selected], { stdio: 'inherit' });
process.exit(r.status ?? 1);
