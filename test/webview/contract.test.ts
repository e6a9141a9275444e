/** The webview contract: validators both ways, the model built from real reports, the request, the page's CSP. */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { contentSecurityPolicy, newNonce, webviewHtml } from '../../client/src/taskTable/html.js';
import { analyze } from '../../server/src/core/analyze.js';
import { eventsForPicker, tasksTableModel, tasksTableResult, uiLabels } from '../../server/src/features/taskTable.js';
import {
  isHostMessage,
  isPanelState,
  isTasksTableModel,
  isTasksTableParams,
  isTasksTableResult,
  isWebviewMessage,
  LABEL_KEYS,
  MAX_EXPORT_CHARS,
  type TasksTableModel,
} from '../../server/src/webviewProtocol.js';
import { fixture, FIXTURES } from '../helpers.js';
import { fixtureModels, LABELS } from './helpers.js';

const clone = <T>(x: T): T => structuredClone(x);

describe('webview → extension messages', () => {
  test('good messages pass', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'reveal', line: 0 },
      { type: 'reveal', line: 12345 },
      { type: 'pick', index: 3 },
      { type: 'copyMarkdown', text: '| a |', rows: 1 },
      { type: 'saveCsv', text: 'pid\r\n', rows: 0 },
    ])
      assert.ok(isWebviewMessage(m), JSON.stringify(m));
  });
  test('malformed ones are rejected', () => {
    for (const m of [
      null,
      undefined,
      42,
      'reveal',
      [],
      {},
      { type: 'nope' },
      { type: 'reveal' },
      { type: 'reveal', line: -1 },
      { type: 'reveal', line: 1.5 },
      { type: 'reveal', line: '3' },
      { type: 'reveal', line: Number.NaN },
      { type: 'reveal', line: Infinity },
      { type: 'reveal', line: 2 ** 60 },
      { type: 'reveal', line: 3, command: 'workbench.action.terminal.new' },
      { type: 'pick', index: -2 },
      { type: 'pick', index: null },
      { type: 'copyMarkdown', text: 5, rows: 1 },
      { type: 'copyMarkdown', text: 'x' },
      { type: 'saveCsv', text: 'x'.repeat(MAX_EXPORT_CHARS + 1), rows: 1 },
      { type: 'saveCsv', text: 'x', rows: -1, path: '/etc/passwd' },
      { type: 'ready', extra: true },
      Object.assign(Object.create({ type: 'ready' }) as object),
    ])
      assert.ok(!isWebviewMessage(m), JSON.stringify(m));
  });
  test('panel state (what the serializer gets back) is checked too', () => {
    assert.ok(isPanelState({ uri: 'file:///var/log/kern.log', index: 2, sort: { key: 'rss', dir: 'desc' }, filter: 'java', scrollTop: 10 }));
    assert.ok(isPanelState({ uri: 'file:///x', index: null, sort: null, filter: '', scrollTop: 0 }));
    assert.ok(!isPanelState({ uri: 'file:///x', index: -1, sort: null, filter: '', scrollTop: 0 }));
    assert.ok(!isPanelState({ uri: 'file:///x', index: 0, sort: { key: 'rss', dir: 'sideways' }, filter: '', scrollTop: 0 }));
    assert.ok(!isPanelState({ uri: 7, index: 0, sort: null, filter: '', scrollTop: 0 }));
    assert.ok(!isPanelState(null));
  });
  test('request params', () => {
    assert.ok(isTasksTableParams({ uri: 'file:///a' }));
    assert.ok(isTasksTableParams({ uri: 'file:///a', line: 3, index: 0 }));
    assert.ok(!isTasksTableParams({ uri: 'file:///a', line: -3 }));
    assert.ok(!isTasksTableParams({ line: 3 }));
    assert.ok(!isTasksTableParams({ uri: 'file:///a', other: 1 }));
  });
});

