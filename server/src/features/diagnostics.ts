/**
 * Diagnostics (source `kernel-triage`) with stable codes. One per OOM kill on its trigger line (the
 * kill line when the report header is not in the log), with related information at the victim's
 * tasks-table row; an OOM storm (same host and memcg, or same trigger command) is one diagnostic
 * with the count and one related entry per repeat. Kernel-truncated or rate-limited reports are
 * explained as information, never flagged as bad input. Lines are 0-based.
 */
import { estimateBadness } from '../core/knowledge/oom.js';
import { inferPageSize } from '../core/knowledge/pageSize.js';
import { t, type Lang } from '../core/l10n/l10n.js';
import type { Analysis, KernelEvent, OomEvent } from '../core/model/events.js';
import { mib, victimMemory } from '../core/report/describe.js';
import { oneLine, printable } from '../core/report/summary.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface DiagnosticData {
  severity: Severity;
  /** Stable code: `oom-kill`, `oom-storm`, `oom-victim-not-top`, `oom-report-cut`, `oom-header-rate-limited`, `memcg-stats-truncated`, the event kind for other events, `unreadable-input`. */
  code: string;
  message: string;
  line: number;
  related: { line: number; message: string }[];
}

const SEVERITY: Record<string, Severity> = {
  oom: 'error',
  'page-alloc-failure': 'warning',
  oops: 'error',
  warning: 'warning',
  panic: 'error',
  'soft-lockup': 'warning',
  'hard-lockup': 'error',
  'hung-task': 'warning',
  'rcu-stall': 'warning',
  'bad-page': 'error',
  'hardware-error': 'error',
  segfault: 'warning',
  trap: 'warning',
  coredump: 'information',
};

/** The line a diagnostic for this OOM sits on: the trigger line, else the kill line. */
function oomLine(ev: OomEvent): number {
  const part = ev.parts.find((p) => p.name === 'trigger') ?? ev.parts.find((p) => p.name === 'kill') ?? ev.parts.find((p) => p.name === 'oom-kill');
  return part ? part.startLine : ev.startLine;
}

function victimRow(ev: OomEvent): number | null {
  const k = ev.killed;
  return k ? (ev.tasks?.find((r) => r.pid === k.pid)?.line ?? null) : null;
}

/**
 * Texts that do not depend on line numbers, kept per event object and language while the event
 * lives: incremental re-analysis keeps the events an edit did not touch.
 */
function memo<E extends object>(cache: WeakMap<E, Map<Lang, string>>, ev: E, lang: Lang, make: (ev: E, lang: Lang) => string): string {
  let m = cache.get(ev);
  if (!m) cache.set(ev, (m = new Map()));
  let s = m.get(lang);
  if (s === undefined) m.set(lang, (s = make(ev, lang)));
  return s;
}

const killCache = new WeakMap<OomEvent, Map<Lang, string>>();
const lineCache = new WeakMap<KernelEvent, Map<Lang, string>>();

function killText(ev: OomEvent, lang: Lang): string {
  return memo(killCache, ev, lang, killTextUncached);
}

function killTextUncached(ev: OomEvent, lang: Lang): string {
  const k = ev.killed;
  if (!k) return t(lang, 'OOM report without a kill line (cut short?)');
  const mem = victimMemory(ev, inferPageSize(ev));
  // Where: the memcg when named; the kill line's own words when the report header is missing.
  const where = ev.memcg?.oomMemcg
    ? t(lang, 'in memory cgroup {0}', printable(ev.memcg.oomMemcg)) + (ev.memcg.limitKb ? ` (${t(lang, 'limit {0}', mib(ev.memcg.limitKb))})` : '')
    : ev.killMessage?.startsWith('Memory cgroup')
      ? t(lang, 'in a memory cgroup the log does not name')
      : ev.globalOom || ev.constraint === 'CONSTRAINT_NONE' || ev.killMessage === 'Out of memory'
        ? t(lang, 'system-wide')
        : t(lang, 'scope not in the log');
  return t(lang, 'OOM kill: {0} (pid {1}) killed, {2} resident, {3}', printable(k.comm), k.pid, mem.rssKb !== null ? mib(mem.rssKb) : '?', where);
}


