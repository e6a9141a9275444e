/**
 * Streaming: the CLI reads logs in pieces that end at line breaks and hands settled events out as
 * it goes. Piece by piece must give the same events as the whole text.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLogPieces } from '../../server/src/node/readLog.js';
import { Analyzer, analyze } from '../../server/src/core/analyze.js';
import { eventToJson } from '../../server/src/core/json.js';
import { FIXTURES } from '../helpers.js';
import { generate } from '../../scripts/gen-log.mjs';

const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.log'));

async function pieces(path: string, size: number): Promise<string[]> {
  const out: string[] = [];
  for await (const p of readLogPieces(path, size)) out.push(p);
  return out;
}

describe('streaming', () => {
  for (const f of files) {
    test(`${f}: 1 KiB pieces give the events of the whole text`, async () => {
      const path = join(FIXTURES, f);
      const ps = await pieces(path, 1024);
      assert.equal(ps.join(''), readFileSync(path, 'utf8').replace(/^\ufeff/, ''), 'pieces put back together are the file');
      for (const p of ps.slice(0, -1)) assert.match(p, /[\r\n]$/, 'every piece but the last ends at a line break');
      const a = new Analyzer();
      const got = [];
      for (const p of ps) {
        a.feed(p);
        got.push(...a.drain());
      }
      const fin = a.finish();
      got.push(...fin.events);
      const whole = analyze(readFileSync(path, 'utf8'));
      assert.equal(fin.lines, whole.lines);
      assert.deepEqual(got.map(eventToJson), whole.events.map(eventToJson));
    });
  }
  // Generated logs have what the fixtures have few of: hundreds of events (more than the window a
  // late reaper line may reach back over), many boots and hosts, events far from their boot's CPU line.
  for (const seed of [5, 9]) {
    test(`a generated 2 MiB log (seed ${seed}) in 4 KiB pieces gives the events of the whole text`, () => {
      const text = generate({ sizeBytes: 2 * 1024 * 1024, seed }).text;
      const a = new Analyzer();
      const got = [];
      let drained = 0;
      for (let i = 0; i < text.length; ) {
        let j = text.indexOf('\n', Math.min(text.length, i + 4096));
        j = j === -1 ? text.length : j + 1;
        a.feed(text.slice(i, j));
        const d = a.drain();
        drained += d.length;
        got.push(...d);
        i = j;
      }
      got.push(...a.finish().events);
      const whole = analyze(text);
      assert.ok(whole.events.length > 100, `${whole.events.length} events`);
      // Up to 64 events stay for late reaper lines, more while their boot's kernel is not yet known.
      assert.ok(drained > 0, `events were handed out as the log went (${drained} of ${whole.events.length} before the end)`);
      assert.deepEqual(got.map(eventToJson), whole.events.map(eventToJson));
    });
  }
  test('any read size: pieces end at line breaks and put back together are the text (CR, CRLF, LF, UTF-8 split across reads)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-stream-'));
    const text = ['crlf\r\n', 'lf\n', 'cr only\r', '进程 comm\n', 'x'.repeat(300) + '\n', '\r\n', 'é\r', 'a\ufeff zero-width no-break space\n', 'tail without a break'].join('').repeat(40);
    writeFileSync(join(dir, 'mixed.log'), text);
    // A byte-order mark at the start is not text; the same character later is.
    writeFileSync(join(dir, 'bom.log'), '\ufeff' + text);
    assert.equal((await pieces(join(dir, 'bom.log'), 5)).join(''), text, 'the BOM is dropped, later U+FEFF kept');
    // U+FEFF as the first character past ASCII (the first one the UTF-8 decoder sees).
    writeFileSync(join(dir, 'feff.log'), 'ab\ufeff\nc\n');
    for (const size of [1, 2, 3, 64]) assert.equal((await pieces(join(dir, 'feff.log'), size)).join(''), 'ab\ufeff\nc\n', `read size ${size}`);
    for (const size of [1, 2, 3, 5, 7, 64, 1000, 1 << 16]) {
      const ps = await pieces(join(dir, 'mixed.log'), size);
      assert.equal(ps.join(''), text, `read size ${size}`);
      ps.forEach((p, i) => {
        if (i < ps.length - 1) assert.match(p, /[\r\n]$/, `read size ${size}: piece ${i} ends at a line break`);
        if (i > 0 && ps[i - 1]!.endsWith('\r')) assert.ok(!p.startsWith('\n'), `read size ${size}: no piece starts inside a CRLF pair`);
      });
    }
  });
  test('gzip input and a CRLF split across pieces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kt-stream-'));
    const text = 'a\r\nb\r\n'.repeat(2000);
    writeFileSync(join(dir, 'x.log.gz'), gzipSync(Buffer.from(text)));
    const ps = await pieces(join(dir, 'x.log.gz'), 3);
    assert.equal(ps.join(''), text);
    for (const p of ps) assert.ok(!p.startsWith('\n'), 'no piece starts inside a CRLF pair');
  });
});