describe('extension → webview messages', () => {
  const { models } = fixtureModels('oom-6.1-memcg-v2-cut-stats-dmesgT-fr.log');
  const model = models[0]!;
  test('good messages pass', () => {
    assert.ok(isHostMessage({ type: 'model', model }));
    assert.ok(isHostMessage({ type: 'model', model: null }));
    assert.ok(isHostMessage({ type: 'events', uri: 'file:///x', fileName: 'x', events: [], selected: null, labels: LABELS }));
    assert.ok(isHostMessage({ type: 'theme', kind: 'high-contrast' }));
    assert.ok(isHostMessage({ type: 'status', level: 'info', text: 'ok' }));
  });
  test('a model survives JSON (postMessage) unchanged', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
  });
  test('malformed models and messages are rejected', () => {
    const bad: [string, (m: TasksTableModel) => void][] = [
      ['cell of the wrong type', (m) => ((m.rows[0]!.cells as unknown[])[0] = { toString: 1 })],
      ['a row with a missing cell', (m) => m.rows[0]!.cells.pop()],
      ['a line that is not a whole number', (m) => (m.rows[0]!.line = 1.5)],
      ['a name that is not a string', (m) => ((m.rows[0] as unknown as { name: number }).name = 3)],
      ['an unknown column type', (m) => ((m.columns[0] as unknown as { type: string }).type = 'html')],
      ['a NaN total', (m) => (m.totals.rss = Number.NaN)],
      ['a zone state we do not know', (m) => (m.memory.zones = [{ name: 'x', freeKb: 1, minKb: 1, lowKb: 1, highKb: 1, managedKb: 1, state: 'on-fire' as 'ok' }])],
      ['evidence that is not text', (m) => ((m.verdict!.evidence as unknown[]) = [{}])],
      ['no memory picture', (m) => ((m as unknown as { memory: unknown }).memory = null)],
    ];
    for (const [what, f] of bad) {
      const m = clone(model);
      f(m);
      assert.ok(!isTasksTableModel(m), what);
      assert.ok(!isHostMessage({ type: 'model', model: m }), what);
    }
    assert.ok(!isHostMessage({ type: 'theme', kind: 'neon' }));
    assert.ok(!isHostMessage({ type: 'events', uri: 'file:///x', fileName: 'x', events: [], selected: null, labels: { ...LABELS, title: 3 } }));
    assert.ok(!isHostMessage({ type: 'eval', code: 'alert(1)' }));
  });
});

