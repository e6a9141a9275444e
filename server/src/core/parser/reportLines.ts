/**
 * Classifies one lexed message into a line record, every value located: the OOM report here, the
 * other reports' own lines in ./eventLines.ts.
 *
 * Formats: mm/oom_kill.c (dump_header, dump_tasks, oom_kill_process, __oom_kill_process,
 * oom_reap_task_mm), mm/memcontrol.c (mem_cgroup_print_oom_*), lib/show_mem.c + mm/page_alloc.c
 * show_free_areas (≤6.1) / mm/show_mem.c (6.6+), lib/dump_stack.c, kernel/cgroup/cpuset.c —
 * 3.10 through 6.18 as tabulated in shared/reference/kernel-log-formats.md §3.
 */
import type { LexedLine } from '../lexer/lexer.js';
import { classifyEventLine, type EventLine, type Loc } from './eventLines.js';
import { keyValues, kvMap, num, type KV } from './kv.js';

export type { Loc };

interface Base {
  /** Located values, keyed by field name. */
  at: Record<string, Loc>;
}

export type ReportLine =
  | (Base & { k: 'trigger'; comm: string; gfpMask: string | null; gfpFlags: string[] | null; order: number | null; oomScoreAdj: number | null; nodemask: string | null })
  | (Base & { k: 'cpuset'; comm: string; cpuset: string; memsAllowed: string | null })
  | (Base & { k: 'compaction' })
  | (Base & { k: 'cpu'; cpu: number | null; pid: number | null; comm: string; tainted: string | null; release: string | null })
  | (Base & { k: 'hardware'; name: string })
  | (Base & { k: 'stack-info' })
  | (Base & { k: 'trace-header' })
  | (Base & { k: 'frame'; frame: string | null })
  | (Base & { k: 'registers'; arch: string | null; ip: string | null })
  | (Base & { k: 'memcg-context'; task: string; limit: string })
  | (Base & { k: 'memcg-limit-reached'; path: string })
  | (Base & { k: 'memcg-counter'; which: string; usageKb: number | null; limitKb: number | null; failcnt: number | null })
  | (Base & { k: 'memcg-stats-header'; path: string; inline: Record<string, number> | null })
  | (Base & { k: 'stat'; key: string; value: number })
  | (Base & { k: 'mem-info' })
  | (Base & { k: 'counters'; values: Record<string, number> })
  | (Base & { k: 'node'; node: number; kb: Record<string, number>; allUnreclaimable: boolean | null })
  | (Base & { k: 'zone'; node: number | null; zone: string; kb: Record<string, number> })
  | (Base & { k: 'lowmem-reserve'; values: number[] })
  | (Base & { k: 'buddy'; node: number | null; zone: string; counts: number[]; blockKb: number[]; totalKb: number | null })
  | (Base & { k: 'per-cpu' })
  | (Base & { k: 'hugepages'; node: number; total: number; free: number; surp: number; sizeKb: number })
  | (Base & { k: 'mem-total'; what: string; value: number })
  | (Base & { k: 'slab' })
  | (Base & { k: 'tasks-state' })
  | (Base & { k: 'tasks-header'; columns: string[] })
  | (Base & { k: 'task-row'; row: string; start: number })
  | (Base & { k: 'oom-kill'; kv: Map<string, KV> })
  | (Base & { k: 'select'; msg: string; pid: number; comm: string; score: number | null })
  | (Base & { k: 'share-kill'; pid: number; comm: string })
  | (Base & { k: 'killed'; msg: string | null; pid: number; comm: string; kv: Map<string, KV>; uid: number | null })
  | (Base & { k: 'reaper'; pid: number; comm: string; kv: Map<string, KV> })
  | (Base & { k: 'reaper-failed'; pid: number; comm: string })
  | (Base & { k: 'group'; path: string })
  | (Base & { k: 'exiting'; msg: string; pid: number; comm: string })
  | (Base & { k: 'pinned' })
  | (Base & { k: 'no-killable' })
  | (Base & { k: 'other' })
  | EventLine;

export type ReportLineKind = ReportLine['k'];

