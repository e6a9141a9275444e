/**
 * The benchmark's log generator (scripts/gen-log.mjs): deterministic, shaped like the logs the
 * benchmark claims to measure, and in agreement with the analysis on every OOM event and on the
 * number of events of every other kind.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generate, type Truth } from '../../scripts/gen-log.mjs';
import { analyze } from '../../server/src/core/analyze.js';

const MIB = 1048576;
const SEEDS = [1, 2, 3];
const logs = new Map<number, { text: string; truth: Truth }>(SEEDS.map((seed) => [seed, generate({ sizeBytes: MIB, seed })]));
const log = (seed: number): { text: string; truth: Truth } => logs.get(seed)!;

/** Byte length of every physical line including its newline (the text is ASCII). */
function lineBytes(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
    out.push(i - start + 1);
    start = i + 1;
  }
  return out;
}

describe('gen-log: determinism and shape', () => {
  test('the same seed gives byte-identical output and truth; another seed differs', () => {
    const again = generate({ sizeBytes: MIB, seed: 1 });
    assert.equal(again.text, log(1).text);
    assert.deepEqual(again.truth, log(1).truth);
    assert.notEqual(log(2).text, log(1).text);
  });

  for (const seed of SEEDS) {
    test(`seed ${seed}: about 1 MiB of ASCII lines, byte and line counts as in the truth`, () => {
      const { text, truth } = log(seed);
      assert.equal(Buffer.byteLength(text), text.length, 'ASCII only');
      assert.equal(truth.bytes, text.length);
      assert.ok(text.endsWith('\n'));
      assert.equal(truth.lines, lineBytes(text).length);
      assert.ok(truth.bytes >= MIB && truth.bytes < MIB * 1.1, `size ${truth.bytes}`);
    });

    test(`seed ${seed}: OOM reports are 40–50 % of the bytes`, () => {
      const { text, truth } = log(seed);
      const bytes = lineBytes(text);
      let inOom = 0;
      for (const e of truth.oom) for (let l = e.startLine; l <= e.endLine; l++) inOom += bytes[l - 1]!;
      const share = inOom / truth.bytes;
      assert.ok(share >= 0.4 && share <= 0.5, `OOM share ${(share * 100).toFixed(1)} %`);
      assert.ok(Math.abs(inOom - truth.oomBytes) / truth.oomBytes < 0.05, 'truth.oomBytes agrees with the event ranges');
    });

    test(`seed ${seed}: about 3,700 task rows per MiB (±15 %)`, () => {
      const { text, truth } = log(seed);
      const rows = truth.oom.reduce((s, e) => s + (e.taskRows ?? 0), 0);
      assert.equal(rows, truth.taskRows);
      // The rows are really there: count lines that look like dump_task() rows.
      const printed = text.split('\n').filter((l) => /\[ *\d+\] +\d+ +\d+ +\d+ +\d+ +-?\d+ /.test(l)).length;
      assert.equal(printed, rows);
      const perMib = rows / (truth.bytes / MIB);
      assert.ok(perMib >= 3700 * 0.85 && perMib <= 3700 * 1.15, `${perMib.toFixed(0)} rows per MiB`);
    });
  }
});

describe('gen-log: the analysis finds what the generator wrote', () => {
  for (const seed of SEEDS) {
    test(`seed ${seed}: every OOM event (start line, trigger comm, victim, task rows) and the count of every kind`, () => {
      const { text, truth } = log(seed);
      const analysis = analyze(text);
      assert.equal(analysis.lines, truth.lines);
      const got = analysis.events
        .filter((e) => e.kind === 'oom')
        .map((e) => ({
          startLine: e.startLine + 1,
          triggerComm: e.trigger?.comm ?? null,
          killedPid: e.killed?.pid ?? null,
          killedComm: e.killed?.comm ?? null,
          taskRows: e.tasks === null ? null : e.tasks.length,
        }));
      const want = truth.oom.map((e) => ({ startLine: e.startLine, triggerComm: e.triggerComm, killedPid: e.killedPid, killedComm: e.killedComm, taskRows: e.taskRows }));
      assert.deepEqual(got, want);
      const kinds: Record<string, number> = {};
      for (const e of analysis.events) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
      assert.deepEqual(kinds, truth.kinds);
    });
  }
});
