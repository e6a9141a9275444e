/**
 * text → { events, problems }. The one entry point of the analysis core, shared by the CLI, the
 * language server and the tests. No editor or LSP types here.
 *
 * Lines outside a report are skipped by one regular-expression search over the text (the anchors
 * of every report); lines inside one are lexed (Chevrotain) and classified. A physical line may
 * hold several logical lines: rsyslog escapes a record's newlines as `#012`, `/dev/kmsg` as `\x0a`
 * (kernel-log-formats.md §2.5, §2.2).
 *
 * `Analyzer` takes the text in pieces that end at line breaks (`feed`), so the CLI can stream a
 * file of any size and emit events as they settle; `analyze(text)` is the one-piece form.
 */
import { decodeGfp } from './knowledge/gfp.js';
import { lexSegment, type LexedLine, type Prefix } from './lexer/lexer.js';
import type { Analysis, Field, KernelEvent, Problem, ResumeState } from './model/events.js';
import { EVENT_ANCHOR, type EventLine } from './parser/eventLines.js';
import { OomBuilder } from './parser/builders/oom.js';
import { OtherBuilder, START_KINDS } from './parser/builders/other.js';
import { archOfRelease, locatedFields, type Builder, type LineCtx } from './parser/builders/report.js';
import { classifyReportLine, OOM_ANCHOR, TASK_ROW_MSG, type ReportLine } from './parser/reportLines.js';
import { LineIndex } from './text/lines.js';

export interface AnalyzeOptions {
  /** Kernel release to assume when a report does not print one (`--kernel 5.10`). */
  kernel?: string;
  /** Record the located fields of each event (for hovers). Off by default: it costs memory. */
  fields?: boolean;
  /**
   * Resuming in the middle of a log (incremental re-analysis): the state an event recorded when
   * it began (`resumeAt`), null for the start of the log.
   */
  resume?: {
    state: ResumeState | null;
    /** An `oom_reaper:` line for a kill before the resume point: true when an earlier event takes it. */
    claimReaper?: (pid: number, line: number, fields: Field[]) => boolean;
  };
}

/** Kernel records are at most 1 KiB (printk LOG_LINE_MAX); a joined syslog line a few KiB. */
export const MAX_LINE = 65536;

/** The start of any report, a boot banner, or a dmesg clock at zero (a new boot). */
const ANCHOR = new RegExp(`${OOM_ANCHOR.source}|${EVENT_ANCHOR.source}|Linux version \\d|\\[ {0,4}0\\.0000`, 'g');
/** The same anchors for one line's message, and the one late OOM line without an anchor (oom_kill.c `has mm pinned by`). */
const LINE_ANCHOR = new RegExp(`${ANCHOR.source}|has mm pinned by`);
/** An OOM report that has gone this many lines without a line of its own is over. */
const OOM_MAX_GAP = 500;
/**
 * After its `Killed process` line, what a report may still print (a memory.oom.group notice and
 * its kills, `has mm pinned by`, `sharing same memory`) comes in the same burst (oom_kill.c
 * oom_kill_process): a few of its host's other lines end it. Reports that end keep incremental
 * re-analysis short (it restarts where no other host's report is open).
 */
const OOM_AFTER_KILL_GAP = 8;
/**
 * A report past its kill line, or any report but an OOM one (oops, panic, warning…), also ends when
 * its host has printed nothing while this many newer events (of other hosts) began: a host that
 * falls silent (after a panic, or at the end of its part of a central log) leaves nothing open for
 * long, while one still printing its report keeps it, however busy the other hosts are. An OOM
 * report before its kill line waits for REAPER_WINDOW events.
 */
const SILENT_EVENTS = 16;
const BANNER = /^Linux version (\d\S*)/;
/** A tasks-table row (oom_kill.c dump_task) after whatever prefix: the row must end the line. */
const TASK_ROW = /\[ *\d+\](?:[ \t]+-?\d+){5,}(?:[ \t][^]*)?$/;
const NO_PREFIX: Prefix = { kind: 'none', time: null, monotonic: null, host: null, tag: null, level: null, callerId: null };
/** Most events held back in streaming while their boot's kernel is unknown. */
const HOLD = 10000;
/**
 * How many recent events a late `oom_reaper:` line may belong to; also how long a report left open
 * by a quiet host stays open (in events begun since).
 */
export const REAPER_WINDOW = 64;

