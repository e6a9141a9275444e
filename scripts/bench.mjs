#!/usr/bin/env node
/**
 * `npm run bench`: speed, memory and correctness of the built CLI on generated kernel logs.
 *
 *   node scripts/bench.mjs [--seed N] [--runs N] [--huge]
 *
 * 1. Generates 1, 10 and 48 MiB logs into bench-output/ with scripts/gen-log.mjs (kept between
 *    runs: regenerated only when the generator version, seed or size differ).
 * 2. Times `npm run --silent triage -- <file> --json > /dev/null` (3 runs each, through a shell,
 *    with KERNEL_TRIAGE_STATS=1 so the CLI reports its peak RSS on stderr) and prints the median
 *    wall time, MiB/s and peak RSS next to the targets.
 * 3. Checks correctness at scale: one `--json` run per log, every OOM event compared with the
 *    generator's truth (start line, trigger comm, killed pid and comm, task-row count), and the
 *    number of events of each kind.
 * 4. With --huge: a 1 GiB log (generated streaming to disk), one `--jsonl` run, MiB/s and RSS.
 * 5. Language-server latencies over stdio on the 48 MiB log (scripts/bench-lsp.mjs): didOpen to
 *    diagnostics, hovers during the first analysis and when idle, appends and edits to diagnostics.
 *
 * Exits non-zero only when the harness itself fails (no built CLI, generation error); missed
 * targets, CLI failures and mismatches are reported, not fatal.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, generateToFile, truthPathFor } from './gen-log.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench-output');
const CLI = join(ROOT, 'dist', 'cli.cjs');
const MIB = 1048576;
/** The generator's source: a cached log is reused only if it was written by this exact code. */
const GENERATOR_HASH = createHash('sha256').update(readFileSync(join(ROOT, 'scripts', 'gen-log.mjs'))).digest('hex').slice(0, 16);

const TARGETS = {
  48: { seconds: 2.5, aimSeconds: 1.5, rssMb: 300, aimRssMb: 200 },
  huge: { mibPerSec: 40, rssMb: 300 },
};

class HarnessError extends Error {}

function parseArgs(argv) {
  const o = { seed: 1, runs: 3, huge: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--huge') o.huge = true;
    else if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: node scripts/bench.mjs [--seed N] [--runs N] [--huge]\n');
      process.exit(0);
    } else throw new HarnessError(`unknown argument ${a}`);
  }
  if (!Number.isInteger(o.seed)) throw new HarnessError('--seed takes an integer');
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new HarnessError('--runs takes a positive integer');
  return o;
}

const rel = (p) => relative(ROOT, p);
const fmt = (n, d = 2) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(d));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The log for `mib` MiB, generated unless an up-to-date copy is present. */
function ensureLog(mib, seed) {
  const file = join(OUT, `gen-${mib}.log`);
  const truthFile = truthPathFor(file);
  const sizeBytes = mib * MIB;
  if (existsSync(file) && existsSync(truthFile)) {
    try {
      const t = JSON.parse(readFileSync(truthFile, 'utf8'));
      if (t.generator === GENERATOR_VERSION && t.generatorHash === GENERATOR_HASH && t.seed === seed && t.size === sizeBytes && statSync(file).size === t.bytes) {
        console.log(`  ${rel(file)}: present (generator ${GENERATOR_VERSION}/${GENERATOR_HASH}, seed ${seed})`);
        return { file, truth: t };
      }
    } catch {
      // unreadable truth: regenerate
    }
  }
  const t0 = performance.now();
  let truth;
  try {
    truth = { ...generateToFile({ sizeBytes, seed, out: file }), generatorHash: GENERATOR_HASH };
    writeFileSync(truthFile, JSON.stringify(truth) + '\n');
  } catch (e) {
    throw new HarnessError(`generating ${rel(file)}: ${e.message}`);
  }
  console.log(`  ${rel(file)}: generated in ${fmt((performance.now() - t0) / 1000, 1)} s (${truth.lines} lines, ${truth.oom.length} OOM events, ${truth.taskRows} task rows, OOM ${fmt((100 * truth.oomBytes) / truth.bytes, 1)} % of bytes)`);
  return { file, truth };
}

