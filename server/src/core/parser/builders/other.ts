/**
 * Builders for every event other than the OOM kill.
 *
 * Reports with a stack dump (allocation failure, oops, warning, panic, lockups, hung task, RCU
 * stall, bad page) take the lines of their body until an end marker, the next report, or a run of
 * foreign lines; single-line events (segfault, trap, hardware error, core dump) take only their own
 * continuation lines (`Code:`, `Aborting core`, systemd-coredump's stack).
 */
import type { EventKind, KernelEvent, MemInfo, StackDump } from '../../model/events.js';
import type { EventLine } from '../eventLines.js';
import type { ReportLine } from '../reportLines.js';
import { Builder, baseFields, emptyMemInfo, emptyStackDump, type LineCtx } from './report.js';

/** Line kinds that begin an event (analyze.ts opens a builder for them). */
export const START_KINDS = new Set<ReportLine['k']>([
  'alloc-failure',
  'oops-start',
  'die',
  'cut-here',
  'warning-start',
  'panic',
  'soft-lockup',
  'hard-lockup',
  'hung-task',
  'rcu-stall',
  'bad-page',
  'hw-error',
  'segfault',
  'trap',
  'coredump',
  'coredump-systemd',
]);

/** How many foreign lines in a row end a report that printed no end marker. */
const MAX_GAP = 40;

type Data = Record<string, unknown>;

/** x86 page-fault error code bits (arch/x86/include/asm/trap_pf.h enum x86_pf_error_code). */
const PF_BITS: [number, string][] = [
  [0x1, 'protection-violation'],
  [0x2, 'write'],
  [0x4, 'user'],
  [0x8, 'reserved-bit'],
  [0x10, 'instruction-fetch'],
  [0x20, 'protection-key'],
  [0x8000, 'sgx'],
];

export function decodePfError(hex: string): string[] {
  const v = parseInt(hex, 16);
  if (Number.isNaN(v)) return [];
  const out = PF_BITS.filter(([b]) => (v & b) !== 0).map(([, n]) => n);
  if ((v & 0x1) === 0) out.unshift('not-present');
  if ((v & 0x2) === 0) out.push('read');
  if ((v & 0x4) === 0) out.push('kernel');
  return out;
}

function panicCause(reason: string): string {
  if (/panic_on_oom/.test(reason)) return 'panic_on_oom';
  if (/^Out of memory and no killable processes|System is deadlocked on memory/.test(reason)) return 'oom-no-killable';
  // kernel/panic.c oops_end callers: `Fatal exception in interrupt` (in_interrupt()), `Fatal exception` (panic_on_oops).
  if (/^Fatal exception in interrupt/.test(reason)) return 'oops-in-interrupt';
  if (/^Fatal exception/.test(reason)) return 'panic-on-oops';
  if (/hung_task|hung tasks? ?$|blocked tasks/.test(reason)) return /softlockup/.test(reason) ? 'soft-lockup' : 'hung-task';
  if (/softlockup/.test(reason)) return 'soft-lockup';
  if (/Hard LOCKUP/i.test(reason)) return 'hard-lockup';
  if (/Attempted to kill init/.test(reason)) return 'init-killed';
  if (/Unable to mount root fs|VFS: /.test(reason)) return 'root-fs';
  if (/[Mm]achine check/.test(reason)) return 'machine-check';
  return 'other';
}

export class OtherBuilder extends Builder {
  private kind: EventKind | null;
  private data: Data;
  private sd: StackDump = emptyStackDump();
  private memInfo: MemInfo | null = null;
  /** Consecutive foreign lines since the last line taken. */
  gap = 0;
  private systemdPid: number | null = null;
  /** systemd-coredump's own pid (its syslog tag), which every line of one entry carries. */
  private tagPid: number | null = null;

  constructor(rec: EventLine, ctx: LineCtx, boot: number) {
    super(baseFields('pending', ctx, boot));
    this.kind = null;
    this.data = {};
    this.start(rec, ctx);
  }

