/**
 * text → { events, problems }. The one entry point of the analysis core, shared by the CLI, the
 * language server and the tests. No editor or LSP types here.
 *
 * Lines outside a report are only tested against a cheap anchor pattern; lines inside one are
 * lexed (Chevrotain) and classified. A physical line may hold several logical lines: rsyslog
 * escapes a record's newlines as `#012`, `/dev/kmsg` as `\x0a` (kernel-log-formats.md §2.5, §2.2).
 */
import { lexSegment, type LexedLine, type Prefix } from './lexer/lexer.js';
import type { Analysis, KernelEvent, Problem } from './model/events.js';
import { EVENT_ANCHOR, type EventLine } from './parser/eventLines.js';
import { OomBuilder } from './parser/builders/oom.js';
import { OtherBuilder, START_KINDS } from './parser/builders/other.js';
import { archOfRelease, type Builder, type LineCtx } from './parser/builders/report.js';
import { classifyReportLine, OOM_ANCHOR, type ReportLine } from './parser/reportLines.js';
import { LineIndex } from './text/lines.js';

export interface AnalyzeOptions {
  /** Kernel release to assume when a report does not print one (`--kernel 5.10`). */
  kernel?: string;
}

/** Kernel records are at most 1 KiB (printk LOG_LINE_MAX); a joined syslog line a few KiB. */
export const MAX_LINE = 65536;

/** Lines outside any report are lexed only when they match this. */
const ANCHOR = new RegExp(`${OOM_ANCHOR.source}|${EVENT_ANCHOR.source}`);
/** An OOM report that has gone this many lines without a line of its own is over. */
const OOM_MAX_GAP = 500;
const BANNER = /^Linux version (\d\S*)/;
const MONO_AT_START = /^\s*(?:<\d{1,3}>)?\[ *(\d+)\.\d+\]/;

/**
 * Per-host state: a central syslog file interleaves machines, and each has its own reports, boots
 * and clock. Lines without a host (no prefix, or continuation lines) belong to the last host seen.
 */
interface HostState {
  open: Builder | null;
  /** Kernel release per boot, from the `Linux version` banner. */
  banners: Map<number, string>;
  /** Foreign lines since the open report's last line. */
  gap: number;
  boot: number;
  sawKernelLine: boolean;
  lastMono: number;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const index = new LineIndex(text);
  const problems: Problem[] = [];
  const builders: Builder[] = [];
  const hosts = new Map<string, HostState>();
  let hostKey = '';
  let hs: HostState = { open: null, banners: new Map(), gap: 0, boot: 0, sawKernelLine: false, lastMono: -1 };
  hosts.set(hostKey, hs);
  const anyOpen = (): boolean => {
    for (const h of hosts.values()) if (h.open) return true;
    return false;
  };
  const switchHost = (host: string | null): void => {
    const key = host ?? hostKey;
    if (key === hostKey) return;
    hostKey = key;
    let h = hosts.get(key);
    if (!h) hosts.set(key, (h = { open: null, banners: new Map(), gap: 0, boot: 0, sawKernelLine: false, lastMono: -1 }));
    hs = h;
  };

  if (looksBinary(text)) problems.push({ line: 0, message: 'This does not look like a text log (NUL bytes or undecodable data); events in it may be missed.' });

  const startEvent = (b: Builder): void => {
    // A new report seals every earlier one: their late lines (the reaper, another host's rest)
    // become parts outside their range, so ranges never overlap (CONVENTIONS.md "Event ranges").
    for (let i = builders.length - 1; i >= 0 && !builders[i]!.sealed; i--) builders[i]!.sealed = true;
    builders.push(b);
    hs.open = b;
    hs.gap = 0;
  };

  const handle = (rec: ReportLine, ctx: LineCtx): void => {
    switch (rec.k) {
      case 'trigger': {
        const b = new OomBuilder(ctx, hs.boot);
        startEvent(b);
        b.add(rec, ctx, text);
        return;
      }
      case 'reaper':
      case 'reaper-failed': {
        // The reaper runs shortly after the kill, possibly after the next report started.
        for (let i = builders.length - 1; i >= 0 && i >= builders.length - 64; i--) {
          const b = builders[i]!;
          if (!(b instanceof OomBuilder) || (b.ev.host ?? '') !== (ctx.prefix.host ?? b.ev.host ?? '')) continue;
          if (b.ev.boot !== hs.boot) break;
          if (b.wantsReaper(rec.pid)) {
            b.addReaper(rec, ctx);
            return;
          }
        }
        const b = new OomBuilder(ctx, hs.boot);
        startEvent(b);
        b.addReaper(rec, ctx);
        hs.open = null;
        return;
      }
      default:
        break;
    }
    const open = hs.open;
    if (START_KINDS.has(rec.k)) {
      const ev = rec as EventLine;
      if (open instanceof OtherBuilder && open.absorbs(rec)) {
        open.add(rec, ctx, text);
        hs.gap = 0;
        return;
      }
      // The second line of a two-line core-dump message whose first line was not seen.
      if (ev.k === 'coredump' && ev.continued) return;
      startEvent(new OtherBuilder(ev, ctx, hs.boot));
      return;
    }
    if (open && open.accepts(rec)) {
      open.add(rec, ctx, text);
      hs.gap = 0;
      return;
    }
    if (rec.k === 'oom-kill' || rec.k === 'select' || rec.k === 'killed') {
      // A kill whose report is not in the file (rate-limited header, or cut by the excerpt).
      const b = new OomBuilder(ctx, hs.boot);
      startEvent(b);
      b.add(rec, ctx, text);
      return;
    }
    foreignLine();
  };

