/**
 * Incremental re-analysis gives what a full analysis of the edited text gives: random line edits,
 * deletions, insertions and appends on the fixtures.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze.js';
import { reanalyse } from '../../server/src/core/incremental.js';
import { eventToJson } from '../../server/src/core/json.js';
import { LineIndex } from '../../server/src/core/text/lines.js';
import { ChunkedText, type TextSource } from '../../server/src/core/text/chunked.js';
import { FIXTURES } from '../helpers.js';
import { generate } from '../../scripts/gen-log.mjs';

const logs = readdirSync(FIXTURES).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
const donorLines = logs.flatMap((l) => l.split('\n')).filter((l) => l.length > 0);

function full(text: string): unknown {
  const a = analyze(text, { fields: true });
  return { lines: a.lines, events: a.events.map(eventToJson), fields: a.events.map((e) => e.fields.map((f) => `${f.name}@${f.start}-${f.end}`).sort()), problems: a.problems };
}

function incremental(text: string, start: number, end: number, insert: string): { got: unknown; newText: string } {
  const prev = { analysis: analyze(text, { fields: true }), index: new LineIndex(text), text };
  const r = reanalyse(prev, { start, end, text: insert });
  const a = r.analysis;
  assert.equal(r.index.count, new LineIndex(r.text).count, 'line index after the edit');
  assert.deepEqual([...r.index.starts], [...new LineIndex(r.text).starts]);
  return { newText: r.text.toString(), got: { lines: a.lines, events: a.events.map(eventToJson), fields: a.events.map((e) => e.fields.map((f) => `${f.name}@${f.start}-${f.end}`).sort()), problems: a.problems } };
}

describe('incremental re-analysis', () => {
  test('replacing, deleting or inserting a line anywhere', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.nat(logs.length - 1), fc.nat(), fc.constantFrom('replace', 'delete', 'insert'), fc.nat(donorLines.length - 1), (li, at, op, di) => {
        const log = logs[li]!;
        const donor = donorLines[di]!;
        const idx = new LineIndex(log);
        const line = at % idx.count;
        const s = idx.starts[line]!;
        const e = line + 1 < idx.count ? idx.starts[line + 1]! : log.length;
        const [start, end, insert] = op === 'replace' ? [s, idx.ends[line]!, donor] : op === 'delete' ? [s, e, ''] : [s, s, donor + '\n'];
        const { newText, got } = incremental(log, start, end, insert);
        assert.deepEqual(got, full(newText));
      }),
      { numRuns: 120 },
    );
  });
  test('random line edits on generated logs in 8 KiB pieces: events, parts, reaper lines and located fields as a full analysis', { timeout: 180_000 }, () => {
    // Seeds 4 and 5 once lost or misplaced late reaper lines (their parts, or their fields) of
    // kills before the restart point.
    for (const seed of [4, 5, 13]) {
      const text0 = generate({ sizeBytes: 192 * 1024, seed }).text;
      const donors = text0.split('\n').filter(Boolean);
      const source = ChunkedText.from(text0, 8 * 1024);
      let cur: { analysis: ReturnType<typeof analyze>; index: LineIndex; text: TextSource } = { analysis: analyze(text0, { fields: true }), index: new LineIndex(source), text: source };
      let state = (seed * 2654435761) >>> 0;
      const rand = (n: number): number => {
        state = (Math.imul(state ^ (state >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
        return state % n;
      };
      for (let run = 0; run < 120; run++) {
        const line = rand(cur.index.count);
        const kind = rand(4);
        const s = cur.index.starts[line]!;
        let end = s;
        let insert = '';
        if (kind === 0) insert = donors[rand(donors.length)]! + '\n';
        else if (kind === 1) end = line + 1 < cur.index.count ? cur.index.starts[line + 1]! : cur.text.length;
        else if (kind === 2) {
          end = cur.index.ends[line]!;
          insert = donors[rand(donors.length)]!;
        } else insert = Array.from({ length: 1 + rand(6) }, () => donors[rand(donors.length)]!).join('\n') + '\n';
        const r = reanalyse(cur, { start: s, end, text: insert });
        cur = { analysis: r.analysis, index: r.index, text: r.text };
        const a = cur.analysis;
        const got = { lines: a.lines, events: a.events.map(eventToJson), fields: a.events.map((e) => e.fields.map((f) => `${f.name}@${f.start}-${f.end}`).sort()), problems: a.problems };
        assert.deepEqual(got, full(cur.text.toString()), `seed ${seed}, edit ${run} (kind ${kind}) at line ${line}`);
      }
    }
  });
  test('an edit of an event\'s first line restarts before it (its recorded state holds the old line)', () => {
    // Found by the property above: the trigger line of a journalctl short-monotonic log replaced by
    // a raw dmesg one without a host. The line before it (no event) was skipped by the full
    // analysis, so the hostless trigger belongs to no host, not to the old line's host.
    const log = readFileSync(join(FIXTURES, 'oom-6.8-rss-anon-table-short-monotonic.log'), 'utf8');
    const idx = new LineIndex(log);
    const trigger = log.split('\n').findIndex((l) => l.includes('invoked oom-killer'));
    assert.ok(trigger > 0);
    const donor = '[2318405.843418] gzip invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0';
    const { newText, got } = incremental(log, idx.starts[trigger]!, idx.ends[trigger]!, donor);
    assert.deepEqual(got, full(newText));
  });
  test('a host that falls silent after a finished report does not make later edits re-analyse back to it', () => {
    // Central syslog: host a prints a panic (with its end marker) or an OOM kill, then only host b
    // prints, 40 one-line events. An edit near the end restarts near the edit, not at a's report.
    const segv = (i: number): string => `Dec  4 00:02:${String(i % 60).padStart(2, '0')} b kernel: app[${1000 + i}]: segfault at 0 ip 0000000000401126 sp 00007ffc9d5e6a50 error 6 in app[401000+1000]`;
    const heads = {
      panic: ['Dec  4 00:01:00 a kernel: Kernel panic - not syncing: Fatal exception', 'Dec  4 00:01:00 a kernel: ---[ end Kernel panic - not syncing: Fatal exception ]---'],
      oom: [
        'Dec  4 00:01:00 a kernel: stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
        'Dec  4 00:01:00 a kernel: oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=stress,pid=999,uid=0',
        'Dec  4 00:01:00 a kernel: Out of memory: Killed process 999 (stress) total-vm:1200000kB, anon-rss:999000kB, file-rss:1000kB, shmem-rss:0kB, UID:0 pgtables:2148kB oom_score_adj:0',
      ],
    };
    for (const [name, head] of Object.entries(heads)) {
      const lines = [...head, ...Array.from({ length: 40 }, (_, i) => segv(i))];
      const text = lines.join('\n') + '\n';
      const idx = new LineIndex(text);
      const at = lines.length - 3;
      const prev = { analysis: analyze(text, { fields: true }), index: idx, text };
      const r = reanalyse(prev, { start: idx.starts[at]!, end: idx.starts[at]!, text: 'x' });
      assert.deepEqual(r.analysis.events.map(eventToJson), analyze(r.text.toString(), { fields: true }).events.map(eventToJson), name);
      assert.ok(r.from >= lines.length - 25, `${name}: re-analysed from line ${r.from}, not from host a's report`);
    }
  });
  test('appending lines at the end (a growing log)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.nat(logs.length - 1), fc.array(fc.nat(donorLines.length - 1), { minLength: 1, maxLength: 30 }), (li, picks) => {
        const log = logs[li]!;
        const more = picks.map((i) => donorLines[i]!);
        const base = log.endsWith('\n') ? log : log + '\n';
        const { newText, got } = incremental(base, base.length, base.length, more.join('\n') + '\n');
        assert.deepEqual(got, full(newText));
      }),
      { numRuns: 80 },
    );
  });

  // Generated logs have what the fixtures have little of: several boots with banners, raw dmesg
  // after syslog lines, storms of kills whose reaper lines come many events later.
  test('edits through generated logs (boots, banners, mixed hosts, late reaper lines)', { timeout: 180_000 }, () => {
    // Seed 7 keeps its text in 16 KiB pieces, as the language server does (ChunkedText).
    for (const seed of [3, 7, 11]) {
      const text0 = generate({ sizeBytes: 256 * 1024, seed }).text;
      const source: TextSource = seed === 7 ? ChunkedText.from(text0, 16 * 1024) : text0;
      let cur = { analysis: analyze(text0, { fields: true }), index: new LineIndex(source), text: source };
      // A sequence of edits, each on the result of the one before (as in an editor): a seeded
      // PRNG rather than fast-check, whose shrinking assumes independent runs.
      let state = seed * 2654435761;
      const rand = (n: number): number => {
        state = (Math.imul(state ^ (state >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
        return state % n;
      };
      const inserts = ['x', '', '[    1.000000] Linux version 6.1.0-13-amd64 (a@b) #1 SMP\n', '[99999.000000] e1000e: eth0 NIC Link is Up\n'];
      for (let run = 0; run < 40; run++) {
        const line = rand(cur.index.count);
        const insert = inserts[rand(inserts.length)]!;
        const s = cur.index.starts[line]!;
        // An empty insert deletes the line.
        const end = insert === '' ? (line + 1 < cur.index.count ? cur.index.starts[line + 1]! : cur.text.length) : s;
        const r = reanalyse(cur, { start: s, end, text: insert });
        assert.equal(r.text instanceof ChunkedText, seed === 7, 'the text stays in pieces');
        cur = { analysis: r.analysis, index: r.index, text: r.text };
        const a = cur.analysis;
        const got = { lines: a.lines, events: a.events.map(eventToJson), problems: a.problems };
        const want = full(cur.text.toString()) as { lines: number; events: unknown[]; problems: unknown[] };
        assert.deepEqual(got, { lines: want.lines, events: want.events, problems: want.problems }, `seed ${seed}, edit ${run}: ${JSON.stringify(insert)} at line ${line}`);
      }
    }
  });
});
