/**
 * What every event builder shares: its range and parts, located fields, and the stack dump that
 * most reports print (lib/dump_stack.c: `CPU: … PID: … Comm: …`, `Hardware name:`, the call
 * trace, registers, `Modules linked in:`), plus the `Mem-Info` block (OOM kills and allocation
 * failures both print show_mem()).
 */
import type { EventBase, Field, MemInfo, Part, StackDump } from '../../model/events.js';
import type { Prefix } from '../../lexer/lexer.js';
import type { Loc, ReportLine } from '../reportLines.js';

export interface LineCtx {
  line: number;
  prefix: Prefix;
  msgStart: number;
  msgEnd: number;
  /** Record located fields (hovers need them; the CLI does not). */
  locate: boolean;
  /** Offset of the analysed piece in the whole text: added to located fields. */
  base: number;
}

/** Part names for folding and the outline: which part a line kind belongs to. */
const BODY_PART: Partial<Record<ReportLine['k'], string>> = {
  cpu: 'cpu',
  hardware: 'cpu',
  'stack-info': 'cpu',
  'trace-header': 'call-trace',
  frame: 'call-trace',
  registers: 'registers',
  modules: 'modules',
  detail: 'details',
  'mem-info': 'mem-info',
  counters: 'mem-info',
  node: 'mem-info',
  zone: 'mem-info',
  'lowmem-reserve': 'mem-info',
  buddy: 'mem-info',
  'per-cpu': 'mem-info',
  hugepages: 'mem-info',
  'mem-total': 'mem-info',
  slab: 'unreclaimable-slab',
};

const camelCache = new Map<string, string>();

export function camel(s: string): string {
  let c = camelCache.get(s);
  if (c === undefined) camelCache.set(s, (c = s.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase())));
  return c;
}

export function emptyStackDump(): StackDump {
  return { comm: null, pid: null, cpu: null, hardware: null, callTrace: null, ip: null, modules: null };
}

export function baseFields(kind: string, ctx: LineCtx, boot: number): EventBase {
  return { kind, startLine: ctx.line, endLine: ctx.line, parts: [], time: ctx.prefix.time, host: ctx.prefix.host, boot, stream: '', complete: false, kernel: null, fields: [] };
}

/** The located fields of one line (`at`, relative to `base`), named `prefix.key`. */
export function locatedFields(prefix: string, at: Record<string, Loc>, base: number): Field[] {
  const out: Field[] = [];
  for (const key of Object.keys(at)) {
    const [start, end] = at[key]!;
    out.push({ name: `${prefix}.${key}`, start: start + base, end: end + base });
  }
  return out;
}

export abstract class Builder<E extends EventBase = EventBase> {
  /** After a later event started, lines no longer widen the range (CONVENTIONS.md "Event ranges"). */
  sealed = false;
  /** No more lines of any kind: the report ended (end marker) or something else began. */
  closed = false;
  protected arch: string | null = null;
  protected inMemInfo = false;

  constructor(readonly ev: E) {}

  /** Whether `rec` continues this event. */
  abstract accepts(rec: ReportLine): boolean;
  /** Adds a line this builder accepted. */
  abstract add(rec: ReportLine, ctx: LineCtx, text: string): void;

  finish(): E {
    const ev = this.ev;
    if (ev.kernel && ev.kernel.arch === null && this.arch) ev.kernel.arch = this.arch;
    ev.parts.sort((a, b) => a.startLine - b.startLine);
    return ev;
  }

  /** Extends the range (unless sealed), records the part and the located fields. */
  protected take(part: string, rec: ReportLine, ctx: LineCtx, fieldPrefix?: string): void {
    if (!this.sealed) this.ev.endLine = Math.max(this.ev.endLine, ctx.line);
    this.addPart(part, ctx.line);
    if (ctx.locate) this.locate(fieldPrefix ?? camel(part), rec.at, ctx.base);
  }

  protected addPart(name: string, line: number): void {
    const parts = this.ev.parts;
    for (let i = parts.length - 1; i >= 0 && i >= parts.length - 3; i--) {
      const p = parts[i]!;
      if (p.name === name) {
        if (line > p.endLine) p.endLine = line;
        return;
      }
    }
    parts.push({ name, startLine: line, endLine: line } satisfies Part);
  }

  protected locate(prefix: string, at: Record<string, Loc>, base: number): void {
    this.ev.fields.push(...locatedFields(prefix, at, base));
  }

  /** The architecture this event's kernel runs on, as far as its lines told so far. */
  get kernelArch(): string | null {
    return this.ev.kernel?.arch ?? this.arch;
  }

  protected archHint(a: string): void {
    this.arch ??= a;
  }