describe('the model, from real reports', () => {
  const logs = readdirSync(FIXTURES).filter((f) => f.endsWith('.log'));
  test('every OOM event of every fixture gives a valid model, in both languages', () => {
    let n = 0;
    for (const f of logs)
      for (const lang of ['en', 'zh-cn'] as const) {
        const { models, lines } = fixtureModels(f, lang);
        for (const m of models) {
          assert.ok(isTasksTableModel(m), `${f} #${m.event.index}`);
          for (const r of m.rows) assert.ok(r.line >= m.event.startLine && r.line <= m.event.endLine && r.line < lines, `${f} row line`);
          n++;
        }
      }
    assert.ok(n > 40, `${n} models`);
  });
  test('4.19 global OOM: columns as printed plus derived ones, page size, victim, zones, verdict', () => {
    const { models, events } = fixtureModels('oom-4.19-global-rfc3339.log');
    const m = models[0]!;
    const ev = events[0]!;
    assert.deepEqual(
      m.columns.map((c) => c.key),
      [...ev.taskColumns!, 'rss_mib', 'swap_mib', 'pgtables_mib', 'share', 'badness'],
    );
    assert.ok(m.columns.filter((c) => c.derived).every((c) => c.label !== c.key && c.title.length > 0));
    assert.equal(m.columns.find((c) => c.key === 'badness')!.label, 'badness (estimate)');
    assert.equal(m.rows.length, ev.tasks!.length);
    assert.equal(m.victimPid, ev.killed!.pid);
    assert.deepEqual(m.pageSize, { kb: 4, source: 'buddy-list', text: '4 KiB (from the buddy lists)' });
    assert.equal(m.shareOf?.basis, 'ram');
    // Numbers are numbers, the name a string; MiB = pages × 4 KiB.
    const rss = m.columns.findIndex((c) => c.key === 'rss');
    const rssMib = m.columns.findIndex((c) => c.key === 'rss_mib');
    const name = m.columns.findIndex((c) => c.key === 'name');
    for (const r of m.rows) {
      assert.equal(typeof r.cells[rss], 'number');
      assert.equal(typeof r.cells[name], 'string');
      assert.ok(Math.abs((r.cells[rssMib] as number) - ((r.cells[rss] as number) * 4) / 1024) < 0.001);
    }
    assert.equal(m.totals.rss, ev.tasks!.reduce((a, r) => a + (r.rss ?? 0), 0));
    assert.equal(m.memory.scope, 'global');
    assert.deepEqual(
      m.memory.zones.map((z) => [z.name, z.state]),
      [
        ['Node 0 DMA', 'ok'],
        ['Node 0 DMA32', 'ok'],
        ['Node 0 Normal', 'below-min'],
      ],
    );
    assert.deepEqual(m.memory.swap, { totalKb: 2097148, freeKb: 1484 });
    assert.equal(m.verdict?.kind, 'exhausted');
    assert.ok(m.verdict!.evidence.some((e) => e.includes('min watermark')));
    assert.equal(m.event.host, 'db-prod-03');
  });
  test('6.1 memcg v2: gauges, the memory.stat breakdown in KiB, cut by the kernel', () => {
    const { models } = fixtureModels('oom-6.1-memcg-v2-cut-stats-dmesgT-fr.log');
    const m = models[0]!;
    assert.equal(m.memory.scope, 'memcg');
    const g = m.memory.memcg!.gauges[0]!;
    assert.deepEqual([g.label, g.usedKb, g.limitKb, g.failcnt], ['memory', 16777216, 16777216, 40211]);
    const st = m.memory.stats!;
    assert.equal(st.truncated, true);
    assert.deepEqual(
      st.parts.slice(0, 6).map((p) => p.key),
      ['anon', 'file', 'shmem', 'kernel', 'slab', 'sock'],
    );
    assert.equal(st.parts[0]!.kb, 16281968640 / 1024);
    assert.ok(st.all.some((a) => a.key === 'pgscan' && a.unit === 'count'));
    assert.equal(m.shareOf?.basis, 'memcg-limit');
    assert.equal(m.verdict?.kind, 'memcg-limit');
  });
  test('4.14 memcg v1: nr_ptes + nr_pmds page tables, v1 stat names, memory+swap gauge', () => {
    const { models } = fixtureModels('oom-4.14-memcg-v1-pagefault-imjournal.log');
    const m = models[0]!;
    assert.ok(m.columns.some((c) => c.key === 'nr_pmds'));
    assert.deepEqual(
      m.memory.stats!.parts.map((p) => p.key),
      ['rss', 'cache', 'shmem', 'swap'],
    );
    assert.ok(m.memory.memcg!.gauges.some((x) => x.label === 'memory + swap' && x.limitKb === 2097152));
  });
  test('arm64 64K pages: MiB use the inferred page size', () => {
    const { models } = fixtureModels('oom-6.6-arm64-64k-dmesgT-zh.log');
    const m = models[0]!;
    assert.equal(m.pageSize?.kb, 64);
    const rss = m.columns.findIndex((c) => c.key === 'rss');
    const rssMib = m.columns.findIndex((c) => c.key === 'rss_mib');
    const r = m.rows[0]!;
    assert.ok(Math.abs((r.cells[rssMib] as number) - ((r.cells[rss] as number) * 64) / 1024) < 0.001);
  });
  test('3.4 table: its cpu and oom_adj columns, no swap column (none printed), no badness (older rule)', () => {
    const { models } = fixtureModels('oom-3.4-oom_adj-dmesg-r.log');
    const keys = models[0]!.columns.map((c) => c.key);
    assert.ok(keys.includes('cpu') && keys.includes('oom_adj'));
    assert.ok(!keys.includes('swap_mib') && !keys.includes('badness'));
    assert.equal(models[0]!.badness, null);
  });
  test('zh-CN: derived headers, verdict and evidence are translated; printed names are not', () => {
    const { models } = fixtureModels('oom-4.19-global-rfc3339.log', 'zh-cn');
    const m = models[0]!;
    assert.equal(m.columns.find((c) => c.key === 'rss')!.label, 'rss');
    assert.equal(m.columns.find((c) => c.key === 'badness')!.label, 'OOM 评分（估算）');
    assert.equal(m.verdict!.text, '内存耗尽');
    assert.ok(m.pageSize!.text.includes('KiB'));
  });
  test('UI labels: every key, translated in zh-CN', () => {
    const en = uiLabels('en');
    const zh = uiLabels('zh-cn');
    assert.deepEqual(Object.keys(en).sort(), [...LABEL_KEYS].sort());
    for (const k of LABEL_KEYS) assert.notEqual(zh[k], en[k], k);
  });
});