  private start(rec: EventLine, ctx: LineCtx): void {
    const d = this.data;
    switch (rec.k) {
      case 'alloc-failure':
        this.kind = 'page-alloc-failure';
        Object.assign(d, {
          stallMs: rec.stallMs,
          order: rec.order,
          gfpMask: rec.gfpMask,
          gfpFlags: rec.gfpFlags,
          gfpDecoded: null,
          nodemask: rec.nodemask,
          cpuset: rec.cpuset !== null ? { name: rec.cpuset, memsAllowed: rec.memsAllowed } : null,
        });
        this.sd.comm = rec.comm;
        break;
      case 'oops-start':
        this.kind = 'oops';
        Object.assign(d, { headline: rec.headline, type: rec.type, address: rec.address, errorCode: null, dieCounter: null, location: rec.location, endTrace: null });
        break;
      case 'die':
        this.kind = 'oops';
        Object.assign(d, { headline: rec.headline, type: rec.type, address: null, errorCode: rec.errorCode, dieCounter: rec.dieCounter, location: null, endTrace: null });
        break;
      case 'cut-here':
        this.kind = null;
        break;
      case 'warning-start':
        this.kind = 'warning';
        Object.assign(d, { location: rec.location, function: rec.fn, endTrace: null });
        this.sd.pid = rec.pid;
        this.sd.cpu = rec.cpu;
        break;
      case 'panic':
        this.kind = 'panic';
        Object.assign(d, { reason: rec.reason, cause: panicCause(rec.reason), rebootSeconds: null });
        break;
      case 'soft-lockup':
        this.kind = 'soft-lockup';
        Object.assign(d, { stuckCpu: rec.cpu, seconds: rec.seconds, task: { comm: rec.comm, pid: rec.pid } });
        break;
      case 'hard-lockup':
        this.kind = 'hard-lockup';
        Object.assign(d, { stuckCpu: rec.cpu, seconds: null, task: null });
        break;
      case 'hung-task':
        this.kind = 'hung-task';
        Object.assign(d, { seconds: rec.seconds, state: null });
        this.sd.comm = rec.comm;
        this.sd.pid = rec.pid;
        break;
      case 'rcu-stall':
        this.kind = 'rcu-stall';
        Object.assign(d, { flavour: rec.flavour, selfDetected: rec.self, cpus: [] });
        break;
      case 'bad-page':
        this.kind = 'bad-page';
        Object.assign(d, { pfn: rec.pfn, reason: null });
        this.sd.comm = rec.comm;
        break;
      case 'hw-error':
        this.kind = 'hardware-error';
        Object.assign(d, { source: rec.source, headline: rec.headline, cpu: rec.cpu, bank: rec.bank, corrected: rec.corrected });
        break;
      case 'segfault':
        this.kind = 'segfault';
        Object.assign(d, {
          comm: rec.comm,
          pid: rec.pid,
          address: rec.address,
          ip: rec.ip,
          sp: rec.sp,
          error: rec.error,
          errorDecoded: rec.error !== null ? decodePfError(rec.error) : null,
          library: rec.library,
          mapStart: rec.mapStart,
          mapSize: rec.mapSize,
          fileOffset: rec.fileOffset,
          cpu: rec.cpu,
          detail: rec.detail,
        });
        break;
      case 'trap':
        this.kind = 'trap';
        Object.assign(d, { comm: rec.comm, pid: rec.pid, trap: rec.trap, ip: rec.ip, sp: rec.sp, error: rec.error, library: rec.library, mapStart: rec.mapStart, mapSize: rec.mapSize, fileOffset: rec.fileOffset });
        break;
      case 'coredump':
        this.kind = 'coredump';
        Object.assign(d, { source: 'kernel', comm: rec.comm, pid: rec.pid, uid: null, outcome: rec.outcome, message: rec.message, corePath: null, stack: null });
        break;
      case 'coredump-systemd':
        this.kind = 'coredump';
        this.systemdPid = rec.pid;
        this.tagPid = rec.tagPid;
        Object.assign(d, { source: 'systemd-coredump', comm: rec.comm, pid: rec.pid, uid: rec.uid, outcome: rec.outcome, message: rec.message, corePath: null, stack: null });
        break;
      default:
        break;
    }
    this.take(this.kind === null ? 'cut-here' : 'header', rec, ctx, 'header');
  }

  /** A start line that belongs to this report rather than beginning a new one. */
  absorbs(rec: ReportLine): boolean {
    if (this.closed) return false;
    const k = rec.k;
    if (this.kind === null) return k === 'warning-start' || k === 'oops-start' || k === 'die';
    if (this.kind === 'oops') {
      // `BUG: unable to handle …` then `Oops: 0000 [#1]`; `kernel BUG at …` then `invalid opcode: 0000 [#1]`.
      return k === 'die' && this.data.dieCounter === null;
    }
    if (this.kind === 'hardware-error') return k === 'hw-error';
    if (this.kind === 'coredump') return k === 'coredump' && rec.continued && this.data.source === 'kernel';
    return false;
  }