const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** One run of exactly `npm run --silent triage -- <file> <format> > <dest>` through a shell. */
function runCli(file, format, dest = '/dev/null') {
  const cmd = `npm run --silent triage -- ${q(rel(file))} ${format} > ${q(dest)}`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, { cwd: ROOT, shell: true, encoding: 'utf8', env: { ...process.env, KERNEL_TRIAGE_STATS: '1' }, maxBuffer: 64 * MIB });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.error) throw new HarnessError(`cannot run "${cmd}": ${r.error.message}`);
  const m = /kernel-triage-stats maxRssKb=(\d+)/.exec(r.stderr ?? '');
  const rssMb = m ? Number(m[1]) / 1024 : null;
  const ok = r.status === 0;
  const err = ok ? null : (r.stderr || `exit ${r.status ?? r.signal}`).trim().split('\n').filter((l) => !l.startsWith('kernel-triage-stats')).slice(0, 3).join(' | ');
  return { cmd, seconds, rssMb, ok, err };
}

/** Median time, MiB/s and peak RSS over `runs` runs. */
function timeCli(file, bytes, runs, format) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const r = runCli(file, format);
    results.push(r);
    console.log(`    run ${i + 1}: ${fmt(r.seconds, 3)} s, peak RSS ${r.rssMb === null ? 'n/a' : fmt(r.rssMb, 0) + ' MB'}${r.ok ? '' : `  FAILED: ${r.err}`}`);
  }
  const good = results.filter((r) => r.ok);
  if (good.length === 0) return { ok: false, err: results[0].err, cmd: results[0].cmd };
  const seconds = median(good.map((r) => r.seconds));
  const rss = good.map((r) => r.rssMb).filter((x) => x !== null);
  return { ok: true, cmd: results[0].cmd, seconds, mibPerSec: bytes / MIB / seconds, rssMb: rss.length ? Math.max(...rss) : null, failedRuns: results.length - good.length };
}

const project = (ev) => ({
  startLine: ev.startLine,
  triggerComm: ev.trigger?.comm ?? null,
  killedPid: ev.killed?.pid ?? null,
  killedComm: ev.killed?.comm ?? null,
  taskRows: ev.tasks === null || ev.tasks === undefined ? null : ev.tasks.length,
});

/** Every OOM event of the truth against the analysis (by start line), and the kinds counted. */
export function compareWithTruth(truth, events) {
  const mismatches = [];
  const oom = events.filter((e) => e.kind === 'oom').map(project);
  const got = new Map(oom.map((e) => [e.startLine, e]));
  const wantLines = new Set();
  for (const w of truth.oom) {
    const want = { startLine: w.startLine, triggerComm: w.triggerComm, killedPid: w.killedPid, killedComm: w.killedComm, taskRows: w.taskRows };
    wantLines.add(w.startLine);
    const g = got.get(w.startLine);
    if (!g) {
      mismatches.push({ line: w.startLine, what: 'OOM event not found', expected: want, got: null });
      continue;
    }
    const diff = Object.keys(want).filter((k) => want[k] !== g[k]);
    if (diff.length) mismatches.push({ line: w.startLine, what: diff.join(', '), expected: Object.fromEntries(diff.map((k) => [k, want[k]])), got: Object.fromEntries(diff.map((k) => [k, g[k]])) });
  }
  for (const g of oom) if (!wantLines.has(g.startLine)) mismatches.push({ line: g.startLine, what: 'OOM event not in the truth', expected: null, got: g });
  const kinds = {};
  for (const e of events) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  const kindDiffs = [];
  for (const k of new Set([...Object.keys(truth.kinds), ...Object.keys(kinds)])) {
    if ((truth.kinds[k] ?? 0) !== (kinds[k] ?? 0)) kindDiffs.push(`${k}: expected ${truth.kinds[k] ?? 0}, got ${kinds[k] ?? 0}`);
  }
  mismatches.sort((a, b) => a.line - b.line);
  return { mismatches, kindDiffs, oomFound: oom.length };
}

