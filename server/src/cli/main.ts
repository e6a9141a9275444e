/**
 * `kernel-triage FILE… [--json | --jsonl | --markdown] [--kernel RELEASE]`; `-` reads stdin.
 * Exit 0 when every file was analysed (with or without events), 2 when one could not be read
 * (the others are still analysed) or the arguments are wrong.
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../core/analyze.js';
import { eventToJson, runToJson, type FileResult } from '../core/json.js';
import { markdownReport, textSummary } from '../core/report/summary.js';

const USAGE = `Usage: kernel-triage FILE... [--json | --jsonl | --markdown] [--kernel RELEASE]

Finds OOM kills in Linux kernel logs (dmesg, kern.log, messages, journalctl output) and explains them.
  FILE            a log file; - reads standard input
  --json          one JSON object for the run (schema kernel-triage/1)
  --jsonl         one JSON object per event, each with its file
  --markdown      a Markdown incident report
  --kernel REL    kernel release to assume where a report does not print one
  -h, --help      this text
`;

type Format = 'text' | 'json' | 'jsonl' | 'markdown';

export function decode(buf: Buffer): string {
  // As VS Code reads it: UTF-8, U+FFFD for bad bytes, no BOM.
  const s = new TextDecoder('utf-8', { fatal: false }).decode(buf);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const stdio: Io = { out: (s) => void process.stdout.write(s), err: (s) => void process.stderr.write(s) };

export function main(argv: string[], io: Io = stdio): number {
  let format: Format = 'text';
  let kernel: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') format = 'json';
    else if (a === '--jsonl') format = 'jsonl';
    else if (a === '--markdown') format = 'markdown';
    else if (a === '--kernel') {
      kernel = argv[++i];
      if (!kernel) {
        io.err('kernel-triage: --kernel needs a release, e.g. --kernel 5.10\n');
        return 2;
      }
    } else if (a === '-h' || a === '--help') {
      io.out(USAGE);
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      io.err(`kernel-triage: unknown option ${a}\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    io.err(USAGE);
    return 2;
  }
  let status = 0;
  const results: FileResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = decode(file === '-' ? readFileSync(0) : readFileSync(file));
    } catch (e) {
      const msg = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
      io.err(`kernel-triage: ${file}: ${msg}\n`);
      results.push({ file, analysis: null, error: msg });
      status = 2;
      continue;
    }
    const analysis = analyze(text, kernel ? { kernel } : {});
    results.push({ file, analysis, error: null });
    if (format === 'jsonl') for (const ev of analysis.events) io.out(JSON.stringify({ file, ...eventToJson(ev) }) + '\n');
    else if (format === 'text') io.out(textSummary(file, analysis.events) + (analysis.problems.length ? analysis.problems.map((p) => `  note: line ${p.line + 1}: ${p.message}\n`).join('') : '') + '\n');
    else if (format === 'markdown') io.out(markdownReport(file, analysis.events) + '\n');
  }
  if (format === 'json') io.out(JSON.stringify(runToJson(results)) + '\n');
  return status;
}

