/**
 * The extension's own UI in a real VS Code: the packaged .vsix installed into code-server 4.100.3
 * (VS Code 1.100.3), driven through Debian's headless Chromium with playwright-core, on
 * test/fixtures/sample-kern.log (copied into a temporary workspace as kern.log). Checks:
 *   1. the status bar item (kernelTriage.events) shows the OOM count; clicking it opens a quick
 *      pick of the events, and picking the python3 one moves the cursor to its first line;
 *   2. the code lenses "Show Tasks Table" and "Copy Summary" stand above the first OOM event;
 *   3. "Kernel Triage: Show Tasks Table" from the command palette, with the cursor in the global
 *      OOM report whose victim is python3, opens the webview panel: rows, the victim row first and
 *      highlighted, the verdict and the memory picture (screenshot test-output/e2e/tasks-table.png);
 *   4. "Kernel Triage: Copy Summary" puts Markdown on the clipboard (pasted into a new untitled
 *      editor: it starts with "# Kernel log triage");
 * and that no error notification shows and the extension host log has no kernel-triage errors
 * (then, that the notification check is not blind: "Analyse File on Disk" on the untitled
 * editor's text shows its error, which the same check sees).
 *
 * Needs scripts/setup-code-server.sh to have run: without Chromium or code-server the test is
 * skipped, or fails when CI is set. Every wait is on a condition, with a 60 s limit.
 *   KERNEL_TRIAGE_E2E_KEEP=1   keep the temporary folder (logs, profiles) also on success
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FIXTURES, ROOT } from '../helpers.js';
import {
  CODE_SERVER_VERSION,
  VSIX,
  ensureVsix,
  errorLines,
  errorToasts,
  extensionHostLog,
  frameWith,
  freePort,
  installExtension,
  isCI,
  missingPrerequisites,
  outputChannelLog,
  failureContext,
  pngStats,
  prepareCodeServerDirs,
  startChromium,
  startCodeServer,
  waitFor,
  type Spawned,
} from './codeServer.js';

const OUT = join(ROOT, 'test-output', 'e2e');
const SCREENSHOT = join(OUT, 'tasks-table.png');
const EXTENSION_ID = 'kernel-triage.kernel-triage';
const CHANNEL = 'Kernel Log Triage';
const WAIT_MS = 60_000;

const missing = missingPrerequisites();
const skip = missing.length > 0 && !isCI ? `no real VS Code here: ${missing.join('; ')}` : false;

/** Whitespace as one space (Monaco renders spaces as no-break spaces). */
const squash = (s: string): string => s.replace(/[\s\u00a0]+/g, ' ').trim();

