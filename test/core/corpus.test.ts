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
import { CORPUS, hasCorpus, NO_CORPUS } from '../helpers.js';

interface ManifestEvent {
  trigger_comm: string | null;
  gfp_mask: string | null;
  gfp_names: string | null;
  order: number | null;
  trigger_oom_score_adj: number | null;
  constraint: string | null;
  killed_pid: number | null;
  killed_comm: string | null;
  killed_anon_rss_kB: number | null;
  memcg: string | null;
  memcg_limit_kB: number | null;
  task_rows: number | null;
}
interface ManifestEntry {
  file: string;
  kernel: string | null;
  arch: string | null;
  kinds: string[];
  events: ManifestEvent[];
}

const manifest: ManifestEntry[] = hasCorpus ? JSON.parse(readFileSync(join(CORPUS, 'MANIFEST.json'), 'utf8')) : [];

/** The manifest's fields, read off our JSON the way the corpus README defines them. */
function project(ev: Record<string, any>): ManifestEvent {
  return {
    trigger_comm: ev.trigger?.comm ?? null,
    gfp_mask: ev.trigger?.gfpMask ?? null,
    gfp_names: ev.trigger?.gfpFlags ? ev.trigger.gfpFlags.join('|') : null,
    order: ev.trigger?.order ?? null,
    trigger_oom_score_adj: ev.trigger?.oomScoreAdj ?? null,
    constraint: ev.constraint,
    killed_pid: ev.killed?.pid ?? null,
    killed_comm: ev.killed?.comm ?? null,
    killed_anon_rss_kB: ev.killed?.anonRssKb ?? null,
    memcg: ev.memcg?.oomMemcg ?? null,
    memcg_limit_kB: ev.memcg?.limitKb ?? null,
    task_rows: ev.tasks === null ? null : ev.tasks.length,
  };
}

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
