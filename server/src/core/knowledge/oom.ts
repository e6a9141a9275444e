/**
 * What the OOM killer's numbers mean: constraints, costly orders, the badness rule per kernel
 * version (an estimate of each task's score), and a verdict on why memory ran out.
 *
 * Sources (shared/reference/kernel-log-formats.md §3.8, §3.10, §4): mm/oom_kill.c
 * (`enum oom_constraint`, `constrained_alloc`, `oom_badness` in 3.10, 4.14, 4.19, 5.4.144+, 5.10–6.18),
 * include/linux/mmzone.h (`PAGE_ALLOC_COSTLY_ORDER` 3), mm/page_alloc.c (`__zone_watermark_ok`).
 */
import type { OomEvent, TaskRow } from '../model/events.js';
import type { PageSize } from './pageSize.js';

/** include/linux/mmzone.h: orders above this are "costly"; the allocator gives up on them without an OOM kill. */
export const PAGE_ALLOC_COSTLY_ORDER = 3;

/** mm/oom_kill.c oom_constraint_text[] (4.x+) and what limits memory under each. */
export const CONSTRAINTS: Record<string, string> = {
  CONSTRAINT_NONE: 'Global OOM: the whole machine ran out of memory (RAM plus swap).',
  CONSTRAINT_CPUSET: "The allocation was confined to a cpuset's memory nodes, and those nodes ran out.",
  CONSTRAINT_MEMORY_POLICY: 'A NUMA memory policy (e.g. MPOL_BIND) confined the allocation to nodes that ran out.',
  CONSTRAINT_MEMCG: 'A memory cgroup hit its limit: only tasks of that cgroup were candidates.',
};

