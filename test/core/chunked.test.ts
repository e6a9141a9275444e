/** ChunkedText reads and edits as the JS string it stands for. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ChunkedText } from '../../server/src/core/text/chunked.js';
import { LineIndex } from '../../server/src/core/text/lines.js';

const chars = fc.constantFrom('a', 'b', '\n', '\r', ' ', 'é', '进');
const textArb = fc.array(chars, { maxLength: 200 }).map((a) => a.join(''));

function same(c: ChunkedText, s: string, msg: string): void {
  assert.equal(c.length, s.length, `${msg}: length`);
  assert.equal(c.toString(), s, `${msg}: text`);
  for (let i = -1; i <= s.length; i++) assert.equal(Number.isNaN(c.charCodeAt(i)) ? NaN : c.charCodeAt(i), Number.isNaN(s.charCodeAt(i)) ? NaN : s.charCodeAt(i), `${msg}: charCodeAt ${i}`);
  for (let a = -3; a <= s.length + 1; a += 3) for (let b = a; b <= s.length + 2; b += 5) assert.equal(c.slice(a, b), s.slice(a, b), `${msg}: slice ${a} ${b}`);
  for (const q of ['\n', '\r\n', 'ab', 'a\nb', '进']) for (let p = 0; p <= s.length; p += 4) assert.equal(c.indexOf(q, p), s.indexOf(q, p), `${msg}: indexOf ${JSON.stringify(q)} ${p}`);
}

describe('ChunkedText', () => {
  test('reads as the string, with pieces of any size', () => {
    fc.assert(
      fc.property(textArb, fc.integer({ min: 1, max: 40 }), (s, piece) => {
        same(ChunkedText.from(s, piece), s, `piece ${piece}`);
      }),
      { numRuns: 150 },
    );
  });

  test('chains of edits give the edited string, and the line index of the pieces is the string\'s', () => {
    const edit = fc.record({ a: fc.nat(), b: fc.nat(), ins: fc.array(chars, { maxLength: 60 }).map((x) => x.join('')) });
    fc.assert(
      fc.property(textArb, fc.integer({ min: 1, max: 30 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (s0, piece, edits) => {
        let s = s0;
        let c = ChunkedText.from(s0, piece);
        let idx = new LineIndex(c);
        for (const e of edits) {
          const start = Math.min(e.a, e.b) % (s.length + 1);
          const end = Math.min(s.length, start + (Math.max(e.a, e.b) % 7));
          const next = c.edit(start, end, e.ins);
          idx = idx.edited(next, start, end, e.ins);
          c = next;
          s = s.slice(0, start) + e.ins + s.slice(end);
          same(c, s, `after editing [${start}, ${end})`);
          const want = new LineIndex(s);
          assert.deepEqual([...idx.starts], [...want.starts], 'line starts');
          assert.deepEqual([...idx.ends], [...want.ends], 'line ends');
        }
      }),
      { numRuns: 150 },
    );
  });

  test('an edit copies only the piece it touches; a piece grown past twice the size is cut again', () => {
    const line = 'x'.repeat(99) + '\n';
    const c = ChunkedText.from(line.repeat(100), 1000);
    assert.equal(c.pieceCount, 10, 'pieces of 1000 characters, cut after the next line break: 1100');
    const e = c.edit(5, 5, line.repeat(30));
    // The first piece grows to 4100 characters: cut again into 1100 + 1100 + 1100 + 800.
    assert.equal(e.pieceCount, 13, 'the grown piece is cut at line breaks');
    assert.equal(e.toString(), line.slice(0, 5) + line.repeat(30) + line.slice(5) + line.repeat(99));
    const d = c.edit(0, c.length, '');
    assert.equal(d.length, 0);
    assert.equal(d.pieceCount, 1);
  });
});
