/**
 * `kernel-triage FILE… [options]`; `-` reads stdin; `.gz` files are read directly.
 * Exit 0 when every file was analysed (with or without events), 1 when `--fail-on` kinds were
 * found, 2 when a file could not be read (the others are still analysed) or the arguments are wrong.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { analyze } from '../core/analyze.js';
import { eventToJson, fileToJson, SCHEMA, type FileResult } from '../core/json.js';
import { langFromLocale, type Lang } from '../core/l10n/l10n.js';
import type { EventKind } from '../core/model/events.js';
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
}

const stdio: Io = { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s) };

export function decode(buf: Buffer): string {
  // As VS Code reads it: UTF-8, U+FFFD for bad bytes, no BOM.
  const s = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Reads a log, gunzipping rotated logs (`kern.log.2.gz`) by their magic bytes. */
export function readLog(file: string): string {
  let buf = file === '-' ? readFileSync(0) : readFileSync(file);
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  return decode(buf);
}

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

export function main(argv: string[], io: Io = stdio, env: NodeJS.ProcessEnv = process.env): number {
  const o = parseArgs(argv, io, env);
  if (typeof o === 'number') return o;
  let readError = false;
  let failed = false;
  let incomparable = 0;
  const results: FileResult[] = [];
  const hosts = new Set<string>();
  const chunks: string[] = [];
  // With --redact the whole output is redacted at the end, once every host is known.
  const emit = (s: string): void => void (o.redact ? chunks.push(s) : io.out(s));

  for (const file of o.files) {
    let text: string;
    try {
      text = readLog(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const msg = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
      io.err(`kernel-triage: ${file}: ${msg}\n`);
      results.push({ file, analysis: null, error: msg });
      readError = true;
      continue;
    }
    const analysis = analyze(text, o.kernel ? { kernel: o.kernel } : {});
    const kept = filterEvents(analysis.events, o.filter);
    incomparable += kept.incomparable;
    analysis.events = kept.events;
    for (const ev of analysis.events) if (ev.host) hosts.add(ev.host);
    if (analysis.events.some((e) => o.failOn.includes(e.kind))) failed = true;
    results.push({ file, analysis, error: null });
    if (o.format === 'jsonl') for (const ev of analysis.events) emit(JSON.stringify({ file, ...eventToJson(ev) }) + '\n');
    else if (o.format === 'text') emit(textSummary(file, analysis.events, o.lang) + analysis.problems.map((p) => `  note: line ${p.line + 1}: ${p.message}\n`).join('') + '\n');
    else if (o.format === 'markdown') emit(markdownReport(file, analysis.events, o.lang) + '\n');
  }
  if (o.format === 'json') emit(JSON.stringify({ schema: SCHEMA, files: results.map(fileToJson) }) + '\n');
  if (o.redact) {
    const r = new Redactor([...hosts]);
    io.out(r.redact(chunks.join('')));
  }
  if (incomparable > 0) io.err(`kernel-triage: ${incomparable} event(s) kept because their time could not be compared with --since/--until\n`);
  return readError ? 2 : failed ? 1 : 0;
}