  /** A line that is not part of the open report. */
  const foreignLine = (): void => {
    const open = hs.open;
    if (!open) return;
    hs.gap++;
    if (open instanceof OtherBuilder ? open.foreign() : hs.gap > OOM_MAX_GAP) hs.open = null;
  };

  const lexAndHandle = (lx: LexedLine, end: number, line: number): void => {
    const rec = classifyReportLine(text, lx, end);
    if (rec.k === 'other') {
      foreignLine();
      return;
    }
    handle(rec, { line, prefix: lx.prefix, msgStart: lx.msgStart, msgEnd: end });
  };

  for (let line = 0; line < index.count; line++) {
    const start = index.starts[line]!;
    const end = index.ends[line]!;
    if (end - start > MAX_LINE) {
      problems.push({ line, message: `Line is ${end - start} characters long; lines over ${MAX_LINE} characters are not analysed.` });
      continue;
    }
    const raw = text.slice(start, end);
    // Boots: a `Linux version` banner, or dmesg time starting again near zero.
    const mono = MONO_AT_START.exec(raw);
    if (mono) {
      const secs = Number(mono[1]);
      if (hs.lastMono > secs + 1 && secs < 120 && hs.sawKernelLine) {
        hs.boot++;
        hs.open = null;
      }
      hs.lastMono = secs;
    }
    const banner = raw.includes('Linux version ');
    if (!banner && !anyOpen() && !ANCHOR.test(raw)) {
      if (raw.length > 0) hs.sawKernelLine = true;
      continue;
    }

    const lx = lexSegment(text, start, end);
    if (lx.prefix.host !== null) switchHost(lx.prefix.host);
    const bm = banner ? BANNER.exec(text.slice(lx.msgStart, end)) : null;
    if (bm) {
      if (hs.sawKernelLine) hs.boot++;
      hs.banners.set(hs.boot, bm[1]!);
      hs.open = null;
      hs.lastMono = -1;
      hs.sawKernelLine = true;
      continue;
    }
    if (raw.length > 0) hs.sawKernelLine = true;
    const msg = text.slice(lx.msgStart, end);
    const sep = msg.includes('#012') ? '#012' : lx.prefix.kind === 'kmsg' && msg.includes('\\x0a') ? '\\x0a' : null;
    if (sep === null) {
      lexAndHandle(lx, end, line);
      continue;
    }
    // One physical line, several logical lines: lex each piece, sharing the line's prefix.
    let segStart = lx.msgStart;
    let first = true;
    while (segStart <= end) {
      const at = text.indexOf(sep, segStart);
      const segEnd = at === -1 || at >= end ? end : at;
      const seg: LexedLine = first ? lexSegment(text, start, segEnd) : lexSegment(text, segStart, segEnd, lx.prefix);
      lexAndHandle(seg, segEnd, line);
      first = false;
      if (segEnd === end) break;
      segStart = segEnd + sep.length;
    }
  }

  const events = builders.map((b) => b.finish() as KernelEvent);
  // An event without its own CPU line runs the kernel of its boot: the banner, else another
  // report's CPU line in that boot, else the --kernel setting.
  const perBoot = new Map<string, { release: string; arch: string | null; source: 'banner' | 'cpu-line' }>();
  for (const [host, h] of hosts) for (const [boot, release] of h.banners) perBoot.set(`${host}\u0000${boot}`, { release, arch: archOfRelease(release), source: 'banner' });
  for (const ev of events) {
    const key = `${ev.host ?? ''}\u0000${ev.boot}`;
    if (ev.kernel?.source === 'cpu-line' && !perBoot.has(key)) perBoot.set(key, { release: ev.kernel.release, arch: ev.kernel.arch, source: 'cpu-line' });
  }
  for (const ev of events) {
    if (ev.kernel) continue;
    const k = perBoot.get(`${ev.host ?? ''}\u0000${ev.boot}`);
    if (k) ev.kernel = { release: k.release, arch: k.arch, tainted: null, source: k.source };
    else if (options.kernel) ev.kernel = { release: options.kernel, arch: null, tainted: null, source: 'setting' };
  }
  for (const ev of events) {
    if (ev.kind === 'oom' && ev.trigger !== null && ev.killed === null) {
      problems.push({ line: ev.startLine, message: `The OOM report starting here has no kill line: the log may have been cut short.` });
    }
  }
  events.sort((a, b) => a.startLine - b.startLine);
  return { lines: index.count, events, problems };
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.length === 0) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) bad++;
  }
  return bad > sample.length / 10;
}

export type { Prefix };