/**
 * Works out, for events [from, to), what their diagnostics need and keep while the event lives
 * (kill texts, one-line summaries, the badness estimate). The language server calls this in slices,
 * pausing between them, so that the first `diagnostics()` of a large log does not hold its loop.
 */
export function prepareDiagnostics(events: readonly KernelEvent[], from: number, to: number, lang: Lang): void {
  for (let i = from; i < Math.min(to, events.length); i++) {
    const ev = events[i]!;
    if (ev.kind === 'oom') {
      killText(ev, lang);
      topBadness(ev);
    } else memo(lineCache, ev, lang, oneLine);
  }
}

export function diagnostics(a: Analysis, lang: Lang, max = 1000): { items: DiagnosticData[]; limitReached: boolean } {
  const out: DiagnosticData[] = [];
  for (const ev of a.events) if (ev.kind !== 'oom') out.push(otherDiagnostic(ev, lang));
  for (const group of oomGroups(a)) out.push(...oomDiagnostics(group, lang));
  for (const p of a.problems) {
    if (/no kill line/.test(p.message)) continue; // said by the oom-report-cut diagnostic
    out.push({ severity: 'information', code: 'unreadable-input', message: p.message, line: p.line, related: [] });
  }
  out.sort((x, y) => x.line - y.line);
  if (out.length <= max) return { items: out, limitReached: false };
  const kept = out.slice(0, Math.max(0, max - 1));
  kept.push({ severity: 'information', code: 'limit-reached', message: t(lang, '{0} more diagnostics not shown: VS Code shows at most {1} per file. Use Go to Event or the outline for the rest.', out.length - kept.length, max), line: out[kept.length]!.line, related: [] });
  return { items: kept, limitReached: true };
}

function oomDiagnostics(group: OomEvent[], lang: Lang): DiagnosticData[] {
  const out: DiagnosticData[] = [];
  const first = group[0]!;
  const related: DiagnosticData['related'] = [];
  const row = victimRow(first);
  if (row !== null) related.push({ line: row, message: t(lang, "victim's tasks-table row") });
  let message = killText(first, lang);
  if (!first.trigger) message += ` — ${t(lang, 'the report header is not in the log: the kernel rate-limits OOM reports (5 per 5 s), so kill lines can arrive alone during a storm')}`;
  if (group.length > 1) {
    const where = first.memcg?.oomMemcg ? printable(first.memcg.oomMemcg) : first.trigger ? t(lang, 'triggered by {0}', printable(first.trigger.comm)) : null;
    message = (where ? t(lang, 'OOM storm: {0} kills {1}', group.length, where) : t(lang, 'OOM storm: {0} kills', group.length)) + ` — ${message}`;
    for (const ev of group.slice(1)) {
      related.push({ line: oomLine(ev), message: killText(ev, lang) });
      const r = victimRow(ev);
      if (r !== null) related.push({ line: r, message: t(lang, "victim's tasks-table row") });
    }
  }
  out.push({ severity: 'error', code: group.length > 1 ? 'oom-storm' : 'oom-kill', message, line: oomLine(first), related: related.slice(0, 200) });

  for (const ev of group) {
    if (ev.trigger && !ev.killed && !ev.parts.some((p) => p.name === 'no-killable')) {
      out.push({ severity: 'information', code: 'oom-report-cut', message: t(lang, 'This OOM report ends before its kill line: the log excerpt was cut, or the rest was lost.'), line: ev.startLine, related: [] });
    }
    for (const s of ev.memcgStats) {
      if (!s.truncatedByKernel) continue;
      const part = ev.parts.find((p) => p.name === 'memcg-stats');
      out.push({ severity: 'information', code: 'memcg-stats-truncated', message: t(lang, 'The kernel cut this memory.stat block at about 1 KiB (one printk record, kernels 5.3–6.4): the keys after the cut are missing, not zero.'), line: part ? part.endLine : ev.startLine, related: [] });
    }
    const notTop = victimNotTop(ev, lang);
    if (notTop) out.push(notTop);
  }
  return out;
}

