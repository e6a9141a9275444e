import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
/** The shared corpus sits beside the clone (`../shared`); a user's clone has none. */
export const SHARED = join(ROOT, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const hasCorpus = existsSync(join(CORPUS, 'MANIFEST.json'));
export const NO_CORPUS = `../shared/corpus/MANIFEST.json not found next to this clone (expected at ${CORPUS}); corpus tests need the shared corpus`;

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}