// x86 `[<addr>] ? sym+0x1/0x2 [mod]` (3.10), ` ? sym+0x1/0x2` (4.14+), arm64 `[<addr>] sym+0x0/0x1e0`;
// 3.10 prints `<IRQ>`/`<EOI>` without a newline, so they may lead a frame.
const FRAME = /^(?:\[<[0-9a-fA-F]+>\][ \t]*)?(?:<(?:IRQ|EOI|NMI|EOE|#DF|#MC|#DB|#VC|SOFTIRQ)>[ \t]+)*(?:\[<[0-9a-fA-F]+>\][ \t]*)?(\? )?([\w.$]+\+0x[0-9a-fA-F]+\/0x[0-9a-fA-F]+(?: \[[^\]]*\])?|0x[0-9a-fA-F]+)/;
const STACK_MARKER = /^<\/?(?:TASK|IRQ|EOI|NMI|EOE|SOFTIRQ|#DF|#MC|#DB|#VC|ENTRY_TRAMPOLINE)>\s*$/;
const STACK_WORDS = /^(?:[0-9a-f]{8}|[0-9a-f]{16})(?: (?:[0-9a-f]{8}|[0-9a-f]{16})){0,7}\s*$/;
const X86_REGS = /^(?:RIP|RSP|RAX|RDX|RBP|R10|R13|FS|CS|CR2|DR0|DR3|PKRU|Code|EIP|EAX|ESI|DS|CR0):/;
const ARM_REGS = /^(?:pc|lr|sp|pstate|x\d+) ?:/;
/** A tasks-table row `[  pid  ] uid tgid total_vm rss …  name` (mm/oom_kill.c dump_task). */
/** A tasks-table row (oom_kill.c dump_task) as a whole message. */
export const TASK_ROW_MSG = /^\[ *\d+\](?:[ \t]+-?\d+){5,}(?:[ \t][^]*)?$/;
/** The first word of a message: what most report lines are recognised by. */
const FIRST_WORD = /^[A-Za-z_0-9\-+[\]\/.]+:?/;
/** Mem-Info global counters `active_anon:123 inactive_anon:456 …` (pages). */
const COUNTERS = /^[a-z_]+:\d+(?: [a-z_]+:\d+)*\s*$/;
const COUNTED_PARTS = /^(\d+) (total pagecache pages|pages in swap cache|pages RAM|pages HighMem\/MovableOnly|pages reserved|pages cma reserved|pages hwpoisoned|pages in pagetable cache)\s*$/;

/** The message span of a lexed line: [msgStart, end). */
export function classifyReportLine(text: string, lx: LexedLine, end: number): ReportLine {
  const ms = lx.msgStart;
  if (ms >= end) return { k: 'other', at: {} };
  const msg = text.slice(ms, end);
  const at: Record<string, Loc> = Object.create(null);

  if (msg.charCodeAt(0) === 91 /* [ */ && TASK_ROW_MSG.test(msg)) return { k: 'task-row', row: msg.trimEnd(), start: ms, at };

  // --- lines identified by their first word -----------------------------------------------
  const word = FIRST_WORD.exec(msg)?.[0] ?? '';
  switch (word) {
    case 'CPU:': {
      const r = cpuLine(msg, ms, at);
      if (r) return r;
      break;
    }
    case 'Pid:': {
      // pre-3.10 x86 `Pid: %d, comm: %.20s %s %s` (arch/x86/kernel/dumpstack*.c)
      const m = /^Pid: (\d+), comm: (.{1,20}?) (Not tainted|Tainted: [A-Z ]+?) (\d[^\s]*)/.exec(msg);
      if (m) {
        at.pid = [ms + 5, ms + 5 + m[1]!.length];
        return { k: 'cpu', cpu: null, pid: Number(m[1]), comm: m[2]!, tainted: m[3]!, release: m[4]!, at };
      }
      break;
    }
    case 'Hardware': {
      if (msg.startsWith('Hardware name: ')) {
        at.hardware = [ms + 15, end];
        return { k: 'hardware', name: msg.slice(15).trim(), at };
      }
      break;
    }
    case 'Workqueue:':
    case 'Stopper:':
    case 'TGID:':
      return { k: 'stack-info', at };
    case 'Tainted:':
      // 6.12+ verbose legend `Tainted: [P]=PROPRIETARY_MODULE, …`
      if (msg.includes(']=')) return { k: 'stack-info', at };
      break;
    case 'Call': {
      if (/^Call [Tt]race:\s*$/.test(msg)) return { k: 'trace-header', at };
      break;
    }
    case 'Mem-Info:':
      return { k: 'mem-info', at };
    case 'memory:':
    case 'memory+swap:':
    case 'kmem:':
    case 'swap:':
    case 'tcpmem:': {
      const r = memcgCounter(msg, ms, word.slice(0, -1), at);
      if (r) return r;
      break;
    }
    case 'Memory': {
      const r = memoryLine(text, msg, ms, lx, at);
      if (r) return r;
      break;
    }
    case 'Task': {
      const m = /^Task in (.*) killed as a result of limit of (.*?)\s*$/.exec(msg);
      if (m) {
        at.taskMemcg = [ms + 8, ms + 8 + m[1]!.length];
        const ls = msg.lastIndexOf(m[2]!);
        at.oomMemcg = [ms + ls, ms + ls + m[2]!.length];
        return { k: 'memcg-context', task: m[1]!, limit: m[2]!, at };
      }
      break;
    }
    case 'Tasks': {
      if (msg.startsWith('Tasks state')) return { k: 'tasks-state', at };
      const m = /^Tasks in (.*) are going to be killed due to memory\.oom\.group set/.exec(msg);
      if (m) return { k: 'group', path: m[1]!, at };
      break;
    }
    case 'oom-kill:': {
      const kv = kvMap(keyValues(text, lx.tokens, lx.base, 0));
      for (const [k, v] of kv) at[k] = [v.start, v.end];
      return { k: 'oom-kill', kv, at };
    }
    case 'oom_reaper:': {
      let m = /^oom_reaper: reaped process (\d+) \((.*)\), now /d.exec(msg);
      if (m) {
        const kv = kvMap(keyValues(text, lx.tokens, lx.base, 0));
        const ix = (m as RegExpExecArray & { indices: [number, number][] }).indices;
        at.pid = [ms + ix[1]![0], ms + ix[1]![1]];
        at.comm = [ms + ix[2]![0], ms + ix[2]![1]];
        for (const [k, v] of kv) at[k] = [v.start, v.end];
        return { k: 'reaper', pid: Number(m[1]), comm: m[2]!, kv, at };
      }
      m = /^oom_reaper: unable to reap pid:(\d+) \((.*)\)/.exec(msg);
      if (m) return { k: 'reaper-failed', pid: Number(m[1]), comm: m[2]!, at };
      break;
    }
    case 'Node': {
      const r = nodeLine(text, msg, ms, lx, at);
      if (r) return r;
      break;
    }
    case 'lowmem_reserve[]:': {
      const m = /^lowmem_reserve\[\]:((?: -?\d+)*)/.exec(msg);
      if (m) return { k: 'lowmem-reserve', values: m[1]!.trim().split(/\s+/).filter(Boolean).map(Number), at };
      break;
    }
    case 'Free':
    case 'Total': {
      const m = /^(Free|Total) swap {1,2}= (\d+)kB/.exec(msg);
      if (m) {
        at.value = [ms + m[0].length - m[2]!.length - 2, ms + m[0].length];
        return { k: 'mem-total', what: m[1] === 'Free' ? 'freeSwapKb' : 'totalSwapKb', value: Number(m[2]), at };
      }
      break;
    }
    case 'Swap':
      if (msg.startsWith('Swap cache stats:')) return { k: 'mem-total', what: 'swapCacheStats', value: 0, at };
      break;
    case 'Unreclaimable':
    case 'Name':
      if (msg.startsWith('Unreclaimable slab info:') || /^Name\s+Used\s+Total/.test(msg)) return { k: 'slab', at };
      break;
    case 'COMPACTION':
      return { k: 'compaction', at };
    case 'Out':
      if (msg.startsWith('Out of memory and no killable processes')) return { k: 'no-killable', at };
      break;
    case 'oom':
      if (msg.startsWith('oom killer ') && msg.includes('has mm pinned by')) return { k: 'pinned', at };
      break;
    case 'Kill':
    case 'Killed':
      break;
    default:
      break;
  }

  // --- stack dump -------------------------------------------------------------------------------
  const fm = FRAME.exec(msg);
  if (fm) return { k: 'frame', frame: (fm[1] ?? '') + fm[2]!, at };
  if (STACK_MARKER.test(msg)) return { k: 'frame', frame: null, at };
  if (X86_REGS.test(msg)) {
    // `RIP: 0010:func+0x2b/0x64` (4.14+), `RIP: 0033:0x7f…` (user space); `Code:` is printed by every arch.
    const ip = /^[ER]IP: [0-9a-f]{4}:(?:\[<[0-9a-f]+>\] )?(\S+)/.exec(msg);
    if (ip) at.ip = [ms + ip[0].length - ip[1]!.length, ms + ip[0].length];
    const arch = msg.startsWith('Code:') ? null : /^(?:EIP|EAX|ESI):/.test(msg) ? 'x86' : 'x86_64';
    return { k: 'registers', arch, ip: ip ? ip[1]! : null, at };
  }
  if (ARM_REGS.test(msg)) {
    // arm64 `pc : func+0x8c/0xdc`, `pstate: …`, `x29: …`; 32-bit arm `pc : [<40419624>]    lr : [<…>]    psr: …`.
    const ip = /^pc : (\S+)/.exec(msg);
    const arm32 = ip !== null && ip[1]!.startsWith('[<');
    if (ip && !arm32) at.ip = [ms + 5, ms + 5 + ip[1]!.length];
    return { k: 'registers', arch: arm32 ? 'arm' : /^(?:pstate|x\d+|pc|lr)/.test(msg) ? 'arm64' : null, ip: ip && !arm32 ? ip[1]! : null, at };
  }
  if (STACK_WORDS.test(msg)) return { k: 'frame', frame: null, at };

  // memcg stat block lines `anon 8585138176` (5.3+)
  const sm = /^([a-z][a-z0-9_]*) (\d+)\s*$/.exec(msg);
  if (sm) {
    at.value = [ms + sm[1]!.length + 1, ms + sm[1]!.length + 1 + sm[2]!.length];
    return { k: 'stat', key: sm[1]!, value: Number(sm[2]), at };
  }
  // --- kill lines (optionally after `<msg>: `) --------------------------------------------------
  const kill = killLine(text, msg, ms, lx, at);
  if (kill) return kill;

  // --- the other reports (oops, warning, panic, lockups, segfaults, core dumps …) --------------
  const other = classifyEventLine(msg, ms, lx.prefix);
  if (other) return other;

  // --- trigger and cpuset lines: the comm comes first and may be anything -----------------------
  const inv = msg.indexOf(' invoked oom-killer: ');
  if (inv > 0) return trigger(text, msg, ms, lx, inv, at);
  const cs = msg.indexOf(' cpuset=');
  if (cs > 0 && msg.includes(' mems_allowed=') && !msg.includes('page allocation')) {
    const ma = msg.lastIndexOf(' mems_allowed=');
    at.cpuset = [ms + cs + 8, ms + ma];
    at.memsAllowed = [ms + ma + 14, end];
    return { k: 'cpuset', comm: msg.slice(0, cs), cpuset: msg.slice(cs + 8, ma), memsAllowed: msg.slice(ma + 14).trim() || null, at };
  }

  // --- Mem-Info ---------------------------------------------------------------------------------
  const cm = COUNTED_PARTS.exec(msg);
  if (cm) {
    const what = {
      'total pagecache pages': 'pagecachePages',
      'pages in swap cache': 'swapCachePages',
      'pages RAM': 'pagesRam',
      'pages HighMem/MovableOnly': 'pagesHighMem',
      'pages reserved': 'pagesReserved',
      'pages cma reserved': 'pagesCmaReserved',
      'pages hwpoisoned': 'pagesHwpoisoned',
      'pages in pagetable cache': 'pagesPagetableCache',
    }[cm[2]!]!;
    at.value = [ms, ms + cm[1]!.length];
    return { k: 'mem-total', what, value: Number(cm[1]), at };
  }
  if (COUNTERS.test(msg)) {
    const values: Record<string, number> = Object.create(null);
    for (const kv of keyValues(text, lx.tokens, lx.base)) {
      values[kv.key] = Number(kv.value);
      at[kv.key] = [kv.start, kv.end];
    }
    return { k: 'counters', values, at };
  }
  // A zone or buddy line without `Node N ` (kernels without CONFIG_NUMA)
  if (/^[A-Z]/.test(msg)) {
    const z = zoneOrBuddy(text, msg, ms, lx, null, 0, at);
    if (z) return z;
  }
  // 3.10 per-cpu pageset lines `CPU    0: hi:  186, btch:  31 usd:   0`
  if (/^CPU +\d+: hi: *\d+, btch: *\d+ usd: *\d+/.test(msg)) return { k: 'per-cpu', at };
  // Unreclaimable slab rows `kmalloc-64   1234KB   5678KB`
  if (/^\S+\s+\d+KB\s+\d+KB\s*$/.test(msg)) return { k: 'slab', at };
  // 3.x/4.14 tasks header `[ pid ]   uid  tgid total_vm …` (4.19+ `[  pid  ]`)
  if (/^\[ *pid *\]/.test(msg)) return tasksHeader(msg, at);
  return { k: 'other', at };
}

function cpuLine(msg: string, ms: number, at: Record<string, Loc>): ReportLine | null {
  // lib/dump_stack.c dump_stack_print_info: `CPU: %d [UID: %u] PID: %d Comm: %.20s %s%s %s %.*s`
  const m = /^CPU: (\d+) (?:UID: (\d+) )?PID: (\d+) Comm: /.exec(msg);
  if (!m) return null;
  const rest = msg.slice(m[0].length);
  const t = /(?: Kdump: loaded)? (Not tainted|Tainted: )/.exec(rest);
  if (!t) {
    return { k: 'cpu', cpu: Number(m[1]), pid: Number(m[3]), comm: rest.trim(), tainted: null, release: null, at };
  }
  const comm = rest.slice(0, t.index);
  let tainted: string;
  let after: string;
  let taintStart: number;
  if (t[1] === 'Not tainted') {
    tainted = 'Not tainted';
    taintStart = m[0].length + t.index + t[0].length - 11;
    after = rest.slice(t.index + t[0].length);
  } else {
    // The flags field is fixed-width and may contain blanks (kernel/panic.c print_tainted); the
    // release is the first blank-separated word after it that starts with a digit.
    const from = t.index + t[0].length;
    const rel = /\s(\d+\.\d+[^\s]*)/.exec(rest.slice(from));
    const flagsEnd = rel ? from + rel.index : rest.length;
    tainted = 'Tainted: ' + rest.slice(from, flagsEnd);
    taintStart = m[0].length + from - 9;
    after = rest.slice(flagsEnd);
  }
  const relm = /^\s*(\d+\.\d+[^\s]*)/.exec(after);
  const pidStart = ms + m[0].indexOf('PID: ') + 5;
  at.pid = [pidStart, pidStart + m[3]!.length];
  at.comm = [ms + m[0].length, ms + m[0].length + comm.length];
  at.tainted = [ms + taintStart, ms + taintStart + tainted.length];
  if (relm) {
    const rs = msg.length - after.length + relm[0].length - relm[1]!.length;
    at.release = [ms + rs, ms + rs + relm[1]!.length];
  }
  return { k: 'cpu', cpu: Number(m[1]), pid: Number(m[3]), comm, tainted, release: relm ? relm[1]! : null, at };
}

function memcgCounter(msg: string, ms: number, which: string, at: Record<string, Loc>): ReportLine | null {
  // mm/memcontrol.c: `%s: usage %llukB, limit %llukB, failcnt %lu`
  const m = /^[a-z+]+: usage (\d+)kB, limit (\d+)kB, failcnt (\d+)/.exec(msg);
  if (!m) return null;
  let p = msg.indexOf('usage ') + 6;
  at.usage = [ms + p, ms + p + m[1]!.length + 2];
  p = msg.indexOf('limit ') + 6;
  at.limit = [ms + p, ms + p + m[2]!.length + 2];
  p = msg.indexOf('failcnt ') + 8;
  at.failcnt = [ms + p, ms + p + m[3]!.length];
  return { k: 'memcg-counter', which, usageKb: Number(m[1]), limitKb: Number(m[2]), failcnt: Number(m[3]), at };
}

function memoryLine(text: string, msg: string, ms: number, lx: LexedLine, at: Record<string, Loc>): ReportLine | null {
  if (msg.startsWith('Memory cgroup stats for ')) {
    // `Memory cgroup stats for <path>:` then either ` key:NKB …` (≤5.2) or a `key value` block.
    const rest = msg.slice(24);
    const colon = rest.search(/:(?: |$)/);
    const path = colon === -1 ? rest.trim() : rest.slice(0, colon);
    at.path = [ms + 24, ms + 24 + path.length];
    let inline: Record<string, number> | null = null;
    if (colon !== -1 && rest.slice(colon + 1).trim().length > 0) {
      const stats: Record<string, number> = Object.create(null);
      inline = stats;
      const from = lx.tokens.findIndex((t) => lx.base + t.startOffset >= ms + 24 + colon + 1);
      for (const kv of keyValues(text, lx.tokens, lx.base, Math.max(0, from))) {
        const v = num(kv.value);
        if (v !== null) {
          stats[kv.key] = v;
          at['stat.' + kv.key] = [kv.start, kv.end];
        }
      }
    }
    return { k: 'memcg-stats-header', path, inline, at };
  }
  if (msg.startsWith('Memory limit reached of cgroup ')) return { k: 'memcg-limit-reached', path: msg.slice(31).trim(), at };
  return null;
}

function nodeLine(text: string, msg: string, ms: number, lx: LexedLine, at: Record<string, Loc>): ReportLine | null {
  const m = /^Node (\d+) /.exec(msg);
  if (!m) return null;
  const node = Number(m[1]);
  const rest = msg.slice(m[0].length);
  const hp = /^hugepages_total=(\d+) hugepages_free=(\d+) hugepages_surp=(\d+) hugepages_size=(\d+)kB/.exec(rest);
  if (hp) return { k: 'hugepages', node, total: Number(hp[1]), free: Number(hp[2]), surp: Number(hp[3]), sizeKb: Number(hp[4]), at };
  if (/^\w+ per-cpu:/.test(rest)) return { k: 'per-cpu', at };
  // Per-node line: `Node 0 active_anon:…kB … all_unreclaimable? no`
  if (/^active_anon:/.test(rest)) {
    const kb: Record<string, number> = Object.create(null);
    for (const kv of keyValues(text, lx.tokens, lx.base)) {
      const v = num(kv.value);
      if (v !== null) {
        kb[kv.key] = v;
        at[kv.key] = [kv.start, kv.end];
      }
    }
    const u = /all_unreclaimable\? (yes|no)/.exec(rest);
    return { k: 'node', node, kb, allUnreclaimable: u ? u[1] === 'yes' : null, at };
  }
  return zoneOrBuddy(text, msg, ms, lx, node, m[0].length, at);
}

function zoneOrBuddy(text: string, msg: string, ms: number, lx: LexedLine, node: number | null, from: number, at: Record<string, Loc>): ReportLine | null {
  const rest = msg.slice(from);
  // Zone line: `DMA32 free:59728kB min:7832kB low:9788kB high:11748kB …`
  const zm = /^(DMA32|DMA|Normal|HighMem|Movable|Device) free:\d+kB/.exec(rest);
  if (zm) {
    const kb: Record<string, number> = Object.create(null);
    const startTok = lx.tokens.findIndex((t) => lx.base + t.startOffset >= ms + from + zm[1]!.length);
    for (const kv of keyValues(text, lx.tokens, lx.base, Math.max(0, startTok))) {
      const v = num(kv.value);
      if (v !== null) {
        kb[kv.key] = v;
        at[kv.key] = [kv.start, kv.end];
      }
    }
    return { k: 'zone', node, zone: zm[1]!, kb, at };
  }
  // Buddy line: `DMA32: 203*4kB (UEM) 231*8kB … = 63668kB`
  const bm = /^(DMA32|DMA|Normal|HighMem|Movable|Device): ((?:\d+\*\d+kB (?:\([A-Z]+\) )?)+)= ?(\d+)kB/.exec(rest);
  if (bm) {
    const counts: number[] = [];
    const blockKb: number[] = [];
    for (const b of bm[2]!.matchAll(/(\d+)\*(\d+)kB/g)) {
      counts.push(Number(b[1]));
      blockKb.push(Number(b[2]));
    }
    const totalAt = msg.lastIndexOf(bm[3]! + 'kB');
    at.total = [ms + totalAt, ms + totalAt + bm[3]!.length + 2];
    return { k: 'buddy', node, zone: bm[1]!, counts, blockKb, totalKb: Number(bm[3]), at };
  }
  return null;
}

function tasksHeader(msg: string, at: Record<string, Loc>): ReportLine {
  const after = msg.replace(/^\[ *pid *\]/, '').trim();
  return { k: 'tasks-header', columns: ['pid', ...after.split(/\s+/)], at };
}

/** Offset in `line` where a tasks-table row starts (after any prefix, such as `[ 123.456]`), or -1. */
export function taskRowStart(line: string): number {
  const m = /\[ *\d+\](?:[ \t]+-?\d+){5}/.exec(line);
  return m ? m.index : -1;
}

/**
 * Splits a tasks-table row: `[pid]` then `count` numbers (all numbers when `count` is null), then
 * the name, which is the rest of the line (dump_task prints comm last with `%s`).
 */
/**
 * The numbers of a tasks-table row into `values` (emptied first), and where each starts into
 * `offsets` when given; returns where the name starts. Numbers are the blank-separated integers
 * after `[pid]`, up to `count` of them (the header's numeric columns). `row` starts with `[`, as
 * TASK_ROW_MSG matches it. No regex or allocation per row: the builder's hot path.
 */
export function scanTaskRow(row: string, count: number | null, values: number[], offsets?: number[]): number {
  values.length = 0;
  if (offsets) offsets.length = 0;
  const close = row.indexOf(']');
  let first = 1;
  while (first < close && (row.charCodeAt(first) === 32 || row.charCodeAt(first) === 9)) first++;
  values.push(Number(row.slice(1, close).trim()));
  offsets?.push(first);
  const len = row.length;
  let pos = close + 1;
  while (count === null || values.length < count) {
    // [ \t]+(-?\d+)(?=[ \t]|$)
    let i = pos;
    while (i < len && (row.charCodeAt(i) === 32 || row.charCodeAt(i) === 9)) i++;
    if (i === pos) break;
    const neg = row.charCodeAt(i) === 45;
    const d0 = neg ? i + 1 : i;
    let j = d0;
    let v = 0;
    for (; j < len; j++) {
      const c = row.charCodeAt(j);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    if (j === d0) break;
    if (j < len && row.charCodeAt(j) !== 32 && row.charCodeAt(j) !== 9) break;
    // Beyond 15 digits the running sum may round differently from Number().
    values.push(j - d0 > 15 ? Number(row.slice(i, j)) : neg ? -v : v);
    offsets?.push(i);
    pos = j;
  }
  while (pos < len && (row.charCodeAt(pos) === 32 || row.charCodeAt(pos) === 9)) pos++;
  return pos;
}

/** A tasks-table row's numbers, where each starts, and its name (hovers on row cells). */
export function splitTaskRow(row: string, count: number | null): { values: number[]; name: string; nameOffset: number; offsets: number[] } {
  const values: number[] = [];
  const offsets: number[] = [];
  const nameOffset = scanTaskRow(row, count, values, offsets);
  return { values, name: row.slice(nameOffset).trimEnd(), nameOffset, offsets };
}

const KILL = /^(?:(.*?): )?Killed process (\d+) \((.*?)\)(?:,? UID (\d+),)? total-vm:/;
const SELECT = /^(?:(.*?): )?Kill process (\d+) \((.*)\) score (\d+) or sacrifice child/;
const SHARE = /^Kill process (\d+) \((.*)\) sharing same memory/;
const EXITING = /^(.*?): OOM victim (\d+) \((.*)\) is already exiting/;

function killLine(text: string, msg: string, ms: number, lx: LexedLine, at: Record<string, Loc>): ReportLine | null {
  if (!msg.includes('process') && !msg.includes('OOM victim')) return null;
  let m = KILL.exec(msg);
  if (m) {
    const kmsg = m[1] ?? null;
    const pidOff = m[0].indexOf('Killed process ') + 15;
    at.pid = [ms + pidOff, ms + pidOff + m[2]!.length];
    at.comm = [ms + pidOff + m[2]!.length + 2, ms + pidOff + m[2]!.length + 2 + m[3]!.length];
    if (kmsg) at.message = [ms, ms + kmsg.length];
    const from = lx.tokens.findIndex((t) => lx.base + t.startOffset >= ms + m![0].length - 'total-vm:'.length);
    const kv = kvMap(keyValues(text, lx.tokens, lx.base, Math.max(0, from)));
    for (const [k, v] of kv) at[k] = [v.start, v.end];
    let uid: number | null = null;
    if (m[4] !== undefined) {
      uid = Number(m[4]);
      const u = msg.indexOf(', UID ') + 6;
      at.UID = [ms + u, ms + u + m[4]!.length];
    } else if (kv.has('UID')) uid = num(kv.get('UID')!.value);
    return { k: 'killed', msg: kmsg, pid: Number(m[2]), comm: m[3]!, kv, uid, at };
  }
  m = SELECT.exec(msg);
  if (m) {
    const pidOff = m[0].indexOf('Kill process ') + 13;
    at.pid = [ms + pidOff, ms + pidOff + m[2]!.length];
    at.comm = [ms + pidOff + m[2]!.length + 2, ms + pidOff + m[2]!.length + 2 + m[3]!.length];
    const so = m[0].lastIndexOf(' score ') + 7;
    at.score = [ms + so, ms + so + m[4]!.length];
    return { k: 'select', msg: m[1] ?? '', pid: Number(m[2]), comm: m[3]!, score: Number(m[4]), at };
  }
  m = SHARE.exec(msg);
  if (m) return { k: 'share-kill', pid: Number(m[1]), comm: m[2]!, at };
  m = EXITING.exec(msg);
  if (m) return { k: 'exiting', msg: m[1]!, pid: Number(m[2]), comm: m[3]!, at };
  return null;
}

function trigger(text: string, msg: string, ms: number, lx: LexedLine, inv: number, at: Record<string, Loc>): ReportLine {
  // `%s invoked oom-killer: gfp_mask=%#x(%pGg), [nodemask=%*pbl,] order=%d, oom_score_adj=%hd`
  const comm = msg.slice(0, inv);
  at.comm = [ms, ms + inv];
  const from = lx.tokens.findIndex((t) => lx.base + t.startOffset >= ms + inv + 21);
  const kv = kvMap(keyValues(text, lx.tokens, lx.base, Math.max(0, from)));
  let gfpMask: string | null = null;
  let gfpFlags: string[] | null = null;
  const g = kv.get('gfp_mask');
  if (g) {
    const gm = /^(0x[0-9a-fA-F]+)(?:\((.*)\))?$/.exec(g.value);
    if (gm) {
      gfpMask = gm[1]!;
      at.gfpMask = [g.start, g.start + gm[1]!.length];
      if (gm[2] !== undefined) {
        gfpFlags = gm[2] === '' ? [] : gm[2].split('|');
        at.gfpFlags = [g.start + gm[1]!.length, g.end];
      }
    }
  }
  const loc = (key: string, name: string): number | null => {
    const v = kv.get(key);
    if (!v) return null;
    at[name] = [v.start, v.end];
    const n = num(v.value);
    return n;
  };
  const order = loc('order', 'order');
  const adj = loc('oom_score_adj', 'oomScoreAdj');
  loc('oom_adj', 'oomAdj');
  const nm = kv.get('nodemask');
  if (nm) at.nodemask = [nm.start, nm.end];
  return { k: 'trigger', comm, gfpMask, gfpFlags, order, oomScoreAdj: adj, nodemask: nm ? nm.value : null, at };
}

/** Fast test for lines that can start or extend an OOM event when none is open. */
export const OOM_ANCHOR = /invoked oom-killer: |Killed process \d|Kill process \d|oom-kill:|oom_reaper: |killed as a result of limit of|memory\.oom\.group set|is already exiting\. Skip/;