/**
 * Per-host state: a central syslog file interleaves machines, and each has its own reports, boots
 * and clock. Lines without a host (no prefix, or continuation lines) belong to the last host seen.
 */
interface HostState {
  open: Builder | null;
  /** Foreign lines since the open report's last line. */
  gap: number;
  boot: number;
  sawKernelLine: boolean;
  lastMono: number;
  /** Events the analysis had begun when this host printed its last line. */
  lastEvent: number;
}

/**
 * A copy of a short string that does not keep the text it was cut from alive (V8 substrings of 13
 * characters or more point into their parent): for what outlives a piece of a streamed log.
 */
function own(s: string): string {
  return (' ' + s).slice(1);
}

function newHost(boot = 0): HostState {
  return { open: null, gap: 0, boot, sawKernelLine: boot > 0, lastMono: -1, lastEvent: 0 };
}

export class Analyzer {
  private readonly problems: Problem[] = [];
  /** Builders not yet handed out by `drain`, oldest first. */
  private builders: Builder[] = [];
  private readonly hosts = new Map<string, HostState>([['', newHost()]]);
  private hostKey = '';
  private hs: HostState;
  private openCount = 0;
  /** Events begun so far. */
  private started = 0;
  private lines = 0;
  private text = '';
  private offsetBase = 0;
  /** Kernel per host and boot, from banners and CPU lines, for events that print none. */
  private readonly perBoot = new Map<string, { release: string; arch: string | null; source: 'banner' | 'cpu-line' }>();

  constructor(private readonly options: AnalyzeOptions = {}) {
    const r = options.resume;
    if (r?.state) {
      for (const [host, boot, lastMono, sawKernelLine, kernel] of r.state.hosts) {
        this.hosts.set(host, { open: null, gap: 0, boot, sawKernelLine, lastMono, lastEvent: 0 });
        if (kernel) this.perBoot.set(`${host}\u0000${boot}`, kernel);
      }
      this.hostKey = r.state.host;
      if (!this.hosts.has(this.hostKey)) this.hosts.set(this.hostKey, newHost());
    }
    this.hs = this.hosts.get(this.hostKey)!;
  }

  /**
   * Whether a report is open on a host other than `host`. When the next line starts an event of
   * `host`, that event closes `host`'s report; with none open elsewhere, the analysis from that
   * line on does not depend on what came before (a place to stop re-analysing, incremental.ts).
   */
  openElsewhere(host: string): boolean {
    for (const [k, h] of this.hosts) if (h.open && k !== host) return true;
    return false;
  }

  private snapshot(): ResumeState {
    const hosts: ResumeState['hosts'] = [];
    // Banner kernels only: a CPU line's kernel reaches other events when the analysis settles
    // them, which depends on how it was fed (incremental.ts fills those in afterwards).
    for (const [k, h] of this.hosts) {
      const kernel = this.perBoot.get(`${k}\u0000${h.boot}`);
      hosts.push([k, h.boot, h.lastMono, h.sawKernelLine, kernel?.source === 'banner' ? kernel : null]);
    }
    let quiet = true;
    for (const [k, h] of this.hosts) if (h.open && k !== this.hostKey) quiet = false;
    return { host: own(this.hostKey), quiet, hosts };
  }

  /** The event the last line began, if it began one. */
  lastStarted(line: number): KernelEvent | null {
    const b = this.builders[this.builders.length - 1];
    return b && b.ev.startLine === line ? (b.ev as KernelEvent) : null;
  }

  /**
   * Analyse the next piece of the log: whole lines, whose first line is physical line `lineBase`
   * and whose first character is at `offsetBase` in the whole text (for located fields).
   */
  feed(text: string, lineBase = this.lines, offsetBase = 0, lineIndex?: LineIndex): void {
    this.text = text;
    this.offsetBase = offsetBase;
    const index = lineIndex ?? new LineIndex(text);
    const count = index.count;
    if (lineBase === 0 && looksBinary(text)) this.problems.push({ line: 0, message: 'This does not look like a text log (NUL bytes or undecodable data); events in it may be missed.' });
    let line = 0;
    while (line < count) {
      if (this.openCount === 0) {
        // No report open anywhere: jump to the next line that can start one.
        ANCHOR.lastIndex = index.starts[line]!;
        const m = ANCHOR.exec(text);
        const next = m ? index.lineAt(m.index) : count;
        if (next > line) {
          // Skipped lines are not analysed; say so for the ones too long to be kernel records.
          for (let i = line; i < next; i++) if (index.ends[i]! - index.starts[i]! > MAX_LINE) this.tooLong(lineBase + i, index.ends[i]! - index.starts[i]!);
          line = next;
          if (line >= count) break;
        }
      }
      this.line(text, index.starts[line]!, index.ends[line]!, lineBase + line);
      line++;
    }
    this.lines = lineBase + count;
  }

