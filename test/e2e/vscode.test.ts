/**
 * Smoke test in a real VS Code: the packaged .vsix installed into code-server 4.100.3 (VS Code
 * 1.100.3), driven through Debian's headless Chromium with playwright-core. Opens a kern.log and
 * checks that the extension activates, that the file gets the Kernel Log language, that
 * kernel-triage diagnostics reach the Problems panel and that hovering a gfp_mask value answers.
 * Leaves a screenshot in test-output/e2e/vscode.png.
 *
 * Needs scripts/setup-code-server.sh to have run: without Chromium or code-server the test is
 * skipped, or fails when CI is set. Every wait is on a condition, with a 60 s limit.
 *   KERNEL_TRIAGE_E2E_BUILTIN_LOG=1   use the OOM report written here instead of test/fixtures/sample-kern.log
 *   KERNEL_TRIAGE_E2E_KEEP=1          keep the temporary folder (logs, profiles) also on success
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FIXTURES, ROOT } from '../helpers.js';
import {
  CODE_SERVER_VERSION,
  VSIX,
  ensureVsix,
  extensionHostLog,
  freePort,
  installExtension,
  isCI,
  missingPrerequisites,
  pngStats,
  startChromium,
  startCodeServer,
  waitFor,
  failureContext,
  QUIET_SETTINGS,
  type CodeServerDirs,
  type Spawned,
} from './codeServer.js';

const OUT = join(ROOT, 'test-output', 'e2e');
const SCREENSHOT = join(OUT, 'vscode.png');
const EXTENSION_ID = 'kernel-triage.kernel-triage';
const WAIT_MS = 60_000;

/** A memory-cgroup OOM report, for a clone without test/fixtures/sample-kern.log. */
const BUILTIN_LOG = [
  'Dec  4 00:01:23 web-01 kernel: [1176358.617211] stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617230] CPU: 2 PID: 999 Comm: stress Not tainted 5.10.0-21-amd64 #1 Debian 5.10.162-1',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617233] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.14.0-2 04/01/2014',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617235] Call Trace:',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617241]  dump_stack+0x6b/0x83',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617245]  dump_header+0x4a/0x1f0',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617249]  oom_kill_process.cold+0xb/0x10',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617253]  out_of_memory+0x1bd/0x4e0',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617257]  mem_cgroup_out_of_memory+0x134/0x150',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617301] memory: usage 1048576kB, limit 1048576kB, failcnt 10',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617303] memory+swap: usage 1048576kB, limit 9007199254740988kB, failcnt 0',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617305] kmem: usage 4096kB, limit 9007199254740988kB, failcnt 0',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617310] Tasks state (memory values in pages):',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617312] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617316] [    999]  1000   999   300000   250000  2200000        0             0 stress',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617319] [   1000]  1000  1000    30000    10000   220000        0             0 helper',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617322] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/app,task_memcg=/app,task=stress,pid=999,uid=1000',
  'Dec  4 00:01:23 web-01 kernel: [1176358.617345] Memory cgroup out of memory: Killed process 999 (stress) total-vm:1200000kB, anon-rss:999000kB, file-rss:1000kB, shmem-rss:0kB, UID:1000 pgtables:2148kB oom_score_adj:0',
  '',
].join('\n');

const missing = missingPrerequisites();
const skip = missing.length > 0 && !isCI ? `no real VS Code here: ${missing.join('; ')}` : false;