function checkCorrectness(file, truth) {
  const dest = join(OUT, `${file.replace(/^.*\//, '').replace(/\.log$/, '')}.result.json`);
  const r = runCli(file, '--json', dest);
  try {
    if (!r.ok) return { ok: false, err: r.err };
    const json = JSON.parse(readFileSync(dest, 'utf8'));
    const f = json.files?.[0];
    if (!f) return { ok: false, err: 'no file in the JSON output' };
    const c = compareWithTruth(truth, f.events);
    const linesOk = f.lines === truth.lines;
    return { ok: true, ...c, lines: f.lines, linesOk };
  } catch (e) {
    return { ok: false, err: `reading the JSON output: ${e.message}` };
  } finally {
    rmSync(dest, { force: true });
  }
}

function printCorrectness(name, c) {
  if (!c.ok) {
    console.log(`    correctness: CLI FAILED: ${c.err}`);
    return;
  }
  console.log(`    correctness: ${c.mismatches.length} OOM mismatch(es) of ${c.oomFound} OOM events found; kinds ${c.kindDiffs.length ? 'differ: ' + c.kindDiffs.join('; ') : 'match'}${c.linesOk ? '' : `; line count ${c.lines} differs from the truth`}`);
  for (const m of c.mismatches.slice(0, 5)) console.log(`      ${name}:${m.line}: ${m.what}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`);
  if (c.mismatches.length > 5) console.log(`      … ${c.mismatches.length - 5} more`);
}

