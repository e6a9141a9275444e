/** The tasks table's pure logic: sort, filter, victim first, export escaping, virtual window. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  columnWidths,
  csvCell,
  displayOrder,
  escapeMarkdownCell,
  filterRows,
  formatCell,
  nextSort,
  parseFilter,
  sortRows,
  textWidth,
  toCsv,
  toMarkdown,
  totalsOf,
  virtualWindow,
} from '../../media/taskTable/rows.js';
import { col, fixtureModels, LABELS, smallModel } from './helpers.js';

const m = smallModel(
  [
    [100, 0, 9, 'bash'],
    [20, 1000, 100, 'java'],
    [3, 33, null, 'Zebra'],
    [1000, 0, 25, 'apache2'],
    [42, 999, 100, 'node (api) "v2"'],
  ],
  3,
);
const pids = (rows: { pid: number }[]): number[] => rows.map((r) => r.pid);

describe('sortRows', () => {
  test('numbers sort as numbers, not as text', () => {
    assert.deepEqual(pids(sortRows(m.rows, m.columns, { key: 'pid', dir: 'asc' }, null)), [3, 20, 42, 100, 1000]);
    assert.deepEqual(pids(sortRows(m.rows, m.columns, { key: 'pid', dir: 'desc' }, null)), [1000, 100, 42, 20, 3]);
  });
  test('empty cells go last both ways; ties keep the printed order', () => {
    assert.deepEqual(pids(sortRows(m.rows, m.columns, { key: 'rss', dir: 'desc' }, null)), [20, 42, 1000, 100, 3]);
    assert.deepEqual(pids(sortRows(m.rows, m.columns, { key: 'rss', dir: 'asc' }, null)), [100, 1000, 20, 42, 3]);
  });
  test('text sorts case-insensitively and naturally', () => {
    assert.deepEqual(
      sortRows(m.rows, m.columns, { key: 'name', dir: 'asc' }, null).map((r) => r.name),
      ['apache2', 'bash', 'java', 'node (api) "v2"', 'Zebra'],
    );
    const n = smallModel([
      [1, 0, 1, 'worker10'],
      [2, 0, 1, 'worker9'],
    ]);
    assert.deepEqual(sortRows(n.rows, n.columns, { key: 'name', dir: 'asc' }, null).map((r) => r.name), ['worker9', 'worker10']);
  });
  test('the victim is pinned first, whatever the sort', () => {
    for (const dir of ['asc', 'desc'] as const) for (const key of ['pid', 'rss', 'name']) assert.equal(sortRows(m.rows, m.columns, { key, dir }, 3)[0]!.pid, 3, `${key} ${dir}`);
    assert.deepEqual(pids(sortRows(m.rows, m.columns, null, 42)), [42, 100, 20, 3, 1000]);
  });
  test('an unknown sort key keeps the printed order', () => {
    assert.deepEqual(pids(sortRows(m.rows, m.columns, { key: 'nope', dir: 'asc' }, null)), [100, 20, 3, 1000, 42]);
  });
  test('nextSort: numbers start descending, text ascending, a second click flips', () => {
    assert.deepEqual(nextSort(null, col('rss', 'int')), { key: 'rss', dir: 'desc' });
    assert.deepEqual(nextSort(null, col('name', 'text')), { key: 'name', dir: 'asc' });
    assert.deepEqual(nextSort({ key: 'rss', dir: 'desc' }, col('rss', 'int')), { key: 'rss', dir: 'asc' });
    assert.deepEqual(nextSort({ key: 'rss', dir: 'desc' }, col('pid', 'int')), { key: 'pid', dir: 'desc' });
  });
});

describe('filterRows', () => {
  test('a word matches the name (any case), the start of a pid, or a uid', () => {
    assert.deepEqual(pids(filterRows(m.rows, 'JAVA')), [20]);
    assert.deepEqual(pids(filterRows(m.rows, '10')), [100, 1000]);
    assert.deepEqual(pids(filterRows(m.rows, '999')), [42]);
    assert.deepEqual(pids(filterRows(m.rows, '')), pids(m.rows));
    assert.deepEqual(pids(filterRows(m.rows, '   ')), pids(m.rows));
  });
  test('pid:, uid: and name: match one field exactly (pid, uid) or by substring (name)', () => {
    assert.deepEqual(pids(filterRows(m.rows, 'pid:100')), [100]);
    assert.deepEqual(pids(filterRows(m.rows, 'uid:0')), [100, 1000]);
    assert.deepEqual(pids(filterRows(m.rows, 'name:a')), [100, 20, 3, 1000, 42]);
    assert.deepEqual(pids(filterRows(m.rows, 'name:"v2"')), [42]);
    assert.deepEqual(pids(filterRows(m.rows, 'uid:')), pids(m.rows), 'an empty field word is ignored');
  });
  test('all words must match', () => {
    assert.deepEqual(pids(filterRows(m.rows, 'uid:0 apache')), [1000]);
    assert.deepEqual(pids(filterRows(m.rows, 'uid:0 java')), []);
  });
  test('parseFilter', () => {
    assert.deepEqual(parseFilter(' PID:7  Foo '), [
      { field: 'pid', value: '7' },
      { field: 'any', value: 'foo' },
    ]);
  });
});

describe('cells and totals', () => {
  test('formatCell', () => {
    assert.equal(formatCell(null, col('x', 'int')), '–');
    assert.equal(formatCell(12.345, col('x', 'mib')), '12.3');
    assert.equal(formatCell(-1000, col('x', 'int')), '-1000');
    assert.equal(formatCell('<b>', col('x', 'text')), '<b>');
  });
  test('totals sum the summable columns of the given rows only', () => {
    assert.deepEqual(totalsOf(m.rows, m.columns), [null, null, 234, null]);
    assert.deepEqual(totalsOf(filterRows(m.rows, 'uid:0'), m.columns), [null, null, 34, null]);
  });
  test('on screen: pid, then the name, then the rest as printed', () => {
    const cols = [col('pid', 'int'), col('uid', 'int'), col('rss', 'int'), col('name', 'text'), col('rss_mib', 'mib')];
    assert.deepEqual(displayOrder(cols), [0, 3, 1, 2, 4]);
    assert.deepEqual(displayOrder([col('uid', 'int'), col('name', 'text')]), [1, 0]);
    assert.deepEqual(displayOrder([col('pid', 'int')]), [0]);
  });
  test('column widths cover the widest cell; wide characters count two', () => {
    assert.equal(textWidth('进程'), 4);
    const w = columnWidths(m.columns, m.rows);
    assert.ok(w[0]! >= 5 && w[3]! >= 'node (api) "v2"'.length);
  });
});

describe('Markdown export', () => {
  test('cells are escaped: pipes, backticks, emphasis, brackets and HTML', () => {
    assert.equal(escapeMarkdownCell('a|b'), 'a\\|b');
    assert.equal(escapeMarkdownCell('`rm -rf`'), '\\`rm -rf\\`');
    assert.equal(escapeMarkdownCell('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(escapeMarkdownCell('*_[x](y)~\\'), '\\*\\_\\[x\\](y)\\~\\\\');
    assert.equal(escapeMarkdownCell('a&lt;b'), 'a&amp;lt;b');
    assert.equal(escapeMarkdownCell('two\nlines\r\nhere'), 'two lines here');
  });
  test('the table: header, alignment, victim marked, totals; hostile names stay in their cell', () => {
    const h = smallModel(
      [
        [1, 0, 10, 'a|b`c'],
        [2, 0, 20, '<script>x</script>'],
      ],
      2,
    );
    const md = toMarkdown(h, sortRows(h.rows, h.columns, null, 2), LABELS);
    const lines = md.trimEnd().split('\n');
    assert.equal(lines[2], '| pid | uid | rss | name |');
    assert.equal(lines[3], '| ---: | ---: | ---: | :--- |');
    assert.equal(lines[4], '| 2 | 0 | 20 | **&lt;script&gt;x&lt;/script&gt;** ← killed |');
    assert.equal(lines[5], '| 1 | 0 | 10 | a\\|b\\`c |');
    assert.equal(lines[6], '| **Total** |  | 30 |  |');
    // Every row has exactly the header's number of unescaped pipes.
    for (const l of lines.slice(2)) assert.equal(l.replace(/\\\|/g, '').split('|').length, 6, l);
    assert.ok(!/<script/.test(md));
  });
});

describe('CSV export', () => {
  test('text that a spreadsheet would run as a formula is neutralised', () => {
    for (const s of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', '  =HYPERLINK("x")', '＝1']) assert.ok(csvCell(s).replace(/^"/, '').startsWith("'"), s);
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('@x,y'), `"'@x,y"`);
  });
  test('numbers stay numbers, negative ones too; quoting per RFC 4180', () => {
    assert.equal(csvCell(-1000), '-1000');
    assert.equal(csvCell(12.5), '12.5');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('bash'), 'bash');
  });
  test('the file: header, rows, the killed flag, CRLF', () => {
    const h = smallModel(
      [
        [1, 0, 10, '=cmd|x'],
        [2, null, null, 'b'],
      ],
      1,
    );
    assert.equal(toCsv(h, h.rows, LABELS), `pid,uid,rss,name,killed\r\n1,0,10,'=cmd|x,1\r\n2,,,b,\r\n`);
  });
});

describe('virtualWindow', () => {
  test('the visible rows plus the overscan, and spacers for the rest', () => {
    assert.deepEqual(virtualWindow(0, 220, 22, 5000, 5), { start: 0, end: 15, padTop: 0, padBottom: 4985 * 22 });
    assert.deepEqual(virtualWindow(2200, 220, 22, 5000, 5), { start: 95, end: 115, padTop: 95 * 22, padBottom: 4885 * 22 });
  });
  test('the end of the list, and past it (after a filter shrank it)', () => {
    const w = virtualWindow(22 * 4990, 220, 22, 5000, 5);
    assert.equal(w.end, 5000);
    assert.equal(w.padBottom, 0);
    const p = virtualWindow(1e6, 220, 22, 10, 5);
    assert.ok(p.start <= p.end && p.end === 10 && p.padBottom === 0);
  });
  test('empty lists and odd inputs', () => {
    assert.deepEqual(virtualWindow(0, 500, 22, 0), { start: 0, end: 0, padTop: 0, padBottom: 0 });
    const w = virtualWindow(NaN, -5, 0, 3);
    assert.ok(w.start === 0 && w.end <= 3);
  });
  test('rendered + spacers always add up to the whole list', () => {
    for (const top of [0, 13, 500, 10_000, 109_999]) {
      const w = virtualWindow(top, 400, 22, 5000);
      assert.equal(w.padTop + (w.end - w.start) * 22 + w.padBottom, 5000 * 22);
      assert.ok(w.end - w.start <= Math.ceil(400 / 22) + 1 + 16);
    }
  });
});

describe('with a real report', () => {
  test('4.19 global OOM: the victim first, numeric sort on rss', () => {
    const { models } = fixtureModels('oom-4.19-global-rfc3339.log');
    const mm = models[0]!;
    const sorted = sortRows(mm.rows, mm.columns, { key: 'rss', dir: 'desc' }, mm.victimPid);
    assert.equal(sorted[0]!.pid, mm.victimPid);
    const ri = mm.columns.findIndex((c) => c.key === 'rss');
    const rest = sorted.slice(1).map((r) => r.cells[ri] as number);
    assert.deepEqual(rest, [...rest].sort((a, b) => b - a));
  });
});
