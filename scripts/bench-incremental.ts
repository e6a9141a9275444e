/**
 * The core's incremental re-analysis on a large log (part of `npm run bench`):
 *   node --expose-gc --import tsx scripts/bench-incremental.ts bench-output/gen-48.log
 * After one full analysis, 50 appended lines and 50 one-line edits spread through the text, each
 * re-analysed with reanalyse() on the text in pieces, as the language server keeps it (ChunkedText);
 * targets ≤ 20 ms p50, ≤ 100 ms p95. Every tenth result is checked against a full analysis of the
 * same text.
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../server/src/core/analyze.js';
import { reanalyse } from '../server/src/core/incremental.js';
import { eventToJson } from '../server/src/core/json.js';
import { ChunkedText, type TextSource } from '../server/src/core/text/chunked.js';
import { LineIndex } from '../server/src/core/text/lines.js';

const file = process.argv[2] ?? 'bench-output/gen-48.log';
const text = readFileSync(file, 'utf8');
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
let t0 = performance.now();
const source = ChunkedText.from(text);
let cur: { analysis: ReturnType<typeof analyze>; index: LineIndex; text: TextSource } = { analysis: analyze(text, { fields: true }), index: new LineIndex(text), text: source };
const fullMs = performance.now() - t0;
const same = (a: typeof cur): boolean => JSON.stringify(a.analysis.events.map(eventToJson)) === JSON.stringify(analyze(a.text.toString(), { fields: true }).events.map(eventToJson));
let checked = 0;
let wrong = 0;
const appendEdit = (c: typeof cur, k: number): { start: number; end: number; text: string } => ({ start: c.text.length, end: c.text.length, text: `[99999.${String(k).padStart(6, '0')}] e1000e: eth0 NIC Link is Up\n` });
const lineEdit = (c: typeof cur, k: number): { start: number; end: number; text: string } => {
  const line = Math.floor(((k + 1) * c.index.count) / 52);
  const s = c.index.starts[line]!;
  return { start: s, end: s, text: 'x' };
};
// Timed: 50 edits in a row, nothing else in between (a full analysis between them would leave its
// garbage to the next timed edit).
const run = (name: string, edit: (c: typeof cur, k: number) => { start: number; end: number; text: string }): number[] => {
  const ms: number[] = [];
  for (let k = 0; k < 50; k++) {
    const e = edit(cur, k);
    t0 = performance.now();
    cur = reanalyse(cur, e);
    ms.push(performance.now() - t0);
  }
  console.log(`  ${name.padEnd(28)} p50 ${pct(ms, 50).toFixed(1).padStart(6)} ms   p95 ${pct(ms, 95).toFixed(1).padStart(6)} ms   target p50 ≤ 20, p95 ≤ 100`);
  return ms;
};
console.log(`incremental re-analysis on ${file} (${(text.length / 1048576).toFixed(1)} MiB; full analysis with fields ${fullMs.toFixed(0)} ms)`);
const start = cur;
// Steady state, as when someone types into a log that has been open a while: the garbage of the
// full analysis collected (V8 does it when idle; run with --expose-gc) and the code warmed up by
// a few edits that are not timed.
for (let k = 0; k < 10; k++) cur = reanalyse(cur, lineEdit(cur, k * 5));
(globalThis as { gc?: () => void }).gc?.();
run('append a line', appendEdit);
run('one-line edit', lineEdit);
// Checked, untimed: the same edits again from the start, every tenth result against a full analysis.
cur = { analysis: analyze(text, { fields: true }), index: start.index, text: start.text };
for (const edit of [appendEdit, lineEdit]) {
  for (let k = 0; k < 50; k++) {
    cur = reanalyse(cur, edit(cur, k));
    if (k % 10 === 9) {
      checked++;
      if (!same(cur)) wrong++;
    }
  }
}
console.log(`  checked against a full analysis: ${checked - wrong}/${checked} identical`);
if (wrong > 0) process.exitCode = 1;