function mark(ok) {
  return ok ? 'ok' : 'MISSED';
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new HarnessError(`${rel(CLI)} not found: run \`npm run build\` first (the benchmark times the built CLI, without a build step)`);
  mkdirSync(OUT, { recursive: true });
  console.log(`kernel-triage benchmark — generator ${GENERATOR_VERSION}/${GENERATOR_HASH}, seed ${o.seed}, ${o.runs} run(s) per size, Node ${process.version}`);
  console.log(`command: KERNEL_TRIAGE_STATS=1 npm run --silent triage -- <file> --json > /dev/null${o.huge ? ' (1 GiB: --jsonl)' : ''}\n`);

  const rows = [];
  for (const mib of [1, 10, 48]) {
    console.log(`${mib} MiB:`);
    const { file, truth } = ensureLog(mib, o.seed);
    const t = timeCli(file, truth.bytes, o.runs, '--json');
    const c = checkCorrectness(file, truth);
    printCorrectness(rel(file), c);
    rows.push({ name: `${mib} MiB`, mib, truth, t, c });
  }

  let huge = null;
  if (o.huge) {
    console.log(`1 GiB (--jsonl):`);
    const { file, truth } = ensureLog(1024, o.seed);
    const t = timeCli(file, truth.bytes, 1, '--jsonl');
    huge = { t, truth };
  }

  // ---- summary ---------------------------------------------------------------------------
  console.log('\nsummary');
  const header = ['log', 'lines', 'OOM ev', 'rows/MiB', 'median s', 'MiB/s', 'peak RSS MB', 'targets', 'OOM mismatches'];
  const table = [header];
  for (const r of rows) {
    let target = '';
    if (r.mib === 48 && r.t.ok) {
      const T = TARGETS[48];
      target = `time ≤${T.seconds} s (aim ${T.aimSeconds}): ${mark(r.t.seconds <= T.seconds)}${r.t.seconds <= T.aimSeconds ? ', aim met' : ''}; RSS ≤${T.rssMb} MB (aim ${T.aimRssMb}): ${r.t.rssMb === null ? 'n/a' : mark(r.t.rssMb <= T.rssMb) + (r.t.rssMb <= T.aimRssMb ? ', aim met' : '')}`;
    }
    table.push([
      r.name,
      String(r.truth.lines),
      String(r.truth.oom.length),
      fmt(r.truth.taskRows / (r.truth.bytes / MIB), 0),
      r.t.ok ? fmt(r.t.seconds, 3) : 'FAILED',
      r.t.ok ? fmt(r.t.mibPerSec, 1) : '-',
      r.t.ok ? fmt(r.t.rssMb, 0) : '-',
      target || '-',
      r.c.ok ? `${r.c.mismatches.length}${r.c.kindDiffs.length ? ` (+${r.c.kindDiffs.length} kind diffs)` : ''}` : 'CLI FAILED',
    ]);
  }
  if (huge) {
    const T = TARGETS.huge;
    table.push([
      '1 GiB --jsonl',
      String(huge.truth.lines),
      String(huge.truth.oom.length),
      fmt(huge.truth.taskRows / (huge.truth.bytes / MIB), 0),
      huge.t.ok ? fmt(huge.t.seconds, 2) : 'FAILED',
      huge.t.ok ? fmt(huge.t.mibPerSec, 1) : '-',
      huge.t.ok ? fmt(huge.t.rssMb, 0) : '-',
      huge.t.ok ? `≥${T.mibPerSec} MiB/s: ${mark(huge.t.mibPerSec >= T.mibPerSec)}; RSS ≤${T.rssMb} MB: ${huge.t.rssMb === null ? 'n/a' : mark(huge.t.rssMb <= T.rssMb)}` : `FAILED: ${huge.t.err}`,
      '-',
    ]);
  } else {
    table.push(['1 GiB --jsonl', '-', '-', '-', '-', '-', '-', 'not run (use --huge)', '-']);
  }
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log('  ' + r.map((c, i) => (i === 0 || i >= 7 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd());
  const total = rows.reduce((s, r) => s + (r.c.ok ? r.c.mismatches.length : 0), 0);
  console.log(`\n  OOM mismatches in all: ${total}${rows.some((r) => !r.c.ok || !r.t.ok) ? '; some CLI runs FAILED (see above)' : ''}`);

  // ---- language server latencies over stdio (scripts/bench-lsp.mjs) ------------------------
  console.log('');
  const lsp = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench-lsp.mjs'), ensureLog(48, o.seed).file], { stdio: 'inherit' });
  if (lsp.status !== 0) console.log('  language-server benchmark FAILED (see above)');

  // ---- the core's incremental re-analysis (scripts/bench-incremental.ts) --------------------
  console.log('');
  const inc = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'scripts', 'bench-incremental.ts'), ensureLog(48, o.seed).file], { cwd: ROOT, stdio: 'inherit' });
  if (inc.status !== 0) console.log('  incremental benchmark FAILED (see above)');

  // ---- the tasks-table webview: 5,000 rows in headless Chromium (test/webview/browser.test.ts) --
  console.log('');
  const timingsFile = join(ROOT, 'test-output', 'webview', 'timings.json');
  rmSync(timingsFile, { force: true });
  const wv = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-name-pattern', '^5,000 rows', join(ROOT, 'test', 'webview', 'browser.test.ts')], { cwd: ROOT, encoding: 'utf8' });
  if (wv.status !== 0 || !existsSync(timingsFile)) {
    console.log(`  webview benchmark FAILED (exit ${wv.status}):\n${(wv.stdout + wv.stderr).split('\n').slice(-20).join('\n')}`);
  } else {
    const t = JSON.parse(readFileSync(timingsFile, 'utf8'));
    console.log('tasks-table webview, 5,000 rows (headless Chromium; target < 100 ms each)');
    for (const [k, v] of Object.entries(t)) console.log(`  ${k.padEnd(28)} ${v.toFixed(1).padStart(7)} ms   ${v < 100 ? 'ok' : 'MISSED'}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(e instanceof HarnessError ? `bench: ${e.message}` : e);
    process.exitCode = 2;
  }
}
