/**
 * `kernel-triage FILE… [options]`; `-` reads stdin; `.gz` files are read directly.
 * Exit 0 when every file was analysed (with or without events), 1 when `--fail-on` kinds were
 * found, 2 when a file could not be read (the others are still analysed) or the arguments are wrong.
 */
import { fstatSync, writeSync } from 'node:fs';
import { Analyzer } from '../core/analyze.js';
import { readLogPieces } from '../node/readLog.js';
import { eventToJsonOnce, SCHEMA } from '../core/json.js';
import { langFromLocale, type Lang } from '../core/l10n/l10n.js';
import type { Analysis, EventKind, KernelEvent } from '../core/model/events.js';

import { filterEvents, parseKinds, Redactor, timeKey, type EventFilter } from '../core/report/filters.js';
import { markdownReport, textSummary } from '../core/report/summary.js';

const USAGE = `Usage: kernel-triage FILE... [options]

Finds OOM kills, allocation failures, oopses, panics, lockups, hung tasks, segfaults and core
dumps in Linux kernel logs (dmesg, kern.log, messages, journalctl output) and explains them.
  FILE              a log file (.gz is read directly); - reads standard input
  --json            one JSON object for the run (schema kernel-triage/1)
  --jsonl           one JSON object per event, each with its file
  --markdown        a Markdown incident report
  --lang en|zh-cn   language of the summary and report (default: from LC_ALL/LC_MESSAGES/LANG)
  --kind K1,K2      only these kinds (oom, page-alloc-failure, oops, warning, panic, soft-lockup,
                    hard-lockup, hung-task, rcu-stall, bad-page, hardware-error, segfault, trap, coredump)
  --since TIME      only events at or after TIME, written as the log prints it
  --until TIME      only events at or before TIME ("Dec  4 00:01", "2024-12-04T00:01", 1234.5)
  --fail-on K1,K2   exit 1 when events of these kinds are found (for pipelines)
  --redact          replace hosts, IP addresses, user names, pod and container ids
  --kernel REL      kernel release to assume where the log does not print one
  -h, --help        this text
`;

type Format = 'text' | 'json' | 'jsonl' | 'markdown';

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Resolves when the output can take more (a slow pipe reader): memory stays bounded. */
  ready?(): Promise<void>;
}

/**
 * Output to a file or /dev/null is written straight to the descriptor (the stream would copy each
 * string into a new buffer first); pipes and terminals go through the stream, with backpressure.
 */
function stdoutWriter(): (s: string) => void {
  let direct = false;
  try {
    const st = fstatSync(1);
    direct = st.isFile() || (st.isCharacterDevice() && !process.stdout.isTTY);
  } catch {
    direct = false;
  }
  if (!direct) return (s) => void process.stdout.write(s);
  return (s) => {
    const n = writeSync(1, s);
    const bytes = Buffer.byteLength(s);
    if (n === bytes) return;
    // A short write (rare for files): the rest, from the encoded bytes.
    const b = Buffer.from(s);
    for (let off = n; off < b.length; ) off += writeSync(1, b, off);
  };
}

let writeOut: ((s: string) => void) | undefined;

const stdio: Io = {
  out: (s) => (writeOut ??= stdoutWriter())(s),
  err: (s) => void process.stderr.write(s),
  ready: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', resolve)) : Promise.resolve()),
};

interface Options {
  format: Format;
  lang: Lang;
  kernel?: string;
  filter: EventFilter;
  failOn: EventKind[];
  redact: boolean;
  files: string[];
}