  private tooLong(line: number, length: number): void {
    this.problems.push({ line, message: `Line is ${length} characters long; lines over ${MAX_LINE} characters are not analysed.` });
  }

  private setOpen(b: Builder | null): void {
    if ((this.hs.open === null) !== (b === null)) this.openCount += b ? 1 : -1;
    this.hs.open = b;
    this.hs.gap = 0;
  }

  private switchHost(host: string | null): void {
    const key = host ?? this.hostKey;
    if (key === this.hostKey) return;
    let h = this.hosts.get(key);
    if (!h) this.hosts.set(own(key), (h = newHost()));
    // The current key may point into the current piece; the map's copies outlive it.
    this.hostKey = key;
    this.hs = h;
  }

  private line(text: string, start: number, end: number, line: number): void {
    if (end - start > MAX_LINE) {
      this.tooLong(line, end - start);
      return;
    }
    // Fast path for the bulk of an OOM report, its tasks-table rows: in a one-host log, a row is
    // recognised by its shape wherever its prefix ends, without the lexer.
    const open = this.hs.open;
    if (open instanceof OomBuilder && open.inTable && this.hosts.size <= 2) {
      const m = TASK_ROW.exec(text.slice(start, end));
      if (m) {
        open.addFastRow(m[0], { line, prefix: NO_PREFIX, msgStart: start + m.index, msgEnd: end, locate: this.options.fields === true, base: this.offsetBase });
        this.hs.gap = 0;
        this.hs.lastEvent = this.started;
        return;
      }
    }
    const lx = lexSegment(text, start, end);
    if (lx.prefix.host !== null) this.switchHost(lx.prefix.host);
    const h = this.hs;
    h.lastEvent = this.started;
    // Boots: dmesg time starting again near zero, or a `Linux version` banner.
    let newBoot = false;
    if (lx.prefix.monotonic !== null) {
      const secs = lx.prefix.monotonic;
      if (h.lastMono > secs + 1 && secs < 120 && h.sawKernelLine) {
        h.boot++;
        newBoot = true;
        this.setOpen(null);
      }
      h.lastMono = secs;
    }
    const c0 = text.charCodeAt(lx.msgStart);
    if (c0 === 76 /* L */) {
      const bm = BANNER.exec(text.slice(lx.msgStart, end));
      if (bm) {
        // One boot per line: `[    0.000000] Linux version …` after a clock reset is the same boot.
        if (h.sawKernelLine && !newBoot) h.boot++;
        const release = own(bm[1]!);
        this.perBoot.set(own(`${this.hostKey}\u0000${h.boot}`), { release, arch: archOfRelease(release), source: 'banner' });
        this.setOpen(null);
        h.lastMono = -1;
        h.sawKernelLine = true;
        return;
      }
    }
    if (end > start) h.sawKernelLine = true;
    const msg = lx.msgStart < end ? text.slice(lx.msgStart, end) : '';
    const sep = msg.includes('#012') ? '#012' : lx.prefix.kind === 'kmsg' && msg.includes('\\x0a') ? '\\x0a' : null;
    if (sep === null) {
      // A row of the tasks table being printed: what classifying and handling it would do, directly.
      const open = h.open;
      if (c0 === 91 /* [ */ && open instanceof OomBuilder && open.inTable && TASK_ROW_MSG.test(msg)) {
        open.addFastRow(msg.trimEnd(), { line, prefix: lx.prefix, msgStart: lx.msgStart, msgEnd: end, locate: this.options.fields === true, base: this.offsetBase });
        h.gap = 0;
        return;
      }
      // With no report open on this host, or an OOM report past its kill line, only a line with an
      // anchor can start or continue something (the same rule that skips lines when no report is
      // open anywhere; it reads the whole line, as a prefix may say what the line is, like the
      // `systemd-coredump[…]:` tag): the rest are foreign lines, not worth classifying.
      if ((open === null || (open instanceof OomBuilder && open.late)) && !LINE_ANCHOR.test(text.slice(start, end))) {
        this.foreignLine();
        return;
      }
      this.segment(text, lx, end, line);
      return;
    }
    // One physical line, several logical lines: lex each piece, sharing the line's prefix.
    let segStart = lx.msgStart;
    let first = true;
    while (segStart <= end) {
      const at = text.indexOf(sep, segStart);
      const segEnd = at === -1 || at >= end ? end : at;
      this.segment(text, first ? lexSegment(text, start, segEnd) : lexSegment(text, segStart, segEnd, lx.prefix), segEnd, line);
      first = false;
      if (segEnd === end) break;
      segStart = segEnd + sep.length;
    }
  }