/**
 * Per-event results that do not depend on line numbers, kept while the event object lives: after an
 * edit, incremental re-analysis keeps the events it did not touch, and their diagnostics are not
 * computed again.
 */
const topCache = new WeakMap<OomEvent, { top: number; topPoints: number; victimPoints: number } | null>();

function topBadness(ev: OomEvent): { top: number; topPoints: number; victimPoints: number } | null {
  if (topCache.has(ev)) return topCache.get(ev)!;
  let r: { top: number; topPoints: number; victimPoints: number } | null = null;
  const k = ev.killed;
  const est = k && ev.tasks ? estimateBadness(ev, inferPageSize(ev)) : null;
  if (k && est) {
    let top: { pid: number; points: number } | null = null;
    let victim: number | null = null;
    for (const s of est.scores) {
      if (s.points === null) continue;
      if (!top || s.points > top.points) top = { pid: s.pid, points: s.points };
      if (s.pid === k.pid) victim = s.points;
    }
    if (top && victim !== null && top.pid !== k.pid && top.points > victim * 1.05) r = { top: top.pid, topPoints: top.points, victimPoints: victim };
  }
  topCache.set(ev, r);
  return r;
}

/** The victim was not the task with the highest estimated badness. */
function victimNotTop(ev: OomEvent, lang: Lang): DiagnosticData | null {
  const k = ev.killed;
  const r = topBadness(ev);
  if (!k || !r || !ev.tasks) return null;
  const top = { pid: r.top, points: r.topPoints };
  const victim = { points: r.victimPoints };
  const topRow = ev.tasks.find((x) => x.pid === top.pid)!;
  const line = victimRow(ev) ?? oomLine(ev);
  return {
    severity: 'information',
    code: 'oom-victim-not-top',
    message: t(lang, '{0} (pid {1}) was killed although {2} (pid {3}) has a higher estimated badness ({4} vs {5} points). Likely reasons: that task was already exiting or being reaped, the kernel killed a child instead of the selected task (before 5.3), or memory changed between the table and the kill. The score is an estimate.', printable(k.comm), k.pid, printable(topRow.name), top.pid, top.points!, victim.points!),
    line,
    related: [{ line: topRow.line, message: t(lang, 'highest estimated badness') }],
  };
}

function otherDiagnostic(ev: KernelEvent, lang: Lang): DiagnosticData {
  let severity = SEVERITY[ev.kind] ?? 'warning';
  if (ev.kind === 'coredump' && ev.outcome !== 'dumped') severity = 'warning';
  if (ev.kind === 'hardware-error' && ev.corrected === true) severity = 'warning';
  return { severity, code: ev.kind, message: memo(lineCache, ev, lang, oneLine), line: ev.startLine, related: [] };
}

/** OOM kills grouped into storms: consecutive kills (other kinds between them ignored) of the same host and memcg, or of the same trigger command for global OOMs. */
export function oomGroups(a: Analysis): OomEvent[][] {
  const key = (ev: OomEvent): string => `${ev.host ?? ''}\u0000${ev.memcg?.oomMemcg ?? `global:${ev.trigger?.comm ?? ev.killed?.comm ?? ''}`}`;
  const groups: OomEvent[][] = [];
  let cur: OomEvent[] | null = null;
  for (const ev of a.events) {
    if (ev.kind !== 'oom') continue;
    if (cur && key(cur[0]!) === key(ev)) cur.push(ev);
    else groups.push((cur = [ev]));
  }
  return groups;
}
