/**
 * The tasks-table webview in headless Chromium: the real bundle (esbuild) and the real page
 * (client/src/taskTable/html.ts, same CSP with a fresh nonce) served from 127.0.0.1, with a stub
 * acquireVsCodeApi that records what the webview posts. Models come from the fixtures.
 *
 * Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`): without it these
 * tests fail under CI=… and are skipped otherwise. Screenshots go to test-output/webview/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { newNonce, webviewHtml } from '../../client/src/taskTable/html.js';
import { analyze } from '../../server/src/core/analyze.js';
import { eventsForPicker } from '../../server/src/features/taskTable.js';
import type { HostMessage, PanelState, TasksTableModel, UiLabels } from '../../server/src/webviewProtocol.js';
import { fixture, ROOT } from '../helpers.js';
import { bigModel, fixtureModels, LABELS } from './helpers.js';
import { decodePng, THEMES, type Theme } from './themes.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const OUT = join(ROOT, 'test-output', 'webview');
const SKIP = !HAVE_CHROMIUM && !process.env.CI ? `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the webview browser tests` : false;
if (SKIP) console.log(`# skipping the webview browser tests: ${SKIP}`);

/* eslint-disable @typescript-eslint/no-explicit-any -- page-side code: the test's tsconfig has no DOM types */
type Win = any;