function release(ev: OomEvent): [number, number, number] | null {
  const m = ev.kernel ? /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(ev.kernel.release) : null;
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

function atLeast(v: [number, number, number], a: number, b: number, c = 0): boolean {
  return v[0] !== a ? v[0] > a : v[1] !== b ? v[1] > b : v[2] >= c;
}

export interface BadnessRule {
  /** Which version of oom_badness() applies. */
  rule: '3.10-4.14' | '4.19-5.4.143' | '5.4.144+';
  rootBonus: boolean;
  /** Whether page tables are counted from nr_ptes(+nr_pmds) pages or pgtables_bytes. */
}

export function badnessRule(ev: OomEvent): BadnessRule | null {
  const v = release(ev);
  if (!v) return null;
  if (!atLeast(v, 3, 10)) return null; // 3.4 and older used a permille formula, not read here.
  // RHEL 8 (4.18) has the 4.19 rule (no root bonus), per the reference.
  if (!atLeast(v, 4, 18)) return { rule: '3.10-4.14', rootBonus: true };
  if (!atLeast(v, 5, 4, 144)) return { rule: '4.19-5.4.143', rootBonus: false };
  return { rule: '5.4.144+', rootBonus: false };
}

/**
 * `totalpages` of out_of_memory(): RAM + swap for global OOMs; the memcg limit (pages) for memcg
 * OOMs (plus swap headroom when swappiness > 0, which the log does not show: left out).
 */
export function totalPages(ev: OomEvent, page: PageSize): { pages: number; from: string } | null {
  if (ev.memcg?.limitKb) return { pages: Math.floor(ev.memcg.limitKb / page.kb), from: 'memcg limit' };
  const mi = ev.memInfo;
  if (mi?.pagesRam) return { pages: mi.pagesRam + Math.floor((mi.totalSwapKb ?? 0) / page.kb), from: 'pages RAM + total swap' };
  return null;
}

export interface TaskScore {
  pid: number;
  /** oom_badness() points, estimated from the table row. null = unkillable (oom_score_adj -1000). */
  points: number | null;
}

/** Estimated badness of every task of the table, per the kernel's rule for this version. */
export function estimateBadness(ev: OomEvent, page: PageSize | null): { rule: BadnessRule; totalpages: number | null; scores: TaskScore[] } | null {
  const rule = badnessRule(ev);
  if (!rule || !ev.tasks || ev.tasks.length === 0 || !page) return null;
  const total = totalPages(ev, page);
  const scores = ev.tasks.map((r: TaskRow): TaskScore => {
    if (r.oomScoreAdj === -1000) return { pid: r.pid, points: null };
    const pt = r.pgtablesBytes !== null ? r.pgtablesBytes / (page.kb * 1024) : (r.nrPtes ?? 0) + (r.nrPmds ?? 0);
    let points = (r.rss ?? 0) + (r.swapents ?? 0) + pt;
    if (rule.rootBonus && r.uid === 0) points -= (points * 3) / 100;
    if (total && r.oomScoreAdj !== null) points += r.oomScoreAdj * Math.floor(total.pages / 1000);
    return { pid: r.pid, points: Math.round(points) };
  });
  return { rule, totalpages: total?.pages ?? null, scores };
}

export type VerdictKind = 'memcg-limit' | 'exhausted' | 'fragmentation' | 'manual' | 'cpuset' | 'mempolicy' | 'unknown';

export interface Evidence {
  /** English template; `{0}` … are filled from args (and translated through the l10n bundles). */
  message: string;
  args: (string | number)[];
}

export interface Verdict {
  kind: VerdictKind;
  evidence: Evidence[];
}

const e = (message: string, ...args: (string | number)[]): Evidence => ({ message, args });
const mib = (kb: number): string => `${(kb / 1024).toFixed(1)} MiB`;

/**
 * Why memory ran out. A memcg OOM is its limit; a manual OOM (order -1) is not a shortage; a
 * global OOM is fragmentation when zones were above their min watermark yet had no free block of
 * the requested order, and exhaustion otherwise.
 */
export function verdict(ev: OomEvent): Verdict {
  const ev2: Evidence[] = [];
  const t = ev.trigger;
  if (t?.order === -1) return { kind: 'manual', evidence: [e('order=-1: the OOM killer was invoked by hand (SysRq-f), not by a failed allocation')] };
  const m = ev.memcg;
  if (ev.constraint === 'CONSTRAINT_MEMCG' || (m && m.limitKb !== null)) {
    if (m?.usageKb != null && m.limitKb != null) ev2.push(e('memcg usage {0} of its limit {1}', mib(m.usageKb), mib(m.limitKb)));
    if (m?.failcnt != null) ev2.push(e('the limit was hit {0} times (failcnt)', m.failcnt));
    if (m?.swapLimitKb === 0) ev2.push(e('the cgroup may not use swap (swap limit 0)'));
    if (ev.constraint === 'CONSTRAINT_MEMCG') ev2.push(e('constraint CONSTRAINT_MEMCG'));
    return { kind: 'memcg-limit', evidence: ev2 };
  }
  if (ev.constraint === 'CONSTRAINT_CPUSET') return { kind: 'cpuset', evidence: [e('constraint CONSTRAINT_CPUSET')] };
  if (ev.constraint === 'CONSTRAINT_MEMORY_POLICY') return { kind: 'mempolicy', evidence: [e('constraint CONSTRAINT_MEMORY_POLICY')] };
  const mi = ev.memInfo;
  if (!mi || mi.zones.length === 0) return { kind: 'unknown', evidence: [e('no Mem-Info block in the log')] };
  const order = t?.order ?? 0;
  const zones = mi.zones.filter((z) => z.kb.free !== undefined && z.kb.min !== undefined);
  const above = zones.filter((z) => z.kb.free! > z.kb.min!);
  const below = zones.filter((z) => z.kb.free! <= z.kb.min!);
  for (const z of below) ev2.push(e('zone {0} free {1} is at or below its min watermark {2}', zoneName(z.node, z.zone), mib(z.kb.free!), mib(z.kb.min!)));
  if (mi.totalSwapKb === 0) ev2.push(e('no swap configured'));
  else if (mi.totalSwapKb !== null && mi.freeSwapKb !== null) ev2.push(e('free swap {0} of {1}', mib(mi.freeSwapKb), mib(mi.totalSwapKb)));
  if (order > 0 && above.length > 0 && below.length === 0) {
    // Free memory above the watermarks, but no free block of 2^order pages in the buddy lists.
    const noBlock = zones.filter((z) => z.buddy && z.buddy.counts.slice(order).every((c) => c === 0));
    if (noBlock.length > 0) {
      for (const z of noBlock) ev2.push(e('zone {0} has {1} free but no free block of order {2} or more', zoneName(z.node, z.zone), mib(z.kb.free!), order));
      return { kind: 'fragmentation', evidence: ev2 };
    }
  }
  if (below.length > 0 || (mi.freeSwapKb !== null && mi.totalSwapKb !== null && mi.freeSwapKb < mi.totalSwapKb * 0.05)) return { kind: 'exhausted', evidence: ev2 };
  return { kind: 'unknown', evidence: ev2 };
}

function zoneName(node: number | null, zone: string): string {
  return node === null ? zone : `Node ${node} ${zone}`;
}

export const VERDICT_TEXT: Record<VerdictKind, string> = {
  'memcg-limit': 'the memory cgroup reached its limit',
  exhausted: 'memory was exhausted',
  fragmentation: 'memory was fragmented: free memory, but no free block of the size requested',
  manual: 'a manual OOM kill, not a shortage',
  cpuset: "the cpuset's memory nodes ran out",
  mempolicy: 'the NUMA memory policy nodes ran out',
  unknown: 'not enough in the log to tell',
};