  /** Whether `rec` is a stack-dump or Mem-Info line this event can take. */
  protected isBody(rec: ReportLine, memInfo: boolean): boolean {
    const k = rec.k;
    if (k === 'counters') return memInfo && this.inMemInfo;
    const part = BODY_PART[k];
    if (part === undefined) return false;
    return memInfo || part !== 'mem-info';
  }

  /**
   * Takes a stack-dump or Mem-Info line. `sd` receives the stack-dump fields, `mi` the Mem-Info
   * block (created on first use).
   */
  protected body(rec: ReportLine, ctx: LineCtx, text: string, sd: StackDump, mi: (() => MemInfo) | null): void {
    const part = BODY_PART[rec.k] ?? rec.k;
    this.take(part, rec, ctx, ctx.locate ? camel(part) + (part === 'mem-info' && rec.k !== 'mem-info' ? '.' + camel(rec.k) : '') : undefined);
    if (rec.k !== 'counters' && rec.k !== 'mem-info') this.inMemInfo = false;
    switch (rec.k) {
      case 'cpu':
        sd.comm ??= rec.comm;
        sd.pid ??= rec.pid;
        sd.cpu ??= rec.cpu;
        if (rec.release !== null && this.ev.kernel === null) this.ev.kernel = { release: rec.release, arch: archOfRelease(rec.release), tainted: rec.tainted, source: 'cpu-line' };
        break;
      case 'hardware':
        sd.hardware ??= rec.name;
        break;
      case 'trace-header':
        sd.callTrace ??= [];
        if (text.startsWith('Call trace:', ctx.msgStart)) this.archHint('arm64');
        break;
      case 'frame':
        if (rec.frame !== null) (sd.callTrace ??= []).push(rec.frame);
        break;
      case 'registers':
        if (rec.arch !== null) this.archHint(rec.arch);
        if (rec.ip !== null) sd.ip ??= rec.ip;
        break;
      case 'modules':
        sd.modules ??= rec.list;
        break;
      case 'mem-info':
        mi?.();
        this.inMemInfo = true;
        break;
      case 'counters':
        if (mi) Object.assign(mi().counters, rec.values);
        this.inMemInfo = true;
        break;
      case 'node':
        mi?.().nodes.push({ node: rec.node, kb: rec.kb, allUnreclaimable: rec.allUnreclaimable });
        break;
      case 'zone':
        mi?.().zones.push({ node: rec.node, zone: rec.zone, kb: rec.kb, lowmemReserve: null, buddy: null });
        break;
      case 'lowmem-reserve': {
        const zones = mi?.().zones;
        const z = zones?.[zones.length - 1];
        if (z && z.lowmemReserve === null) z.lowmemReserve = rec.values;
        break;
      }
      case 'buddy': {
        if (!mi) break;
        const m = mi();
        let z = m.zones.find((x) => x.node === rec.node && x.zone === rec.zone && x.buddy === null);
        if (!z) {
          z = { node: rec.node, zone: rec.zone, kb: Object.create(null), lowmemReserve: null, buddy: null };
          m.zones.push(z);
        }
        z.buddy = { counts: rec.counts, blockKb: rec.blockKb, totalKb: rec.totalKb };
        break;
      }
      case 'hugepages':
        mi?.().hugepages.push({ node: rec.node, total: rec.total, free: rec.free, surp: rec.surp, sizeKb: rec.sizeKb });
        break;
      case 'mem-total': {
        if (!mi) break;
        const m = mi() as unknown as Record<string, unknown>;
        if (rec.what in m) m[rec.what] = rec.value;
        break;
      }
      default:
        break;
    }
  }
}

export function emptyMemInfo(): MemInfo {
  return {
    counters: Object.create(null),
    nodes: [],
    zones: [],
    hugepages: [],
    pagecachePages: null,
    swapCachePages: null,
    freeSwapKb: null,
    totalSwapKb: null,
    pagesRam: null,
    pagesReserved: null,
    pagesHighMem: null,
    pagesCmaReserved: null,
    pagesHwpoisoned: null,
  };
}

/** `uname -r` suffixes that name the architecture (distribution conventions). */
export function archOfRelease(release: string): string | null {
  const m = /[.\-_](x86_64|amd64|aarch64|arm64|i[3-6]86|ppc64le|ppc64|s390x|riscv64|armv7hl|armv7l|loongarch64)(?:\+.*)?$/.exec(release);
  if (!m) return null;
  switch (m[1]) {
    case 'amd64':
      return 'x86_64';
    case 'aarch64':
      return 'arm64';
    case 'armv7hl':
    case 'armv7l':
      return 'arm';
    default:
      return /^i[3-6]86$/.test(m[1]!) ? 'x86' : m[1]!;
  }
}