test(`status bar, code lenses, tasks table and summary in a real VS Code (code-server ${CODE_SERVER_VERSION}, headless Chromium)`, { skip, timeout: 10 * 60_000 }, async (t) => {
  if (missing.length > 0) assert.fail(`CI is set and the end-to-end test cannot run: ${missing.join('; ')}`);

  const started = Date.now();
  const step = (what: string): void => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
  const { rebuilt } = ensureVsix();
  step(rebuilt ? 'built dist/kernel-triage.vsix (npm run package)' : 'dist/kernel-triage.vsix is up to date');

  const tmp = mkdtempSync(join(tmpdir(), 'kernel-triage-e2e-features-'));
  const dirs = prepareCodeServerDirs(tmp);
  mkdirSync(OUT, { recursive: true });
  const logPath = join(dirs.workspace, 'kern.log');
  copyFileSync(join(FIXTURES, 'sample-kern.log'), logPath);
  const lines = readFileSync(logPath, 'utf8').split('\n');
  // What the checks expect, from the log itself: the first OOM line (the first lens) and the
  // first line of the global OOM report whose victim is python3 (1-based, as the status bar says).
  const firstOomLine = lines.findIndex((l) => /Killed process|invoked oom-killer/.test(l));
  const python3Kill = lines.findIndex((l) => /Out of memory: Killed process 4021188 \(python3\)/.test(l));
  let python3Start = 0;
  for (let i = python3Kill; i >= 0 && python3Start === 0; i--) if (/invoked oom-killer/.test(lines[i]!)) python3Start = i + 1;
  assert.ok(firstOomLine >= 0 && python3Kill > 0 && python3Start > 0, 'sample-kern.log has the OOM reports this test expects');
  const python3Line = python3Start + 1; // a line inside the report, "around line 200"
  step(`workspace ${dirs.workspace}: kern.log, first OOM line ${firstOomLine + 1}, python3 report from line ${python3Start}`);

  let codeServer: Spawned | undefined;
  let chrome: Spawned | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let ok = false;
  /** What the current wait saw last, for its timeout message. */
  let seen = '';
  /** What a failed wait adds to its message. */
  const context = (): string => failureContext({ userDataDir: dirs.userDataDir, channel: CHANNEL, codeServerOutput: codeServer?.output ?? '', kept: tmp, seen });
  const wait = <T>(what: string, check: () => T | Promise<T>): Promise<NonNullable<T>> => waitFor(what, check, { timeoutMs: WAIT_MS, context });

  try {
    const installed = installExtension(dirs, VSIX);
    step(`installed ${VSIX} into ${installed}`);
    const port = await freePort();
    codeServer = await startCodeServer(dirs, port, dirs.workspace, join(tmp, 'code-server.log'));
    step(`code-server listening on 127.0.0.1:${port}`);

    const c = await startChromium(join(tmp, 'chromium-profile'), join(tmp, 'chromium.log'));
    chrome = c.proc;
    browser = await chromium.connectOverCDP(c.wsEndpoint, { timeout: WAIT_MS });
    const ctx = browser.contexts()[0] ?? (await browser.newContext());
    const origin = `http://127.0.0.1:${port}`;
    // vscode.env.clipboard is the browser's clipboard here; Ctrl+V reads it back.
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    const p = page;
    await p.goto(`${origin}/?folder=${encodeURIComponent(dirs.workspace)}`, { timeout: WAIT_MS });

    /** Fails at once when an error notification is on screen. */
    const noErrorToast = async (when: string): Promise<void> => {
      const toasts = await errorToasts(p);
      assert.deepEqual(toasts, [], `error notification ${when}`);
    };
    const statusText = (id: string): Promise<string> =>
      p.locator(`[id="${id}"]`).first().innerText({ timeout: 1_000 }).then(squash).catch(() => '');
    const cursorLine = async (): Promise<number | null> => {
      const m = /Ln (\d+)/.exec(await statusText('status.editor.selection'));
      return m ? Number(m[1]) : null;
    };
    const activeTab = (): Promise<string> =>
      p.locator('.tabs-container .tab.active').first().getAttribute('aria-label', { timeout: 1_000 }).then((s) => s ?? '').catch(() => '');
    /**
     * Opens the quick input with `key` (F1, Ctrl+P, Ctrl+G) and puts `text` in it; waits until `row`
     * is the focused entry (null: a box without a list, like Go to Line).
     */
    const quickInput = async (key: string, text: string, row: string | RegExp | null): Promise<void> => {
      await wait(`the quick input (${key}) to hold "${text}"${row ? ` and focus an entry matching ${row}` : ''}`, async () => {
        const widget = p.locator('.quick-input-widget');
        if (!(await widget.isVisible())) {
          await p.keyboard.press(key);
          return false;
        }
        const input = widget.locator('.quick-input-box input').first();
        if ((await input.inputValue().catch(() => null)) !== text) await input.fill(text);
        if (row === null) return (await input.inputValue().catch(() => null)) === text;
        return widget.locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).first().isVisible();
      });
    };
    const runCommand = async (title: string): Promise<void> => {
      await quickInput('F1', `>${title}`, title);
      await p.keyboard.press('Enter');
      await wait(`the command palette to close after "${title}"`, async () => !(await p.locator('.quick-input-widget').isVisible()));
    };
    const focusEditor = async (): Promise<void> => {
      // Focus the first editor group (workbench.action.focusFirstEditorGroup).
      await p.keyboard.press('Control+1');
      await wait('the kern.log editor to have focus', async () => (await activeTab()).includes('kern.log') && (await p.locator('.editor-group-container.active .monaco-editor.focused').count()) > 0);
    };

    await wait('the workbench to show kern.log in the explorer', () => p.locator('.explorer-folders-view .monaco-list-row', { hasText: 'kern.log' }).first().isVisible());
    await quickInput('Control+P', 'kern.log', 'kern.log');
    await p.keyboard.press('Enter');
    await wait('kern.log to open in an editor', async () => (await activeTab()).includes('kern.log') && (await p.locator('.editor-instance .view-lines .view-line').count()) > 0);
    const activation = await wait(`the extension host log to show ${EXTENSION_ID} activated`, () => {
      const log = extensionHostLog(dirs.userDataDir);
      const failed = new RegExp(`Activating extension '?${EXTENSION_ID}'? failed.*`, 'i').exec(log);
      if (failed) throw new Error(`the extension failed to activate: ${failed[0]}\n${context()}`);
      return new RegExp(`ExtensionService#_doActivateExtension ${EXTENSION_ID}\\b.*`).exec(log)?.[0];
    });
    step(`kern.log open; ${activation.trim()}`);

    // --- 2. Code lenses above the first OOM event (the file is open at its top) -----------------
    const firstOomText = lines[firstOomLine]!.slice(0, 60);
    const lens = await wait('the code lenses "Show Tasks Table" and "Copy Summary" above the first OOM event', () =>
      p.evaluate((lineText) => {
        const document = (globalThis as any).document;
        const editor = document.querySelector('.editor-group-container.active .monaco-editor');
        if (!editor) return null;
        const line = [...editor.querySelectorAll('.view-lines .view-line')].find((l: any) => (l.textContent ?? '').replace(/\u00a0/g, ' ').startsWith(lineText));
        if (!line) return null;
        const lineTop = line.getBoundingClientRect().top;
        const lenses = [...editor.querySelectorAll('.codelens-decoration')].map((d: any) => ({
          text: (d.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
          commands: [...d.querySelectorAll('a')].map((a: any) => (a.textContent ?? '').trim()),
          bottom: d.getBoundingClientRect().bottom,
        }));
        // The lens line of the first event: the nearest decoration ending at or above its top.
        const above = lenses.filter((l) => l.bottom <= lineTop + 1).sort((a, b) => b.bottom - a.bottom)[0];
        if (!above || !above.commands.some((c: string) => c.startsWith('Show Tasks Table')) || !above.commands.includes('Copy Summary')) return null;
        return { ...above, gap: lineTop - above.bottom, all: lenses.length };
      }, firstOomText),
    );
    step(`code lenses above line ${firstOomLine + 1}: "${lens.text}" (${lens.all} lens line(s) rendered, ${lens.gap.toFixed(0)} px above the line)`);
    assert.ok(lens.gap >= 0 && lens.gap < 40, `the lenses sit right above the event's first line (gap ${lens.gap} px)`);

    // --- 1. Status bar item, quick pick of events, cursor moves ---------------------------------
    const item = p.locator('[id$="kernelTriage.events"]').first();
    const itemText = await wait('the status bar item kernelTriage.events to show an OOM count', async () => {
      const text = await item.innerText({ timeout: 1_000 }).then(squash).catch(() => '');
      return /\d+ oom/.test(text) ? text : '';
    });
    const itemId = await item.getAttribute('id');
    const flame = await item.locator('.codicon-flame').count();
    step(`status bar item #${itemId}: "${itemText}" (${flame} flame icon)`);
    assert.match(itemText, /\b5 oom\b/);
    assert.ok(flame > 0, 'the OOM count has its $(flame) icon');
    const lineBefore = await wait('the status bar to show the cursor line', cursorLine);
    await item.click();
    const entries = await wait('the quick pick of kernel events', async () => {
      const rows = p.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      if (!(await p.locator('.quick-input-widget').isVisible()) || (await rows.count()) < 2) return null;
      const texts = (await rows.allInnerTexts()).map(squash);
      return texts.some((x) => /python3/.test(x)) ? texts : null;
    });
    step(`quick pick (${entries.length} entries): ${entries.map((e) => `[${e.slice(0, 70)}]`).join(' ')}`);
    assert.ok(entries.some((e) => /java/.test(e)), 'an entry names java');
    const pick = entries.find((e) => /python3/.test(e))!;
    const pickStart = Number(/lines (\d+)/.exec(pick)?.[1]);
    assert.equal(pickStart, python3Start, `the python3 entry starts at line ${python3Start}: ${pick}`);
    await p.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'python3' }).first().click();
    const lineAfter = await wait(`the cursor to move to line ${python3Start}`, async () => ((await cursorLine()) === python3Start ? python3Start : null));
    step(`picked "${pick.slice(0, 80)}": cursor Ln ${lineBefore} → Ln ${lineAfter}`);
    assert.notEqual(lineBefore, lineAfter);
    await noErrorToast('after Go to Event');

    // --- 3. Show Tasks Table from the command palette --------------------------------------------
    await focusEditor();
    await quickInput('Control+G', `:${python3Line}`, null);
    await p.keyboard.press('Enter');
    await wait(`the cursor on line ${python3Line}`, async () => (await cursorLine()) === python3Line);
    await runCommand('Kernel Triage: Show Tasks Table');
    const table = await wait('the tasks table webview to show the python3 report', async () => {
      const frame = await frameWith(p, '#tasks tbody tr.row');
      if (!frame) {
        seen = `frames: ${p.frames().map((f) => f.url().slice(0, 100)).join(' | ')}`;
        return null;
      }
      const s = await frame
        // (No named inner functions here: tsx would wrap them in a __name() the page lacks.)
        .evaluate(() => {
          const document = (globalThis as any).document;
          const getComputedStyle = (globalThis as any).getComputedStyle;
          const rows = [...document.querySelectorAll('#tasks tbody tr.row')] as any[];
          const [first, second] = rows.map((r) => getComputedStyle(r.querySelector('td')).backgroundColor as string);
          const [title, verdict, count] = ['#event-title', '#verdict', '#count'].map((sel) => (document.querySelector(sel)?.innerText ?? '') as string);
          const memory = document.querySelector('#memory');
          return {
            rows: rows.length,
            firstClass: (rows[0]?.className ?? '') as string,
            firstText: (rows[0]?.innerText ?? '') as string,
            firstTag: (rows[0]?.querySelector('.tag')?.textContent ?? '') as string,
            victims: document.querySelectorAll('#tasks tr.row.victim').length as number,
            firstBg: first ?? '',
            secondBg: second ?? '',
            title: title!,
            verdict: verdict!,
            count: count!,
            memoryShown: !!memory && !memory.hidden,
            memory: (memory?.innerText ?? '') as string,
            zones: document.querySelectorAll('#zones .zone').length as number,
          };
        })
        .catch((e: unknown) => {
          seen = `webview frame ${frame.url().slice(0, 100)}: ${e instanceof Error ? e.message : String(e)}`;
          return null;
        });
      if (s) seen = `webview: first row "${s.firstText}"`;
      return s && /python3/.test(s.firstText) ? s : null;
    });
    const tab = await wait('the webview panel tab "Tasks table"', async () => {
      const labels = await p.locator('.tabs-container .tab').evaluateAll((ts) => ts.map((t) => (t as any).getAttribute('aria-label') ?? ''));
      return labels.find((l) => /Tasks table/.test(l));
    });
    step(`panel "${tab}": ${table.rows} rows rendered (${squash(table.count)}), title "${squash(table.title)}"`);
    step(`first row [${table.firstClass}] "${squash(table.firstText)}"; background ${table.firstBg} vs ${table.secondBg}`);
    step(`verdict "${squash(table.verdict).slice(0, 140)}"; memory ${table.zones} zone(s): "${squash(table.memory).slice(0, 140)}"`);
    assert.ok(table.rows >= 2, 'the table shows rows');
    assert.match(table.firstClass, /\bvictim\b/, 'the first row is the victim row');
    assert.equal(table.victims, 1, 'one victim row');
    assert.match(table.firstText, /\b4021188\b/);
    assert.match(table.firstText, /python3/);
    assert.equal(table.firstTag.trim(), 'killed');
    assert.notEqual(table.firstBg, table.secondBg, 'the victim row is highlighted (its own background)');
    assert.match(table.verdict, /memory was exhausted/);
    assert.ok(table.memoryShown && table.zones > 0, 'the memory picture shows the zones');
    assert.match(table.memory, /min/);
    await noErrorToast('after Show Tasks Table');

    const png = await p.screenshot({ path: SCREENSHOT });
    const stats = pngStats(png);
    step(`screenshot ${SCREENSHOT}: ${stats.width}x${stats.height}, ${png.length} bytes, ${stats.colours} colours, luma sd ${stats.lumaStdDev.toFixed(1)}`);
    assert.ok(png.length > 20_000, `screenshot too small to show a workbench (${png.length} bytes)`);
    assert.ok(stats.colours >= 50 && stats.lumaStdDev >= 10, `screenshot looks blank: ${stats.colours} colours, luma sd ${stats.lumaStdDev.toFixed(1)}`);

    // --- 4. Copy Summary, read back by pasting into a new untitled editor -----------------------
    await focusEditor();
    await runCommand('Kernel Triage: Copy Summary');
    await wait('the status bar message "Event summary copied as Markdown."', async () => (await p.locator('.statusbar', { hasText: 'Event summary copied' }).count()) > 0);
    await p.keyboard.press('Control+N');
    await wait('a new untitled editor with focus', async () => /Untitled/.test(await activeTab()) && (await p.locator('.editor-group-container.active .monaco-editor.focused').count()) > 0);
    await p.keyboard.press('Control+V');
    const pasted = await wait('the untitled editor to hold the pasted summary', () =>
      p.evaluate(() => {
        const document = (globalThis as any).document;
        const lines = [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')] as any[];
        lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
        const text = lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
        return lines.length > 3 ? text : null;
      }),
    );
    step(`pasted ${pasted.split('\n').length} rendered lines: ${JSON.stringify(pasted.slice(0, 120))}`);
    assert.ok(pasted.startsWith('# Kernel log triage'), `the summary starts with "# Kernel log triage": ${pasted.slice(0, 80)}`);
    assert.match(pasted, /python3/, 'the summary is of the event at the cursor (python3)');

    // --- No errors ---------------------------------------------------------------------------------
    await noErrorToast('at the end');
    await runCommand('Notifications: Show Notifications');
    await wait('the notification centre', () => p.locator('.notifications-center').isVisible());
    const centre = (await p.locator('.notifications-center .notification-list-item').filter({ has: p.locator('.codicon-error') }).allInnerTexts()).map(squash);
    assert.deepEqual(centre, [], 'error notifications in the notification centre');
    const about = /kernel-?triage|kernelTriage|Kernel Log Triage/i;
    const hostErrors = errorLines(extensionHostLog(dirs.userDataDir), about);
    assert.deepEqual(hostErrors, [], 'kernel-triage errors in the extension host log');
    const channel = outputChannelLog(dirs.userDataDir, CHANNEL);
    const channelErrors = channel.split('\n').filter((l) => /\[error\b/i.test(l));
    assert.deepEqual(channelErrors, [], `errors in the "${CHANNEL}" output channel`);
    step('no error notifications; no kernel-triage errors in the extension host log or the output channel');

    // The check above is not blind: an error the extension does show is seen by the same selectors.
    // "Analyse File on Disk" in the untitled editor refuses it (not a file on disk).
    await p.keyboard.press('Escape');
    await wait('the untitled editor to have focus again', async () => /Untitled/.test(await activeTab()));
    await runCommand('Kernel Triage: Analyse File on Disk');
    const refused = await wait('the error notification of Analyse File on Disk', async () => (await errorToasts(p)).find((m) => /Only files on disk/.test(m)));
    step(`error notifications are detected: "${refused.slice(0, 100)}"`);
    ok = true;
  } catch (e) {
    if (page) await page.screenshot({ path: join(OUT, 'vscode-features-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await browser?.close().catch(() => undefined);
    await chrome?.kill();
    await codeServer?.kill();
    if (ok && process.env.KERNEL_TRIAGE_E2E_KEEP !== '1') rmSync(tmp, { recursive: true, force: true });
    else t.diagnostic(`kept ${tmp} (logs, profiles, workspace)`);
  }
});