  private segment(text: string, lx: LexedLine, end: number, line: number): void {
    const rec = classifyReportLine(text, lx, end);
    if (rec.k === 'other') {
      this.foreignLine();
      return;
    }
    this.handle(rec, { line, prefix: lx.prefix, msgStart: lx.msgStart, msgEnd: end, locate: this.options.fields === true, base: this.offsetBase });
  }

  private startEvent(b: Builder): void {
    // A new report seals every earlier one: their late lines (the reaper, another host's rest)
    // become parts outside their range, so ranges never overlap (CONVENTIONS.md "Event ranges").
    for (let i = this.builders.length - 1; i >= 0 && !this.builders[i]!.sealed; i--) this.builders[i]!.sealed = true;
    b.ev.stream = own(this.hostKey);
    const seq = this.started++;
    // A report left open by a host that went quiet ends once many newer events began: it can no
    // longer take lines, so events settle (and stream out) in bounded memory. Most end sooner
    // (SILENT_EVENTS). Both before the snapshot: the state the new event begins in has them closed.
    const old = this.builders[this.builders.length - REAPER_WINDOW];
    if (this.openCount > 0) {
      for (const h of this.hosts.values()) {
        const o = h.open;
        if (o && (o === old || ((o instanceof OtherBuilder || (o as OomBuilder).afterKill) && seq - h.lastEvent > SILENT_EVENTS))) this.closeHost(h);
      }
    }
    if (this.options.fields) b.ev.resumeAt = this.snapshot();
    this.builders.push(b);
    this.setOpen(b);
  }

  private closeHost(h: HostState): void {
    if (h.open) this.openCount--;
    h.open = null;
    h.gap = 0;
  }

  private handle(rec: ReportLine, ctx: LineCtx): void {
    const hs = this.hs;
    const text = this.text;
    switch (rec.k) {
      case 'trigger': {
        const b = new OomBuilder(ctx, hs.boot);
        this.startEvent(b);
        b.add(rec, ctx, text);
        return;
      }
      case 'reaper':
      case 'reaper-failed': {
        // The reaper runs shortly after the kill, possibly after the next report started.
        const bs = this.builders;
        for (let i = bs.length - 1; i >= 0 && i >= bs.length - REAPER_WINDOW; i--) {
          const b = bs[i]!;
          if (!(b instanceof OomBuilder) || (b.ev.host ?? '') !== (ctx.prefix.host ?? b.ev.host ?? '')) continue;
          if (b.ev.boot !== hs.boot) break;
          if (b.wantsReaper(rec.pid)) {
            b.addReaper(rec, ctx);
            return;
          }
        }
        if (this.options.resume?.claimReaper?.(rec.pid, ctx.line, ctx.locate ? locatedFields('reaper', rec.at, ctx.base) : [])) return;
        // Inside a report still being printed, a reaper line for an unknown kill must not end it.
        if (hs.open instanceof OomBuilder && hs.open.stage < 8) {
          this.problems.push({ line: ctx.line, message: `An oom_reaper line for pid ${rec.pid}, whose kill is not in the log, inside another OOM report.` });
          return;
        }
        const b = new OomBuilder(ctx, hs.boot);
        this.startEvent(b);
        b.addReaper(rec, ctx);
        this.setOpen(null);
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
        if (open.closed) this.setOpen(null);
        return;
      }
      // The second line of a two-line core-dump message whose first line was not seen.
      if (ev.k === 'coredump' && ev.continued) return;
      this.startEvent(new OtherBuilder(ev, ctx, hs.boot));
      return;
    }
    if (open && open.accepts(rec)) {
      open.add(rec, ctx, text);
      hs.gap = 0;
      // A report that printed its end marker (`---[ end trace`, `---[ end Kernel panic`) takes no
      // more lines: the host has none open (a host that falls silent after a panic leaves nothing
      // open for the other hosts' events).
      if (open.closed) this.setOpen(null);
      return;
    }
    if (rec.k === 'oom-kill' || rec.k === 'select' || rec.k === 'killed') {
      // A kill whose report is not in the file (rate-limited header, or cut by the excerpt).
      const b = new OomBuilder(ctx, hs.boot);
      this.startEvent(b);
      b.add(rec, ctx, text);
      return;
    }
    this.foreignLine();
  }

