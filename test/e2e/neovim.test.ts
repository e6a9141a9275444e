/**
 * Neovim's built-in LSP client (0.7+, `vim.lsp.start_client`) runs `npm run --silent lsp` on a kernel
 * log, headless, through test/e2e/nvim-lsp.lua, and must receive diagnostics, a gfp_mask hover,
 * folding ranges and document symbols. 0.7 has no folding client, so the script sends
 * textDocument/foldingRange (and hover, documentSymbol) itself with client.request.
 *
 * Log: the corpus' seed-memcg-5.10-arm64-syslog.log when ../shared exists, else
 * test/fixtures/sample-kern.log, else an OOM report written here. KERNEL_TRIAGE_E2E_LOG=corpus|fixture|generated
 * forces one. Without `nvim` on PATH the test is skipped, or fails when CI is set.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, type ManifestEntry } from '../helpers.js';

const SCRIPT = join(ROOT, 'test', 'e2e', 'nvim-lsp.lua');
const CORPUS_LOG = join(ROOT, '..', 'shared', 'corpus', 'seed-memcg-5.10-arm64-syslog.log');
const FIXTURE_LOG = join(ROOT, 'test', 'fixtures', 'sample-kern.log');

/** Two global OOM kills with different triggers: two events, two diagnostics, no storm. */
const GENERATED = [
  '[ 1201.100001] stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
  '[ 1201.100010] CPU: 1 PID: 4242 Comm: stress Not tainted 5.10.0-21-amd64 #1 Debian 5.10.162-1',
  '[ 1201.100020] Call Trace:',
  '[ 1201.100021]  dump_stack+0x6b/0x83',
  '[ 1201.100022]  dump_header+0x4a/0x1f0',
  '[ 1201.100023]  oom_kill_process.cold+0xb/0x10',
  '[ 1201.100100] Tasks state (memory values in pages):',
  '[ 1201.100101] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  '[ 1201.100102] [   4242]  1000  4242   900000   800000  6600000        0             0 stress',
  '[ 1201.100103] [    812]     0   812    30000    10000   220000        0             0 sshd',
  '[ 1201.100200] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=stress,pid=4242,uid=1000',
  '[ 1201.100210] Out of memory: Killed process 4242 (stress) total-vm:3600000kB, anon-rss:3199000kB, file-rss:1000kB, shmem-rss:0kB, UID:1000 pgtables:6445kB oom_score_adj:0',
  '[ 1290.200001] postgres invoked oom-killer: gfp_mask=0x1100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
  '[ 1290.200010] CPU: 3 PID: 5151 Comm: postgres Not tainted 5.10.0-21-amd64 #1 Debian 5.10.162-1',
  '[ 1290.200020] Call Trace:',
  '[ 1290.200021]  dump_stack+0x6b/0x83',
  '[ 1290.200022]  dump_header+0x4a/0x1f0',
  '[ 1290.200100] Tasks state (memory values in pages):',
  '[ 1290.200101] [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  '[ 1290.200102] [   5151]   110  5151   400000   300000  2600000        0             0 postgres',
  '[ 1290.200103] [   5300]  1000  5300   700000   650000  5400000        0             0 java',
  '[ 1290.200200] oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=java,pid=5300,uid=1000',
  '[ 1290.200210] Out of memory: Killed process 5300 (java) total-vm:2800000kB, anon-rss:2599000kB, file-rss:1000kB, shmem-rss:0kB, UID:1000 pgtables:5273kB oom_score_adj:0',
  '',
].join('\n');

interface LogChoice {
  source: string;
  text: string;
  /** The killed pid of each OOM event, in file order (null for a report without a kill line). */
  killedPids: (number | null)[];
}

function manifestPids(manifest: string, file: string): (number | null)[] {
  const entries = JSON.parse(readFileSync(manifest, 'utf8')) as ManifestEntry[];
  const entry = entries.find((e) => e.file === file);
  assert.ok(entry, `${file} is not in ${manifest}`);
  return entry.events.map((e) => e.killed_pid);
}

function chooseLog(): LogChoice {
  const forced = process.env.KERNEL_TRIAGE_E2E_LOG;
  if ((forced === undefined || forced === 'corpus') && existsSync(CORPUS_LOG)) {
    return { source: CORPUS_LOG, text: readFileSync(CORPUS_LOG, 'utf8'), killedPids: manifestPids(join(CORPUS_LOG, '..', 'MANIFEST.json'), 'seed-memcg-5.10-arm64-syslog.log') };
  }
  if ((forced === undefined || forced === 'fixture') && existsSync(FIXTURE_LOG)) {
    return { source: FIXTURE_LOG, text: readFileSync(FIXTURE_LOG, 'utf8'), killedPids: manifestPids(join(FIXTURE_LOG, '..', 'MANIFEST.json'), 'sample-kern.log') };
  }
  return { source: '(generated in the test)', text: GENERATED, killedPids: [4242, 5300] };
}