/** Runs in the page before any of its scripts: the VS Code API stub and the CSP-violation recorder. */
function initPage(state: unknown): void {
  const w = globalThis as Win;
  w.__posted = [];
  w.__violations = [];
  w.__state = state ?? undefined;
  w.document.addEventListener('securitypolicyviolation', (e: Win) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  w.acquireVsCodeApi = () => ({
    postMessage: (m: unknown) => w.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => w.__state,
    setState: (s: unknown) => {
      w.__state = s;
    },
  });
}

function messages(uri: string, events: ReturnType<typeof eventsForPicker>, model: TasksTableModel | null, labels: UiLabels = LABELS): HostMessage[] {
  return [
    { type: 'events', uri, fileName: uri.split('/').pop()!, events, selected: model?.event.index ?? null, labels },
    { type: 'model', model },
  ];
}

function fixtureMessages(name: string, which = 0): { msgs: HostMessage[]; model: TasksTableModel } {
  const a = analyze(fixture(name));
  const { models } = fixtureModels(name);
  const model = models[which]!;
  return { msgs: messages(`file:///logs/${name}`, eventsForPicker(a), model), model };
}

const HOSTILE = ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', '"><svg onload=alert(3)>', '<iframe src="javascript:alert(4)"></iframe>'];

describe('tasks-table webview in Chromium', { skip: SKIP, timeout: 300_000 }, () => {
  let dir = '';
  let server: Server;
  let origin = '';
  let context: BrowserContext;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  const timings: Record<string, number> = {};

  before(async () => {
    assert.ok(HAVE_CHROMIUM, `${CHROMIUM} is missing: CI must install it (apt-get install -y chromium)`);
    dir = mkdtempSync(join(tmpdir(), 'kt-webview-'));
    await build({ entryPoints: [join(ROOT, 'media/taskTable/main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022', minify: true, outfile: join(dir, 'out', 'taskTable.js'), logLevel: 'warning' });
    const files: Record<string, [string, string]> = {
      '/taskTable.js': [join(dir, 'out', 'taskTable.js'), 'text/javascript'],
      '/taskTable.css': [join(dir, 'out', 'taskTable.css'), 'text/css'],
    };
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/') {
        const html = webviewHtml({ cspSource: origin, nonce: newNonce(), scriptUri: `${origin}/taskTable.js`, styleUri: `${origin}/taskTable.css`, title: 'Tasks table' });
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      } else if (req.url && files[req.url]) {
        res.writeHead(200, { 'content-type': files[req.url]![1] }).end(readFileSync(files[req.url]![0]));
      } else if (req.url === '/favicon.ico') res.writeHead(204).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const addr = server.address();
    origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 900 },
    });
    mkdirSync(OUT, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (Object.keys(timings).length) {
      writeFileSync(join(OUT, 'timings.json'), JSON.stringify(timings, null, 2) + '\n');
      console.log(`# webview timings (ms, 5,000 rows): ${JSON.stringify(timings)}`);
    }
  });

  async function open(state: PanelState | null = null, theme: Theme = THEMES[1]!): Promise<Page> {
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => {
      if (!r.url().startsWith(origin)) requests.push(`FOREIGN ${r.url()}`);
    });
    // tsx compiles this file with esbuild's keepNames: functions sent to the page call __name().
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.addInitScript(initPage, state);
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => (globalThis as Win).__posted.some((m: Win) => m.type === 'ready'));
    await page.evaluate((t: Theme) => {
      const d = (globalThis as Win).document;
      for (const [k, v] of Object.entries(t.vars)) d.documentElement.style.setProperty(k, v);
      d.body.className = t.bodyClass;
      d.body.dataset.vscodeThemeKind = t.bodyClass;
    }, theme);
    return page;
  }

  /** Dispatch messages as VS Code does (window message events); returns the time to rendered layout, ms. */
  async function feed(page: Page, msgs: unknown[]): Promise<number> {
    return page.evaluate((ms: unknown[]) => {
      const w = globalThis as Win;
      const t0 = w.performance.now();
      for (const m of ms) w.dispatchEvent(new w.MessageEvent('message', { data: m }));
      w.document.body.getBoundingClientRect();
      void w.document.getElementById('tasks')?.offsetHeight;
      return w.performance.now() - t0;
    }, msgs);
  }

  const posted = (page: Page): Promise<Win[]> => page.evaluate(() => (globalThis as Win).__posted);

  /** The rendered rows: pid, the cell of `key`, the classes. */
  function rendered(page: Page, key: string): Promise<{ pid: number; cell: string; cls: string }[]> {
    return page.evaluate((k: string) => {
      const d = (globalThis as Win).document;
      const ths = [...d.querySelectorAll('#tasks thead th')];
      const ci = ths.findIndex((th: Win) => th.dataset.key === k);
      const pi = ths.findIndex((th: Win) => th.dataset.key === 'pid');
      return [...d.querySelectorAll('#tasks tbody tr.row')].map((tr: Win) => ({ pid: Number(tr.children[pi].textContent), cell: tr.children[ci].textContent, cls: tr.className }));
    }, key);
  }

  test('loads under the CSP, says ready, renders a fixture with the victim first and highlighted', async () => {
    const page = await open();
    const { msgs, model } = fixtureMessages('oom-4.19-global-rfc3339.log');
    await feed(page, msgs);
    const rows = await rendered(page, 'name');
    assert.equal(rows.length, model.rows.length);
    assert.equal(rows[0]!.pid, model.victimPid);
    assert.match(rows[0]!.cls, /\bvictim\b/);
    assert.equal(rows.filter((r) => /victim/.test(r.cls)).length, 1);
    const bg = await page.evaluate(() => {
      const w = globalThis as Win;
      return w.getComputedStyle(w.document.querySelector('#tasks tr.victim td')).backgroundColor;
    });
    assert.equal(bg, 'rgb(90, 29, 29)', 'dark theme inputValidation-errorBackground');
    const text = await page.evaluate(() => (globalThis as Win).document.body.innerText as string);
    assert.ok(text.includes(`21 of 21 tasks`));
    assert.ok(text.includes('memory was exhausted'));
    assert.ok(text.includes('Node 0 Normal'));
    assert.ok(text.includes('4 KiB (from the buddy lists)'));
    assert.deepEqual(await page.evaluate(() => (globalThis as Win).__violations), []);
    await page.close();
  });

  test('sorting by a column: numeric, both ways, victim stays first, aria-sort', async () => {
    const page = await open();
    const { msgs, model } = fixtureMessages('oom-4.19-global-rfc3339.log');
    await feed(page, msgs);
    await page.click('#tasks th[data-key="rss"] button');
    let rows = await rendered(page, 'rss');
    assert.equal(rows[0]!.pid, model.victimPid);
    let v = rows.slice(1).map((r) => Number(r.cell));
    assert.deepEqual(v, [...v].sort((a, b) => b - a));
    assert.equal(await page.getAttribute('#tasks th[data-key="rss"]', 'aria-sort'), 'descending');
    await page.click('#tasks th[data-key="rss"] button');
    rows = await rendered(page, 'rss');
    v = rows.slice(1).map((r) => Number(r.cell));
    assert.deepEqual(v, [...v].sort((a, b) => a - b));
    assert.equal(await page.getAttribute('#tasks th[data-key="rss"]', 'aria-sort'), 'ascending');
    // Keyboard: the header buttons are buttons.
    await page.focus('#tasks th[data-key="name"] button');
    await page.keyboard.press('Enter');
    rows = await rendered(page, 'name');
    const names = rows.slice(1).map((r) => r.cell.toLowerCase());
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    await page.close();
  });

  test('filtering by name, pid and uid; the count and the totals follow', async () => {
    const page = await open();
    const { msgs, model } = fixtureMessages('oom-4.19-global-rfc3339.log');
    await feed(page, msgs);
    await page.locator('#filter input').fill('mysql');
    let rows = await rendered(page, 'name');
    assert.ok(rows.length >= 1 && rows.every((r) => /mysql/i.test(r.cell)));
    assert.ok((await page.textContent('#count'))!.startsWith(`${rows.length} of ${model.rows.length}`));
    const victim = model.rows.find((r) => r.pid === model.victimPid)!;
    await page.locator('#filter input').fill(`pid:${victim.pid}`);
    rows = await rendered(page, 'name');
    assert.deepEqual(rows.map((r) => r.pid), [victim.pid]);
    const rssIdx = model.columns.findIndex((c) => c.key === 'rss');
    const total = await page.evaluate(() => {
      const d = (globalThis as Win).document;
      const pos = [...d.querySelectorAll('#tasks thead th')].findIndex((th: Win) => th.dataset.key === 'rss');
      return d.querySelector('#tasks tfoot tr').children[pos].textContent;
    });
    assert.equal(total, String(victim.cells[rssIdx]));
    await page.locator('#filter input').fill('uid:0');
    rows = await rendered(page, 'uid');
    assert.ok(rows.length > 0 && rows.every((r) => r.cell === '0'));
    await page.locator('#filter input').press('Escape');
    assert.equal((await rendered(page, 'name')).length, model.rows.length);
    await page.close();
  });

  test('click and keyboard reveal lines; export posts Markdown and CSV of what is shown', async () => {
    const page = await open();
    const { msgs, model } = fixtureMessages('oom-6.6-odd-comms-noprefix.log');
    await feed(page, msgs);
    await page.click('#tasks tbody tr.row >> nth=2');
    const view = await rendered(page, 'name');
    const line = (pid: number): number => model.rows.find((r) => r.pid === pid)!.line;
    let p = await posted(page);
    assert.deepEqual(p.at(-1), { type: 'reveal', line: line(view[2]!.pid) });
    await page.focus('#tasks');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    p = await posted(page);
    assert.deepEqual(p.at(-1), { type: 'reveal', line: line(view[1]!.pid) });
    assert.equal(await page.getAttribute('#tasks', 'aria-activedescendant'), 'row-1');

    await page.locator('#filter input').fill('python');
    await page.click('#copy');
    p = await posted(page);
    const md = p.at(-1);
    assert.equal(md.type, 'copyMarkdown');
    const shown = (await rendered(page, 'name')).length;
    assert.equal(md.rows, shown);
    assert.ok(md.text.includes('| pid | uid | tgid |'));
    assert.ok(md.text.includes('← killed'));
    await page.click('#csv');
    p = await posted(page);
    const csv = p.at(-1);
    assert.equal(csv.type, 'saveCsv');
    assert.equal(csv.text.trimEnd().split('\r\n').length, shown + 1);
    assert.ok(csv.text.startsWith('pid,uid,tgid,'));
    await page.close();
  });

  test('the picker lists every OOM event and posts the one picked', async () => {
    const page = await open();
    const { msgs } = fixtureMessages('oom-4.19-memcg-storm-ratelimited-dmesg.log');
    const events = (msgs[0] as Extract<HostMessage, { type: 'events' }>).events;
    await feed(page, msgs);
    assert.equal(await page.locator('#picker vscode-option').count(), events.length);
    await page.evaluate((i: number) => {
      const s = (globalThis as Win).document.getElementById('picker');
      s.value = String(i);
      s.dispatchEvent(new (globalThis as Win).Event('change'));
    }, events[3]!.index);
    const p = await posted(page);
    assert.deepEqual(p.at(-1), { type: 'pick', index: events[3]!.index });
    await page.close();
  });

  test('an event without a tasks table, and a file without OOM events, say so', async () => {
    const page = await open();
    const { msgs } = fixtureMessages('sample-kern.log', 0);
    await feed(page, msgs);
    assert.equal(await page.textContent('#message'), LABELS.noTasks);
    assert.equal(await page.isHidden('#scroller'), true);
    assert.equal(await page.evaluate(() => (globalThis as Win).document.getElementById('copy').disabled), true, 'nothing to export');
    await feed(page, messages('file:///logs/empty.log', [], null));
    assert.equal(await page.textContent('#message'), LABELS.noEvents);
    assert.equal(await page.isHidden('#memory'), true);
    await page.close();
  });

  test('state survives a reload: sort, filter and event come back from setState', async () => {
    const page = await open();
    const { msgs } = fixtureMessages('oom-4.19-global-rfc3339.log');
    await feed(page, msgs);
    await page.click('#tasks th[data-key="rss"] button');
    await page.locator('#filter input').fill('uid:0');
    const state = (await page.evaluate(() => (globalThis as Win).__state)) as PanelState;
    assert.equal(state.filter, 'uid:0');
    assert.deepEqual(state.sort, { key: 'rss', dir: 'desc' });
    await page.close();
    const again = await open(state);
    await feed(again, msgs);
    assert.equal(await again.locator('#filter input').inputValue(), 'uid:0');
    assert.equal(await again.getAttribute('#tasks th[data-key="rss"]', 'aria-sort'), 'descending');
    const rows = await rendered(again, 'uid');
    assert.ok(rows.every((r) => r.cell === '0'));
    await again.close();
  });

  test('log text is text: hostile comm, cgroup path, host and release run nothing', async () => {
    const page = await open();
    const { msgs, model } = fixtureMessages('oom-6.1-memcg-v2-cut-stats-dmesgT-fr.log');
    const [h1, h2, h3, h4] = HOSTILE as [string, string, string, string];
    const m = structuredClone(model);
    const ni = m.columns.findIndex((c) => c.key === 'name');
    m.rows[0]!.name = h1;
    m.rows[0]!.cells[ni] = h1;
    m.rows[1]!.cells[ni] = h2;
    m.rows[1]!.name = h2;
    m.memory.memcg!.path = h1;
    m.memory.stats!.path = h3;
    m.memory.stats!.parts[0]!.key = h4;
    m.event.host = h1;
    m.event.kernel = h4;
    m.event.trigger = { comm: h3, pid: 1, order: 0, gfpMask: h2 };
    m.event.victim = { pid: m.victimPid!, comm: h1 };
    m.verdict!.evidence.push(h2);
    const ev = structuredClone((msgs[0] as Extract<HostMessage, { type: 'events' }>).events);
    ev[0]!.memcg = h1;
    ev[0]!.victim = { pid: 1, comm: h3 };
    ev[0]!.time = h2;
    const countTags = (): Promise<{ light: number; deep: number }> =>
      page.evaluate(() => {
        const d = (globalThis as Win).document;
        const sel = 'img, svg, iframe, object, embed, script:not([src])';
        let deep = 0;
        const walk = (root: Win): void => {
          deep += root.querySelectorAll(sel).length;
          for (const e of root.querySelectorAll('*')) if (e.shadowRoot) walk(e.shadowRoot);
        };
        walk(d);
        return { light: d.querySelectorAll(sel).length, deep };
      });
    // The same page with benign data first: the controls' own icons (an SVG chevron) are the baseline.
    await feed(page, msgs);
    await page.waitForTimeout(200);
    const baseline = await countTags();
    await feed(page, [{ ...msgs[0]!, events: ev, fileName: h1 }, { type: 'model', model: m }]);
    // A malformed model (a cell that is an object) is dropped, not rendered.
    await feed(page, [{ type: 'model', model: { ...m, rows: [{ ...m.rows[0]!, cells: m.rows[0]!.cells.map(() => ({ toString: h1 })) }] } }]);
    await page.waitForTimeout(300);
    const tags = await countTags();
    const r = await page.evaluate(() => {
      const w = globalThis as Win;
      const options = [...w.document.querySelectorAll('#picker vscode-option')].map((o: Win) => o.textContent);
      return {
        text: w.document.body.innerText as string,
        options,
        scripts: w.document.scripts.length,
        violations: w.__violations,
        rows: w.document.querySelectorAll('#tasks tbody tr.row').length,
      };
    });
    assert.equal(tags.light, 0, 'no element made from log text');
    assert.deepEqual(tags, { light: 0, deep: baseline.deep }, 'none in the controls either');
    assert.equal(r.scripts, 1, 'only the page script');
    for (const h of [h1, h2, h3, h4]) assert.ok(r.text.includes(h), `shown as text: ${h}`);
    assert.ok(r.options[0].includes(h1) && r.options[0].includes(h3));
    assert.equal(r.rows, m.rows.length, 'the malformed model was ignored');
    assert.deepEqual(r.violations, [], 'no securitypolicyviolation event');
    assert.deepEqual(dialogs, [], 'no dialog');
    assert.ok(!requests.some((u) => u.startsWith('/x') || u.startsWith('FOREIGN')), requests.join(' '));
    assert.ok(!consoleErrors.some((e) => /Content Security Policy|Refused/i.test(e)), consoleErrors.join('\n'));
    // The exports of hostile rows: escaped Markdown, neutralised CSV.
    await page.click('#copy');
    const md = (await posted(page)).at(-1).text as string;
    assert.ok(md.includes('&lt;img src=x onerror=alert(1)&gt;') && !md.includes('<img'));
    await page.close();
  });

  test('5,000 rows: render, sort and filter time; only the visible rows are in the DOM', async (t) => {
    const page = await open();
    const { model } = fixtureMessages('oom-4.19-global-rfc3339.log');
    const big = bigModel(model, 5000);
    const msgs = messages('file:///logs/big.log', [{ index: 0, startLine: 0, endLine: 5000, time: null, victim: big.event.victim, memcg: null, tasks: 5000 }], { ...big, event: { ...big.event, index: 0 } });
    timings.render = await feed(page, msgs);
    const dom = await page.evaluate(() => (globalThis as Win).document.querySelectorAll('#tasks tbody tr.row').length);
    assert.ok(dom > 10 && dom < 120, `${dom} rows in the DOM`);
    const measure = (fn: string): Promise<number> =>
      page.evaluate((f: string) => {
        const w = globalThis as Win;
        const d = w.document;
        const t0 = w.performance.now();
        if (f === 'sort-rss') d.querySelector('#tasks th[data-key="rss"] button').click();
        else if (f === 'sort-name') d.querySelector('#tasks th[data-key="name"] button').click();
        else {
          const tf = d.getElementById('filter');
          tf.value = f.slice('filter:'.length);
          tf.dispatchEvent(new w.Event('input'));
        }
        d.body.getBoundingClientRect();
        void d.getElementById('tasks').offsetHeight;
        return w.performance.now() - t0;
      }, fn);
    timings.sortNumeric = await measure('sort-rss');
    timings.sortText = await measure('sort-name');
    timings.filter = await measure('filter:java');
    const shown = await page.textContent('#count');
    assert.match(shown!, /^\d+ of 5000 tasks$/);
    timings.filterClear = await measure('filter:');
    // Scroll to the end: the last rows are rendered.
    await page.evaluate(() => {
      const s = (globalThis as Win).document.getElementById('scroller');
      s.scrollTop = s.scrollHeight;
    });
    await page.waitForTimeout(100);
    const last = await page.evaluate(() => {
      const rows = (globalThis as Win).document.querySelectorAll('#tasks tbody tr.row');
      return Number(rows[rows.length - 1].dataset.vi);
    });
    assert.equal(last, 4999);
    t.diagnostic(`5,000 rows: ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(', ')}`);
    // A benchmark figure, not a gate: the target is < 100 ms each; only a generous bound is asserted.
    for (const [k, v] of Object.entries(timings)) assert.ok(v < 1000, `${k} took ${v} ms`);
    await page.close();
  });

  for (const theme of THEMES) {
    test(`screenshot, ${theme.name} theme: native colours, not blank`, async () => {
      const page = await open(null, theme);
      const global = fixtureMessages('oom-4.19-global-rfc3339.log');
      await feed(page, global.msgs);
      await page.click('#tasks th[data-key="rss"] button');
      await page.evaluate(() => (globalThis as Win).document.activeElement?.blur());
      await page.waitForTimeout(150);
      const file = join(OUT, `tasks-table-${theme.name}.png`);
      const png = await page.screenshot({ path: file });
      const img = decodePng(png);
      const bg = img.pixel(img.width - 3, img.height - 3);
      const want = theme.vars['--vscode-editor-background']!;
      const hex = `#${bg.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
      assert.equal(hex, want, `background of the ${theme.name} theme`);
      const colours = new Set<string>();
      let ink = 0;
      let n = 0;
      for (let y = 0; y < img.height; y += 3)
        for (let x = 0; x < img.width; x += 3) {
          const p = img.pixel(x, y);
          colours.add(p.join(','));
          if (Math.abs(p[0] - bg[0]) + Math.abs(p[1] - bg[1]) + Math.abs(p[2] - bg[2]) > 60) ink++;
          n++;
        }
      assert.ok(colours.size > 20, `${colours.size} colours`);
      assert.ok(ink / n > 0.02, `only ${((100 * ink) / n).toFixed(2)}% of the pixels differ from the background`);
      // The memcg picture too, once per theme.
      const memcg = fixtureMessages('oom-6.1-memcg-v2-cut-stats-dmesgT-fr.log');
      await feed(page, memcg.msgs);
      await page.waitForTimeout(150);
      await page.screenshot({ path: join(OUT, `tasks-table-memcg-${theme.name}.png`) });
      await page.close();
    });
  }

  test('no page errors, no console errors, nothing fetched from elsewhere', () => {
    assert.deepEqual(consoleErrors, []);
    assert.deepEqual(
      requests.filter((u) => u.startsWith('FOREIGN')),
      [],
    );
  });
});

