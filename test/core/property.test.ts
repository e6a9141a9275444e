/**
 * Property tests: random cuts, splices, character flips and line shuffles of real logs. The analysis
 * never throws, finishes, keeps every range inside the text, and never lets two event ranges overlap.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze.js';
import { LineIndex } from '../../server/src/core/text/lines.js';
import { CORPUS, FIXTURES, hasCorpus } from '../helpers.js';

const logs: string[] = [
  ...readdirSync(FIXTURES).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(FIXTURES, f), 'utf8')),
  ...(hasCorpus ? readdirSync(CORPUS).filter((f) => f.endsWith('.log')).map((f) => readFileSync(join(CORPUS, f), 'utf8')) : []),
];

function check(text: string): void {
  const a = analyze(text, { fields: true });
  const lines = new LineIndex(text).count;
  assert.equal(a.lines, lines);
  let prevEnd = -1;
  for (const ev of [...a.events].sort((x, y) => x.startLine - y.startLine)) {
    assert.ok(ev.startLine >= 0 && ev.startLine <= ev.endLine && ev.endLine < lines, `range ${ev.startLine}-${ev.endLine} of ${lines}`);
    assert.ok(ev.startLine > prevEnd, `event at ${ev.startLine} overlaps the one ending at ${prevEnd}`);
    prevEnd = ev.endLine;
    for (const p of ev.parts) assert.ok(p.startLine >= 0 && p.startLine <= p.endLine && p.endLine < lines, `part ${p.name}`);
    for (const f of ev.fields) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `field ${f.name}`);
  }
  for (const p of a.problems) assert.ok(p.line >= 0 && p.line < lines);
}

const log = fc.constantFrom(...logs);
const RUNS = 150;

describe('properties', { skip: logs.length === 0 ? 'no logs to mutate' : false }, () => {
  test('random cuts', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(log, fc.nat(), fc.nat(), (s, a, b) => {
        const i = a % (s.length + 1);
        const j = b % (s.length + 1);
        check(s.slice(Math.min(i, j), Math.max(i, j)));
      }),
      { numRuns: RUNS },
    );
  });
  test('splices of two logs', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(log, log, fc.nat(), fc.nat(), (s, t, a, b) => {
        check(s.slice(0, a % (s.length + 1)) + t.slice(b % (t.length + 1)));
      }),
      { numRuns: RUNS },
    );
  });
  test('character flips, including line breaks, NUL and U+FFFD', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(log, fc.array(fc.tuple(fc.nat(), fc.constantFrom('\n', '\r', '\0', '\ufffd', '[', ']', ':', '=', ' ', 'x', '9', '(', ')', '#012', '\\x0a')), { maxLength: 30 }), (s, flips) => {
        const chars = [...s];
        for (const [at, c] of flips) if (chars.length > 0) chars[at % chars.length] = c;
        check(chars.join(''));
      }),
      { numRuns: RUNS },
    );
  });
  test('shuffled lines', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(log, fc.infiniteStream(fc.nat()), (s, rnd) => {
        const ls = s.split('\n');
        const it = rnd[Symbol.iterator]();
        for (let i = ls.length - 1; i > 0; i--) {
          const j = it.next().value! % (i + 1);
          [ls[i], ls[j]] = [ls[j]!, ls[i]!];
        }
        check(ls.join('\n'));
      }),
      { numRuns: 60 },
    );
  });
  test('arbitrary strings', { timeout: 60_000 }, () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => check(s)), { numRuns: RUNS });
  });
});