describe('kernelTriage/tasksTable', () => {
  const a = analyze(fixture('oom-4.19-memcg-storm-ratelimited-dmesg.log'));
  const events = eventsForPicker(a);
  test('the picker lists every OOM event of the file', () => {
    assert.equal(events.length, a.events.filter((e) => e.kind === 'oom').length);
    assert.ok(events.every((e) => a.events[e.index]!.kind === 'oom'));
    assert.equal(events[0]!.victim?.comm, 'php-fpm7.3');
    assert.ok(events[0]!.memcg?.startsWith('/docker/'));
  });
  test('by index, by line (inside an event, or the last one before it), else the first', () => {
    const third = events[2]!;
    assert.equal(tasksTableResult(a, { uri: 'u', index: third.index }, 'en').selected, third.index);
    assert.equal(tasksTableResult(a, { uri: 'u', line: third.startLine + 2 }, 'en').selected, third.index);
    assert.equal(tasksTableResult(a, { uri: 'u', line: events[1]!.startLine - 1 }, 'en').selected, events[0]!.index);
    assert.equal(tasksTableResult(a, { uri: 'u' }, 'en').selected, events[0]!.index);
    assert.equal(tasksTableResult(a, { uri: 'u', index: 99999, line: third.startLine }, 'en').selected, third.index);
    const r = tasksTableResult(a, { uri: 'u', index: third.index }, 'en');
    assert.equal(r.model?.event.index, third.index);
    assert.ok(isTasksTableResult(r));
  });
  test('no OOM event, or no analysis: no model, labels still there', () => {
    for (const r of [tasksTableResult(analyze('hello\nworld\n'), { uri: 'u' }, 'zh-cn'), tasksTableResult(null, { uri: 'u' }, 'en')]) {
      assert.deepEqual([r.events, r.selected, r.model], [[], null, null]);
      assert.ok(isTasksTableResult(r));
    }
  });
  test('the model of an event rebuilt directly matches the request', () => {
    const ev = a.events[events[0]!.index]!;
    assert.equal(ev.kind, 'oom');
    assert.deepEqual(tasksTableResult(a, { uri: 'u' }, 'en').model, tasksTableModel(ev as never, 'en', events[0]!.index));
  });
});

describe('the webview page', () => {
  test('static HTML with a strict CSP and a fresh nonce', () => {
    const n1 = newNonce();
    const n2 = newNonce();
    assert.notEqual(n1, n2);
    assert.match(n1, /^[A-Za-z0-9+/]{22}==$/);
    const csp = contentSecurityPolicy('https://x.vscode-cdn.net', n1);
    assert.match(csp, /^default-src 'none';/);
    assert.ok(csp.includes(`script-src 'nonce-${n1}'`));
    assert.ok(csp.includes(`style-src https://x.vscode-cdn.net 'nonce-${n1}'`));
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp));
    const html = webviewHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: n1, scriptUri: 'https://x/a.js', styleUri: 'https://x/a.css', title: 'T"<' });
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes(`<script nonce="${n1}" src="https://x/a.js"></script>`));
    assert.ok(html.includes('<title>T&quot;&lt;</title>'));
    assert.ok(!/\son\w+=/.test(html) && !/style=/.test(html));
  });
});
