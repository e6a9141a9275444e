/**
 * Every OOM event of every corpus log against MANIFEST.json's ground truth (shared/corpus/README.md
 * says how each field is defined).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import { eventToJson } from '../../server/src/core/json.js';
import { CORPUS, hasCorpus, NO_CORPUS, project, type ManifestEntry } from '../helpers.js';

const manifest: ManifestEntry[] = hasCorpus ? JSON.parse(readFileSync(join(CORPUS, 'MANIFEST.json'), 'utf8')) : [];

describe('corpus: OOM events match MANIFEST.json', { skip: hasCorpus ? false : NO_CORPUS }, () => {
  for (const entry of manifest) {
    test(entry.file, () => {
      const text = readFileSync(join(CORPUS, entry.file), 'utf8');
      const oom = analyze(text).events.filter((e) => e.kind === 'oom').map((e) => eventToJson(e) as Record<string, any>);
      assert.equal(oom.length, entry.events.length, `number of OOM events in ${entry.file}`);
      entry.events.forEach((want, i) => {
        assert.deepEqual(project(oom[i]!), want, `${entry.file} OOM event ${i + 1}`);
      });
      // `kinds`: every kind listed is found, and nothing else is (memcg-oom / global-oom are OOM kills).
      const found = new Set(analyze(text).events.map((e) => (e.kind === 'oom' ? (e.memcg ? 'memcg-oom' : 'global-oom') : e.kind)));
      assert.deepEqual([...found].sort(), [...new Set(entry.kinds)].sort(), `kinds found in ${entry.file}`);
      for (const ev of oom) {
        if (ev.kernel && ev.kernel.source === 'cpu-line') {
          assert.equal(ev.kernel.release, entry.kernel, 'kernel release from the CPU line');
          if (ev.kernel.arch !== null) assert.equal(ev.kernel.arch, entry.arch, 'architecture, when we name one');
        }
      }
    });
  }
});
