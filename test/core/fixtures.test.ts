/**
 * The project's own fixtures (test/fixtures/MANIFEST.json, same schema as the shared corpus):
 * written from the kernel's format strings, they cover every prefix style and report version for
 * users whose clone has no ../shared.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import { eventToJson } from '../../server/src/core/json.js';
import { FIXTURES, project, type ManifestEntry, type ManifestEvent } from '../helpers.js';

type FixtureEvent = ManifestEvent & { also_killed_pids?: number[]; selected_pid?: number | null };
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'MANIFEST.json'), 'utf8')) as (Omit<ManifestEntry, 'events'> & { events: FixtureEvent[] })[];

describe('fixtures: OOM events match test/fixtures/MANIFEST.json', () => {
  test('the manifest lists every fixture', () => {
    assert.ok(manifest.length >= 10, `${manifest.length} fixtures`);
  });
  for (const entry of manifest) {
    test(entry.file, () => {
      const text = readFileSync(join(FIXTURES, entry.file), 'utf8');
      const all = analyze(text).events;
      const oom = all.filter((e) => e.kind === 'oom').map((e) => eventToJson(e) as Record<string, any>);
      assert.equal(oom.length, entry.events.length, `number of OOM events in ${entry.file}`);
      entry.events.forEach((want, i) => {
        const { also_killed_pids, selected_pid, ...std } = want;
        const got = oom[i]!;
        assert.deepEqual(project(got), std, `${entry.file} OOM event ${i + 1}`);
        if (also_killed_pids !== undefined) assert.deepEqual(got.alsoKilled.map((x: { pid: number }) => x.pid), also_killed_pids, `${entry.file} event ${i + 1} also killed`);
        if (selected_pid !== undefined) assert.equal(got.selected?.pid ?? null, selected_pid, `${entry.file} event ${i + 1} selected`);
      });
      for (const ev of oom) {
        if (ev.kernel?.source === 'cpu-line' && entry.kernel) assert.equal(ev.kernel.release, entry.kernel, 'kernel release');
        if (ev.kernel?.arch && entry.arch) assert.equal(ev.kernel.arch, entry.arch, 'architecture, when we name one');
      }
      const found = new Set<string>(all.map((e) => (e.kind === 'oom' ? (e.memcg ? 'memcg-oom' : 'global-oom') : e.kind)));
      for (const k of entry.kinds) assert.ok(found.has(k), `kind ${k} found in ${entry.file}`);
    });
  }
});