  /** A line that is not part of the open report. */
  private foreignLine(): void {
    const open = this.hs.open;
    if (!open) return;
    this.hs.gap++;
    if (open instanceof OtherBuilder ? open.foreign() : this.hs.gap > ((open as OomBuilder).afterKill ? OOM_AFTER_KILL_GAP : OOM_MAX_GAP)) this.setOpen(null);
  }

  /**
   * Events that can no longer change: sealed, closed, and beyond the window a late reaper line
   * may reach back to. For streaming output.
   */
  drain(): KernelEvent[] {
    const bs = this.builders;
    // Kernels a boot's CPU lines tell, in order, so that an event without its own CPU line gets its
    // boot's kernel as in one-piece analysis: such an event waits (up to HOLD events) until it is known.
    // Only sealed builders count: their lines (and so the architecture they hint) are complete.
    for (const b of bs) {
      const k = b.ev.kernel;
      if (!b.sealed || k?.source !== 'cpu-line') continue;
      const key = `${b.ev.stream}\u0000${b.ev.boot}`;
      if (!this.perBoot.has(key)) this.perBoot.set(own(key), { release: own(k.release), arch: b.kernelArch, source: 'cpu-line' });
    }
    const known = (b: Builder): boolean => b.ev.kernel !== null || this.perBoot.has(`${b.ev.stream}\u0000${b.ev.boot}`) || this.options.kernel !== undefined;
    let n = 0;
    while (n < bs.length - REAPER_WINDOW && bs[n]!.sealed && (known(bs[n]!) || bs.length - n > HOLD)) n++;
    if (n === 0) return [];
    const done = bs.slice(0, n);
    this.builders = bs.slice(n);
    return this.settle(done.map((b) => b.finish() as KernelEvent));
  }

  /** Gives events without their own CPU line the kernel of their boot. */
  private settle(events: KernelEvent[]): KernelEvent[] {
    for (const ev of events) {
      const key = `${ev.stream}\u0000${ev.boot}`;
      if (ev.kernel?.source === 'cpu-line' && !this.perBoot.has(key)) this.perBoot.set(own(key), { release: own(ev.kernel.release), arch: ev.kernel.arch, source: 'cpu-line' });
    }
    for (const ev of events) {
      if (ev.kernel) continue;
      const k = this.perBoot.get(`${ev.stream}\u0000${ev.boot}`);
      if (k) ev.kernel = { release: k.release, arch: k.arch, tainted: null, source: k.source };
      else if (this.options.kernel) ev.kernel = { release: this.options.kernel, arch: null, tainted: null, source: 'setting' };
    }
    for (const ev of events) {
      if (ev.kind === 'oom') OomBuilder.decode(ev);
      else if (ev.kind === 'page-alloc-failure' && ev.gfpMask !== null) ev.gfpDecoded = decodeGfp(ev.gfpMask, ev.kernel?.release ?? null, ev.gfpFlags);
    }
    for (const ev of events) {
      if (ev.kind === 'oom' && ev.trigger !== null && ev.killed === null) this.problems.push({ line: ev.startLine, message: 'The OOM report starting here has no kill line: the log may have been cut short.' });
    }
    return events;
  }

  /** The rest of the events, the problems, and the line count. */
  finish(): Analysis {
    const rest = this.settle(this.builders.map((b) => b.finish() as KernelEvent));
    this.builders = [];
    rest.sort((a, b) => a.startLine - b.startLine);
    this.problems.sort((a, b) => a.line - b.line);
    return { lines: this.lines, events: rest, problems: this.problems };
  }
}

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const a = new Analyzer(options);
  a.feed(text, 0);
  return a.finish();
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