  accepts(rec: ReportLine): boolean {
    if (this.closed) return false;
    const k = rec.k;
    switch (this.kind) {
      case 'segfault':
      case 'trap':
        // 4.19+ prints `Code:` after the line; arm64 dumps registers (and a CPU line) after it.
        return k === 'registers' || (this.data.detail !== null && this.data.detail !== undefined && (k === 'cpu' || k === 'hardware' || k === 'detail'));
      case 'hardware-error':
        return k === 'detail' && rec.what === 'hw';
      case 'coredump':
        return this.data.source === 'systemd-coredump' && k === 'coredump-systemd-detail' && (rec.tagPid === null || rec.tagPid === this.tagPid);
      case 'page-alloc-failure':
        if (k === 'cpuset') return true;
        return this.isBody(rec, true);
      case 'hung-task':
        if (k === 'hung-detail') return true;
        break;
      case 'rcu-stall':
        if (k === 'rcu-detail' || k === 'hung-detail') return true;
        break;
      case 'bad-page':
        if (k === 'bad-page-detail') return true;
        break;
      case 'panic':
        if (k === 'panic-detail') return true;
        break;
      default:
        break;
    }
    if (k === 'end-trace') return this.kind === 'oops' || this.kind === 'warning' || this.kind === null;
    return this.isBody(rec, false);
  }

  add(rec: ReportLine, ctx: LineCtx, text: string): void {
    this.gap = 0;
    if (START_KINDS.has(rec.k)) {
      // A line this report absorbs.
      const r = rec as EventLine;
      if (this.kind === null) {
        this.start(r, ctx);
        return;
      }
      // The die line adds its error code and counter; the first line said what kind of oops it is.
      if (r.k === 'die') Object.assign(this.data, { errorCode: r.errorCode, dieCounter: r.dieCounter });
      this.take(r.k === 'die' ? 'header' : r.k, rec, ctx, 'header');
      return;
    }
    switch (rec.k) {
      case 'end-trace':
        this.take('end', rec, ctx);
        this.data.endTrace = rec.id;
        this.closed = true;
        return;
      case 'panic-detail':
        this.take('end', rec, ctx);
        if (rec.rebootSeconds !== null) this.data.rebootSeconds = rec.rebootSeconds;
        if (rec.end) this.closed = true;
        return;
      case 'hung-detail':
        this.take('task', rec, ctx);
        if (rec.state !== null) this.data.state ??= rec.state;
        return;
      case 'rcu-detail':
        this.take('stall', rec, ctx);
        if (rec.cpu !== null) (this.data.cpus as number[]).push(rec.cpu);
        return;
      case 'bad-page-detail':
        this.take('page', rec, ctx);
        if (rec.reason !== null) this.data.reason = rec.reason;
        return;
      case 'cpuset':
        this.take('cpuset', rec, ctx);
        this.data.cpuset = { name: rec.cpuset, memsAllowed: rec.memsAllowed };
        return;
      case 'coredump-systemd-detail':
        this.take('coredump', rec, ctx);
        if (rec.tagPid !== null) this.tagPid ??= rec.tagPid;
        if (rec.corePath !== null) this.data.corePath = rec.corePath;
        if (rec.frame !== null) {
          const stack = (this.data.stack as string[] | null) ?? [];
          stack.push(rec.frame);
          this.data.stack = stack;
        }
        return;
      case 'detail':
        if (this.kind === 'hardware-error') {
          this.take('header', rec, ctx, 'header');
          return;
        }
        break;
      default:
        break;
    }
    this.body(rec, ctx, text, this.sd, this.kind === 'page-alloc-failure' ? () => (this.memInfo ??= emptyMemInfo()) : null);
  }

  /** A foreign line inside the report; returns true when the report should end. */
  foreign(): boolean {
    this.gap++;
    if (this.kind === 'segfault' || this.kind === 'trap' || this.kind === 'coredump' || this.kind === 'hardware-error' || this.gap > MAX_GAP) {
      this.closed = true;
    }
    return this.closed;
  }

  override finish(): KernelEvent {
    const ev = this.ev as unknown as Record<string, unknown>;
    const kind = this.kind ?? 'warning';
    ev.kind = kind;
    if (this.kind === null) Object.assign(this.data, { location: null, function: null, endTrace: null });
    const sd = this.sd;
    switch (kind) {
      case 'segfault':
      case 'trap':
      case 'hardware-error':
      case 'coredump':
        Object.assign(ev, this.data);
        break;
      case 'page-alloc-failure':
        Object.assign(ev, sd, this.data, { memInfo: this.memInfo });
        break;
      default:
        Object.assign(ev, sd, this.data);
        break;
    }
    if (this.systemdPid !== null) ev.pid = this.systemdPid;
    // A report is complete when the parts that close it were printed.
    ev.complete = this.isComplete(kind);
    super.finish();
    return ev as unknown as KernelEvent;
  }

  private isComplete(kind: EventKind): boolean {
    const d = this.data;
    switch (kind) {
      case 'oops':
      case 'warning':
        return d.endTrace !== null && d.endTrace !== undefined;
      case 'page-alloc-failure':
        return this.memInfo !== null;
      case 'hung-task':
      case 'soft-lockup':
      case 'rcu-stall':
        return this.sd.callTrace !== null && this.sd.callTrace.length > 0;
      default:
        return true;
    }
  }
}