/** `nvim --version`'s first line, or null when nvim cannot be run. */
function nvimVersion(): string | null {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status !== 0) return null;
  return r.stdout.split('\n')[0]!.trim();
}

const NO_NVIM =
  'nvim (Neovim 0.7 or newer) is not on PATH: the Neovim end-to-end test needs it. Install it with `apt-get install -y neovim` (as .ci/run does).';

interface Pos {
  line: number;
  character: number;
}
interface Range {
  start: Pos;
  end: Pos;
}
interface Diag {
  range: Range;
  source?: string;
  code?: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
}
interface Sym {
  name: string;
  range: Range;
  selectionRange: Range;
  children?: Sym[];
}
interface NvimResult {
  nvim: { major: number; minor: number; patch: number };
  steps: Record<string, number>;
  diagnostics: Diag[];
  nvim_diagnostics: { lnum: number; source?: string }[];
  event_counts: { total: number; byKind: Record<string, number> } | null;
  hover_position: Pos | null;
  hover: { contents: { kind: string; value: string }; range?: Range } | null;
  folding_ranges: { startLine: number; endLine: number }[];
  document_symbols: Sym[];
  server_exit: { code: number; signal: number } | null;
  error: unknown;
}

test('Neovim (vim.lsp.start_client) gets diagnostics, hover, folding ranges and symbols from `npm run --silent lsp`', { timeout: 180_000 }, (t) => {
  const version = nvimVersion();
  if (version === null) {
    if (process.env.CI) assert.fail(`${NO_NVIM} (CI is set, so this is a failure, not a skip)`);
    t.skip(NO_NVIM);
    return;
  }
  const m = /v(\d+)\.(\d+)/.exec(version);
  assert.ok(m && (Number(m[1]) > 0 || Number(m[2]) >= 7), `${version}: the test needs Neovim 0.7 or newer`);
  assert.ok(existsSync(join(ROOT, 'dist', 'server.cjs')), 'dist/server.cjs is missing: run `npm run build` first');

  const log = chooseLog();
  const dir = mkdtempSync(join(tmpdir(), 'kt-nvim-'));
  try {
    const logPath = join(dir, 'kern.log');
    if (log.source.startsWith('/')) copyFileSync(log.source, logPath);
    else writeFileSync(logPath, log.text);
    const outPath = join(dir, 'result.json');
    const started = Date.now();
    const r = spawnSync('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT}`], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 150_000,
      env: {
        ...process.env,
        KT_LOG: logPath,
        KT_OUT: outPath,
        KT_TIMEOUT_MS: '30000',
        // Keep Neovim's lsp.log, shada and swap out of the user's home.
        XDG_CONFIG_HOME: join(dir, 'config'),
        XDG_DATA_HOME: join(dir, 'data'),
        XDG_STATE_HOME: join(dir, 'state'),
        XDG_CACHE_HOME: join(dir, 'cache'),
      },
    });
    const elapsed = Date.now() - started;
    const lspLog = [join(dir, 'cache', 'nvim', 'lsp.log'), join(dir, 'state', 'nvim', 'lsp.log')].filter(existsSync).map((p) => readFileSync(p, 'utf8').slice(-4000));
    const context = `nvim exit ${r.status} signal ${r.signal} after ${elapsed} ms\nstderr: ${r.stderr}\nstdout: ${r.stdout}\n${lspLog.join('\n')}`;
    assert.ok(existsSync(outPath), `nvim-lsp.lua wrote no result\n${context}`);
    const out = JSON.parse(readFileSync(outPath, 'utf8')) as NvimResult;
    assert.equal(out.error, null, `nvim-lsp.lua failed: ${JSON.stringify(out.error)}\n${context}`);
    assert.equal(r.status, 0, context);
    t.diagnostic(`${version}; log ${log.source}; nvim run ${elapsed} ms; steps (ms since script start) ${JSON.stringify(out.steps)}`);

    const lines = log.text.split('\n').map((l) => l.replace(/\r$/, ''));
    const triggerLines = lines.flatMap((l, i) => (/invoked oom-killer/.test(l) ? [i] : []));
    assert.ok(triggerLines.length > 0, 'the log has at least one OOM trigger line');

    // Symbols: one per event; the OOM ones in file order, naming each victim's pid.
    const syms = out.document_symbols;
    assert.ok(Array.isArray(syms), 'documentSymbol answered with a list');
    if (out.event_counts) assert.equal(syms.length, out.event_counts.total, 'one document symbol per event (kernelTriage/eventCounts)');
    const oom = syms.filter((s) => s.name.startsWith('OOM ')).sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(oom.length, log.killedPids.length, `one OOM symbol per OOM event: ${oom.map((s) => s.name).join(' | ')}`);
    log.killedPids.forEach((pid, i) => {
      if (pid !== null) assert.match(oom[i]!.name, new RegExp(`\\(${pid}\\)`), `OOM event ${i} names its victim`);
    });
    for (const tl of triggerLines) {
      const owners = oom.filter((s) => s.range.start.line <= tl && tl <= s.range.end.line);
      assert.equal(owners.length, 1, `trigger line ${tl} belongs to exactly one OOM symbol`);
      assert.equal(owners[0]!.selectionRange.start.line, tl, `the symbol of the event at line ${tl} starts on its trigger line`);
    }

    // Diagnostics: from kernel-triage, also in vim.diagnostic; one on the first OOM event's line (its
    // trigger line, or the kill line of a kill tail whose report header is not in the log), and every
    // trigger line carries one or is related information of one (a storm is one diagnostic).
    const kt = out.diagnostics.filter((d) => d.source === 'kernel-triage');
    assert.ok(kt.length > 0, `diagnostics with source kernel-triage: ${JSON.stringify(out.diagnostics).slice(0, 500)}`);
    assert.ok(out.nvim_diagnostics.some((d) => d.source === 'kernel-triage'), 'vim.diagnostic.get() shows them in Neovim');
    const first = oom[0]!.selectionRange.start.line;
    assert.match(lines[first]!, /invoked oom-killer|oom-kill:|Killed process|oom_reaper/, `line ${first} is an OOM line`);
    assert.ok(
      kt.some((d) => d.range.start.line === first && /^oom-(kill|storm)$/.test(String(d.code))),
      `an oom-kill/oom-storm diagnostic on line ${first}: ${JSON.stringify(kt.map((d) => [d.range.start.line, d.code]))}`,
    );
    for (const tl of triggerLines) {
      const on = kt.some((d) => d.range.start.line === tl);
      const related = kt.some((d) => (d.relatedInformation ?? []).some((x) => x.location.range.start.line === tl));
      assert.ok(on || related, `trigger line ${tl} carries a kernel-triage diagnostic or is in one's related information`);
    }
    if (lines[first]!.includes('invoked oom-killer')) assert.ok(kt.some((d) => d.range.start.line === first), 'a diagnostic on the OOM trigger line');

    // Hover on the first gfp_mask value.
    assert.ok(out.hover_position, 'the script found a gfp_mask=0x… value');
    const hl = out.hover_position.line;
    assert.ok(triggerLines.includes(hl), `hover asked on trigger line ${hl}`);
    const mask = /gfp_mask=(0x[0-9a-f]+)/.exec(lines[hl]!)![1]!;
    assert.ok(out.hover, 'a hover on the gfp_mask value');
    assert.match(out.hover.contents.value, /gfp_mask/);
    assert.ok(out.hover.contents.value.includes(mask), `the hover shows ${mask}`);

    // Folding: each multi-line OOM event folds as one range that reaches its last line and not into
    // the next event (a one-line event, e.g. a lone kill line, has nothing to fold).
    const folds = out.folding_ranges;
    assert.ok(Array.isArray(folds) && folds.length > 0, 'foldingRange answered with ranges');
    oom.forEach((s, i) => {
      const [a, b] = [s.range.start.line, s.range.end.line];
      if (a === b) return;
      const next = oom[i + 1]?.range.start.line ?? Infinity;
      assert.ok(
        folds.some((f) => f.startLine <= a && f.endLine >= b && f.endLine < next),
        `a folding range covers OOM event ${i} (lines ${a}-${b}): ${JSON.stringify(folds.map((f) => [f.startLine, f.endLine]))}`,
      );
    });
    // Independently of the server's event spans: each report's trigger line folds together with its kill line.
    triggerLines.forEach((tl, i) => {
      const end = triggerLines[i + 1] ?? lines.length;
      const kill = lines.findIndex((l, j) => j > tl && j < end && /oom-kill:|Killed process/.test(l));
      if (kill < 0) return;
      assert.ok(folds.some((f) => f.startLine <= tl && f.endLine >= kill), `a folding range holds trigger line ${tl} and kill line ${kill}`);
    });

    assert.deepEqual(out.server_exit, { code: 0, signal: 0 }, 'the server exits cleanly after shutdown/exit');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