function parseArgs(argv: string[], io: Io, env: NodeJS.ProcessEnv): Options | number {
  const o: Options = { format: 'text', lang: langFromLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG), filter: {}, failOn: [], redact: false, files: [] };
  const need = (i: number, what: string): string | null => {
    const v = argv[i];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) {
      io.err(`kernel-triage: ${argv[i - 1]} needs ${what}\n`);
      return null;
    }
    return v;
  };
  const kinds = (v: string): EventKind[] | null => {
    const r = parseKinds(v);
    if (r.unknown.length > 0) {
      io.err(`kernel-triage: unknown kind ${r.unknown.join(', ')}\n`);
      return null;
    }
    return r.kinds;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case '--json':
      case '--jsonl':
      case '--markdown':
        o.format = a.slice(2) as Format;
        break;
      case '--redact':
        o.redact = true;
        break;
      case '-h':
      case '--help':
        io.out(USAGE);
        return 0;
      case '--lang': {
        const v = need(++i, 'en or zh-cn');
        if (v === null) return 2;
        if (v !== 'en' && v !== 'zh-cn') {
          io.err(`kernel-triage: --lang takes en or zh-cn\n`);
          return 2;
        }
        o.lang = v;
        break;
      }
      case '--kernel': {
        const v = need(++i, 'a release, e.g. --kernel 5.10');
        if (v === null) return 2;
        o.kernel = v;
        break;
      }
      case '--kind':
      case '--fail-on': {
        const v = need(++i, 'a list of kinds, e.g. oom,panic');
        const k = v === null ? null : kinds(v);
        if (k === null) return 2;
        if (a === '--kind') o.filter.kinds = k;
        else o.failOn = k;
        break;
      }
      case '--since':
      case '--until': {
        const v = need(++i, 'a time as the log prints it');
        if (v === null) return 2;
        const key = timeKey(v);
        if (key === null) {
          io.err(`kernel-triage: ${a}: cannot read the time "${v}" (write it as the log prints it: "Dec  4 00:01:23", 2024-12-04T00:01:23 or seconds since boot)\n`);
          return 2;
        }
        o.filter[a === '--since' ? 'since' : 'until'] = key;
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') {
          io.err(`kernel-triage: unknown option ${a}\n${USAGE}`);
          return 2;
        }
        o.files.push(a);
    }
  }
  if (o.files.length === 0) {
    io.err(USAGE);
    return 2;
  }
  return o;
}

function errorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
}

export async function main(argv: string[], io: Io = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const o = parseArgs(argv, io, env);
  if (typeof o === 'number') return o;
  let readError = false;
  let failed = false;
  let incomparable = 0;
  // --redact replaces hosts as they become known, so output can stream.
  const redactor = new Redactor([]);
  const out = (s: string): void => io.out(o.redact ? redactor.redact(s) : s);
  const options = o.kernel ? { kernel: o.kernel } : {};
  const streaming = o.format === 'json' || o.format === 'jsonl';
  if (o.format === 'json') io.out(`{"schema":${JSON.stringify(SCHEMA)},"files":[`);

  for (const [fileIndex, file] of o.files.entries()) {
    const analyzer = new Analyzer(options);
    const kept: KernelEvent[] = [];
    let emitted = 0;
    if (o.format === 'json') io.out(`${fileIndex ? ',' : ''}{"file":${JSON.stringify(file)},"events":[`);
    // JSON and JSON Lines stream each event as it settles: memory stays bounded for logs of any size.
    const take = (events: KernelEvent[]): void => {
      const f = filterEvents(events, o.filter);
      incomparable += f.incomparable;
      // One write per batch of events: fewer, larger writes.
      let batch = '';
      for (const ev of f.events) {
        if (o.failOn.includes(ev.kind)) failed = true;
        if (ev.host) redactor.addHost(ev.host);
        if (o.format === 'jsonl') batch += JSON.stringify(eventToJsonOnce(ev, file)) + '\n';
        else if (o.format === 'json') batch += (emitted++ ? ',' : '') + JSON.stringify(eventToJsonOnce(ev));
        else kept.push(ev);
      }
      if (batch) out(batch);
    };
    let error: string | null = null;
    try {
      for await (const piece of readLogPieces(file)) {
        analyzer.feed(piece);
        take(analyzer.drain());
        if (io.ready) await io.ready();
      }
    } catch (e) {
      error = errorText(e);
      io.err(`kernel-triage: ${file}: ${error}\n`);
      readError = true;
    }
    const analysis: Analysis | null = error === null ? analyzer.finish() : null;
    if (analysis) take(analysis.events);
    if (o.format === 'json') {
      const problems = analysis ? analysis.problems.map((p) => ({ line: p.line + 1, message: p.message })) : [];
      io.out(`],"lines":${analysis?.lines ?? 0},"error":${JSON.stringify(error)},"problems":${JSON.stringify(problems)}}`);
    }
    if (!analysis || streaming) continue;
    if (o.format === 'text') out(textSummary(file, kept, o.lang) + analysis.problems.map((p) => `  note: line ${p.line + 1}: ${p.message}\n`).join('') + '\n');
    else out(markdownReport(file, kept, o.lang) + '\n');
  }
  if (o.format === 'json') io.out(']}\n');
  if (incomparable > 0) io.err(`kernel-triage: ${incomparable} event(s) kept because their time could not be compared with --since/--until\n`);
  return readError ? 2 : failed ? 1 : 0;
}

