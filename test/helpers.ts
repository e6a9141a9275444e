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

/** The ground-truth schema of shared/corpus/MANIFEST.json (and test/fixtures/MANIFEST.json). */
export interface ManifestEvent {
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
export interface ManifestEntry {
  file: string;
  kernel: string | null;
  arch: string | null;
  kinds: string[];
  events: ManifestEvent[];
}


/** The manifest's fields, read off our JSON the way the corpus README defines them. */
export function project(ev: Record<string, any>): ManifestEvent {
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