test(`the packaged extension in a real VS Code (code-server ${CODE_SERVER_VERSION}, headless Chromium)`, { skip, timeout: 10 * 60_000 }, async (t) => {
  if (missing.length > 0) assert.fail(`CI is set and the end-to-end test cannot run: ${missing.join('; ')}`);

  const started = Date.now();
  const step = (what: string): void => t.diagnostic(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
  const { rebuilt } = ensureVsix();
  step(rebuilt ? 'built dist/kernel-triage.vsix (npm run package)' : 'dist/kernel-triage.vsix is up to date');

  const tmp = mkdtempSync(join(tmpdir(), 'kernel-triage-e2e-'));
  const dirs: CodeServerDirs = { userDataDir: join(tmp, 'user-data'), extensionsDir: join(tmp, 'extensions'), config: join(tmp, 'config.yaml') };
  const workspace = join(tmp, 'workspace');
  for (const d of [dirs.userDataDir, dirs.extensionsDir, workspace, join(dirs.userDataDir, 'User'), OUT]) mkdirSync(d, { recursive: true });
  writeFileSync(dirs.config, '');
  writeFileSync(join(dirs.userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));

  const sample = join(FIXTURES, 'sample-kern.log');
  const useFixture = existsSync(sample) && process.env.KERNEL_TRIAGE_E2E_BUILTIN_LOG !== '1';
  const logPath = join(workspace, 'kern.log');
  if (useFixture) copyFileSync(sample, logPath);
  else writeFileSync(logPath, BUILTIN_LOG);
  const lines = readFileSync(logPath, 'utf8').split('\n');
  const gfpLine = lines.findIndex((l) => /gfp_mask=0x[0-9a-f]+/.test(l));
  assert.ok(gfpLine >= 0, 'the kern.log has a gfp_mask=0x... value to hover');
  const gfpValue = /gfp_mask=(0x[0-9a-f]+)/.exec(lines[gfpLine]!)![1]!;
  const gfpColumn = lines[gfpLine]!.indexOf(`gfp_mask=${gfpValue}`) + 'gfp_mask='.length + 1;
  step(`workspace ${workspace} with kern.log from ${useFixture ? 'test/fixtures/sample-kern.log' : 'the OOM report in this test'}`);

  let codeServer: Spawned | undefined;
  let chrome: Spawned | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let ok = false;
  const context = (): string => failureContext({ userDataDir: dirs.userDataDir, channel: 'Kernel Log Triage', codeServerOutput: codeServer?.output ?? '', kept: tmp });
  const wait = <T>(what: string, check: () => T | Promise<T>): Promise<NonNullable<T>> => waitFor(what, check, { timeoutMs: WAIT_MS, context });

  try {
    const installed = installExtension(dirs, VSIX);
    step(`installed ${VSIX} into ${installed}`);

    const port = await freePort();
    codeServer = await startCodeServer(dirs, port, workspace, join(tmp, 'code-server.log'));
    step(`code-server listening on 127.0.0.1:${port}`);

    const c = await startChromium(join(tmp, 'chromium-profile'), join(tmp, 'chromium.log'));
    chrome = c.proc;
    browser = await chromium.connectOverCDP(c.wsEndpoint, { timeout: WAIT_MS });
    const ctx = browser.contexts()[0] ?? (await browser.newContext());
    page = ctx.pages()[0] ?? (await ctx.newPage());
    const p = page;
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
    await p.goto(url, { timeout: WAIT_MS });
    step(`Chromium opened ${url}`);

    // The workbench is up when the explorer lists the workspace's kern.log.
    await wait('the workbench to show kern.log in the explorer', () =>
      p.locator('.explorer-folders-view .monaco-list-row', { hasText: 'kern.log' }).first().isVisible(),
    );
    step('workbench loaded');

    // Quick Open (Ctrl+P), as a person would; pressed again if the first press came too early.
    await wait('Quick Open to offer kern.log', async () => {
      if (!(await p.locator('.quick-input-widget').isVisible())) {
        await p.keyboard.press('Control+P');
        if (!(await p.locator('.quick-input-widget').isVisible())) return false;
        await p.keyboard.type('kern.log');
      }
      return p.locator('.quick-input-list .monaco-list-row', { hasText: 'kern.log' }).first().isVisible();
    });
    await p.keyboard.press('Enter');
    await wait('kern.log to open in an editor', async () => {
      const tab = await p.locator('.tabs-container .tab.active').first().getAttribute('aria-label', { timeout: 1_000 }).catch(() => null);
      return !!tab?.includes('kern.log') && (await p.locator('.editor-instance .view-lines .view-line').count()) > 0;
    });
    step('kern.log open');

    // (a) The extension host activated the extension (log lines appear at info level).
    const activation = await wait(`the extension host log to show ${EXTENSION_ID} activated`, () => {
      const log = extensionHostLog(dirs.userDataDir);
      const failed = new RegExp(`Activating extension '?${EXTENSION_ID}'? failed.*`, 'i').exec(log);
      if (failed) throw new Error(`the extension failed to activate: ${failed[0]}\n${context()}`);
      return new RegExp(`ExtensionService#_doActivateExtension ${EXTENSION_ID}\\b.*`).exec(log)?.[0];
    });
    step(`activated: ${activation.trim()}`);

    // (b) The status bar's language indicator says the kernel-log language was applied.
    await wait('the status bar language indicator to say "Kernel Log"', async () => {
      const text = await p.locator('[id="status.editor.mode"]').innerText({ timeout: 1_000 }).catch(() => '');
      return text.trim() === 'Kernel Log';
    });
    step('language: Kernel Log');

    // (c) Diagnostics: the status bar counts problems, the Problems panel lists kernel-triage ones.
    const counts = await wait('the status bar to count at least one problem', async () => {
      const text = await p.locator('[id="status.problems"]').innerText({ timeout: 1_000 }).catch(() => '');
      const sum = (text.match(/\d+/g) ?? []).reduce((s, n) => s + Number(n), 0);
      return sum > 0 ? text.replace(/\s+/g, ' ').trim() : '';
    });
    step(`status bar problems: ${counts}`);
    const problem = await wait('the Problems panel to list a kernel-triage diagnostic', async () => {
      const panel = p.locator('.markers-panel');
      if (!(await panel.isVisible())) {
        await p.keyboard.press('Control+Shift+M');
        return '';
      }
      const row = panel.locator('.monaco-list-row', { hasText: 'kernel-triage' }).first();
      return (await row.isVisible()) ? (await row.innerText()).replace(/\s+/g, ' ').trim() : '';
    });
    step(`Problems panel: ${problem}`);

    // (d) Hovering the gfp_mask value answers with a hover about gfp_mask. Go to its line and column
    // first (Ctrl+G) so that it is rendered on screen, then put the mouse on the value.
    await p.locator('.editor-instance .monaco-editor textarea').first().focus();
    await p.keyboard.press('Control+G');
    await wait('the Go to Line box', () => p.locator('.quick-input-widget').isVisible());
    await p.keyboard.type(`${gfpLine + 1}:${gfpColumn}`);
    await p.keyboard.press('Enter');
    const target = await wait(`${gfpValue} to be rendered in the editor`, () =>
      p.evaluate((value) => {
        // (Runs in the page; the tests' tsconfig has no DOM types.)
        const document = (globalThis as any).document;
        const SHOW_TEXT = (globalThis as any).NodeFilter.SHOW_TEXT;
        for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
          const text = line.textContent ?? '';
          const at = text.indexOf(`gfp_mask=${value}`);
          if (at < 0) continue;
          // The value's characters as a DOM range, across the token spans.
          const start = at + 'gfp_mask='.length;
          const range = document.createRange();
          const walker = document.createTreeWalker(line, SHOW_TEXT);
          let seen = 0;
          let begun = false;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const len = n.textContent!.length;
            if (!begun && start < seen + len) {
              range.setStart(n, start - seen);
              begun = true;
            }
            if (begun && start + value.length <= seen + len) {
              range.setEnd(n, start + value.length - seen);
              const r = range.getBoundingClientRect();
              return r.width > 0 ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
            }
            seen += len;
          }
        }
        return null;
      }, gfpValue),
    );
    let attempt = 0;
    const hover = await wait(`a hover containing "gfp_mask" over ${gfpValue}`, async () => {
      attempt++;
      // A hover right after activation can come back empty: move away and back, and every third
      // try ask with the keyboard (editor.action.showHover at the cursor) instead.
      await p.mouse.move(5, 5);
      await p.mouse.move(target.x + (attempt % 3), target.y, { steps: 3 });
      if (attempt % 3 === 0) {
        await p.mouse.click(target.x, target.y);
        await p.keyboard.press('Control+K');
        await p.keyboard.press('Control+I');
      }
      // The language server's part of the hover (.markdown-hover), not the diagnostic shown above it.
      const shown = p.locator('.monaco-hover .markdown-hover', { hasText: 'gfp_mask' }).first();
      const deadline = Date.now() + 4_000;
      while (Date.now() < deadline) {
        if (await shown.isVisible()) return (await shown.innerText()).trim();
        await p.waitForTimeout(200);
      }
      return '';
    });
    step(`hover after ${attempt} tr${attempt === 1 ? 'y' : 'ies'}: ${hover.replace(/\s+/g, ' ').slice(0, 160)}`);
    assert.match(hover, /gfp_mask/);
    assert.ok(hover.includes(gfpValue), `the hover names the mask ${gfpValue}: ${hover}`);

    // The screenshot shows the editor with the hover, the status bar and the Problems panel.
    const png = await p.screenshot({ path: SCREENSHOT });
    const stats = pngStats(png);
    step(`screenshot ${SCREENSHOT}: ${stats.width}x${stats.height}, ${png.length} bytes, ${stats.colours} colours, luma sd ${stats.lumaStdDev.toFixed(1)}`);
    assert.ok(png.length > 20_000, `screenshot too small to show a workbench (${png.length} bytes)`);
    assert.ok(stats.colours >= 50 && stats.lumaStdDev >= 10, `screenshot looks blank: ${stats.colours} colours, luma sd ${stats.lumaStdDev.toFixed(1)}`);
    ok = true;
  } catch (e) {
    if (page) await page.screenshot({ path: join(OUT, 'vscode-failure.png') }).catch(() => undefined);
    throw e;
  } finally {
    await browser?.close().catch(() => undefined);
    await chrome?.kill();
    await codeServer?.kill();
    if (ok && process.env.KERNEL_TRIAGE_E2E_KEEP !== '1') rmSync(tmp, { recursive: true, force: true });
    else t.diagnostic(`kept ${tmp} (logs, profiles, workspace)`);
  }
});
