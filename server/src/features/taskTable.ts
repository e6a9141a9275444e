/**
 * The tasks-table webview's model: every column of an OOM report's tasks table as printed, the
 * memory columns in MiB, each task's share of the memcg limit (or RAM) and its estimated
 * badness; the memory picture of the event (memcg gauges and memory.stat breakdown, zones against
 * their watermarks, RAM and swap) and the verdict with its evidence. Pure: no editor or LSP types.
 * The contract is ../webviewProtocol.ts.
 */
import { TASK_COLUMNS } from '../core/parser/builders/oom.js';
import { COLUMN_TEXT, isCountStat, STAT_TEXT } from '../core/knowledge/fields.js';
import { estimateBadness, totalPages, verdict, VERDICT_TEXT } from '../core/knowledge/oom.js';
import { inferPageSize, type PageSize } from '../core/knowledge/pageSize.js';
import { t, type Lang } from '../core/l10n/l10n.js';
import type { Analysis, Memcg, MemcgStats, OomEvent, TaskRow } from '../core/model/events.js';
import { PAGE_SIZE_SOURCE } from '../core/report/describe.js';
import type {
  Cell,
  Gauge,
  MemoryPicture,
  PickerEntry,
  StatBreakdown,
  TableColumn,
  TableRow,
  TasksTableModel,
  TasksTableParams,
  TasksTableResult,
  UiLabels,
  ZonePicture,
} from '../webviewProtocol.js';

/** Printed tasks-table columns → row fields: the parser's map, plus the pid and the name. */
const PRINTED: Record<string, keyof TaskRow> = { pid: 'pid', ...TASK_COLUMNS, name: 'name' };

/** Columns whose sum over the table means something (memory sizes). */
const SUMMABLE = new Set(['total_vm', 'rss', 'rss_anon', 'rss_file', 'rss_shmem', 'nr_ptes', 'nr_pmds', 'pgtables_bytes', 'swapents', 'rss_mib', 'swap_mib', 'pgtables_mib', 'share']);

/** When the header line is missing: the columns every kernel prints, plus whatever the rows carry. */
const FALLBACK_ORDER = ['pid', 'uid', 'tgid', 'total_vm', 'rss', 'rss_anon', 'rss_file', 'rss_shmem', 'nr_ptes', 'nr_pmds', 'pgtables_bytes', 'swapents', 'cpu', 'oom_adj', 'oom_score_adj', 'name'];

/** cgroup limits print as PAGE_COUNTER_MAX pages when unlimited (about 8 EiB). */
const UNLIMITED_KB = 2 ** 50;

/** memory.stat keys shown as the breakdown (cgroup v2 names, then their v1 counterparts). */
const PRINCIPAL_STATS = ['anon', 'rss', 'file', 'cache', 'shmem', 'kernel', 'slab', 'sock', 'pagetables', 'kernel_stack', 'percpu', 'vmalloc', 'zswap', 'swap', 'swapcached'];

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** UI strings of the webview and the panel. Each is a literal call of t() with the English text, so the l10n test finds it. */
export function uiLabels(lang: Lang): UiLabels {
  return {
    title: t(lang, 'Tasks table'),
    event: t(lang, 'OOM event'),
    noEvents: t(lang, 'No OOM event in this document.'),
    noTasks: t(lang, 'This OOM report has no tasks table in the log (vm.oom_dump_tasks is off, or the lines are missing).'),
    noDocument: t(lang, 'Open a kernel log to see the tasks of its OOM events.'),
    filter: t(lang, 'Filter by name, pid or uid'),
    filterHelp: t(lang, 'Words match the name, the start of a pid, or a uid; pid:N, uid:N and name:TEXT match one field only.'),
    copyMarkdown: t(lang, 'Copy as Markdown'),
    saveCsv: t(lang, 'Save as CSV'),
    rowsShown: t(lang, '{0} of {1} tasks'),
    total: t(lang, 'Total'),
    killed: t(lang, 'killed'),
    alsoKilled: t(lang, 'also killed'),
    memory: t(lang, 'Memory at the time of the OOM'),
    memcg: t(lang, 'memcg'),
    statBreakdown: t(lang, 'memory.stat breakdown (share of the cgroup usage)'),
    allStats: t(lang, 'All memory.stat values'),
    truncated: t(lang, 'The kernel cut this memory.stat block at about 1 KiB (one printk record, kernels 5.3–6.4): the keys after the cut are missing, not zero.'),
    zones: t(lang, 'Zones: free memory against the min / low / high watermarks'),
    free: t(lang, 'free'),
    ram: t(lang, 'RAM'),
    swap: t(lang, 'swap'),
    verdict: t(lang, 'verdict'),
    pageSize: t(lang, 'page size'),
    pageSizeUnknown: t(lang, 'page size unknown: memory columns stay in pages'),
    estimate: t(lang, 'an estimate from the table, not the kernel’s own number'),
    trigger: t(lang, 'trigger'),
    constraint: t(lang, 'constraint'),
    copied: t(lang, 'Copied {0} rows as Markdown.'),
    saved: t(lang, 'Saved {0} rows to {1}.'),
    csvFiles: t(lang, 'CSV files'),
    revealHint: t(lang, 'Click a row, or press Enter on it, to show its line in the editor.'),
    stateBelowMin: t(lang, 'below min'),
    stateBelowLow: t(lang, 'below low'),
    stateBelowHigh: t(lang, 'below high'),
    stateOk: t(lang, 'above high'),
    line: t(lang, 'line {0}'),
    failed: t(lang, 'Could not load the tasks table: {0}'),
  };
}

function columnsOf(ev: OomEvent): string[] {
  const printed = ev.taskColumns?.filter((c) => c in PRINTED);
  if (printed && printed.length > 0) return printed.includes('name') ? printed : [...printed, 'name'];
  const rows = ev.tasks ?? [];
  return FALLBACK_ORDER.filter((c) => c === 'pid' || c === 'name' || rows.some((r) => r[PRINTED[c]!] !== null));
}

/** Page-table memory of a row in KiB: pgtables_bytes (4.19+), or (nr_ptes + nr_pmds) pages. */
function pgtablesKb(r: TaskRow, page: PageSize | null): number | null {
  if (r.pgtablesBytes !== null) return r.pgtablesBytes / 1024;
  if (r.nrPtes === null && r.nrPmds === null) return null;
  return page ? ((r.nrPtes ?? 0) + (r.nrPmds ?? 0)) * page.kb : null;
}

function shareBase(ev: OomEvent, page: PageSize | null): TasksTableModel['shareOf'] {
  const limit = ev.memcg?.limitKb;
  if (limit && limit < UNLIMITED_KB) return { basis: 'memcg-limit', kb: limit };
  if (ev.memInfo?.pagesRam && page) return { basis: 'ram', kb: ev.memInfo.pagesRam * page.kb };
  return null;
}

function gauges(m: Memcg, lang: Lang): Gauge[] {
  const out: Gauge[] = [];
  const add = (label: string, used: number | null, limit: number | null, failcnt: number | null): void => {
    if (used === null) return;
    out.push({ label, usedKb: used, limitKb: limit !== null && limit < UNLIMITED_KB ? limit : null, failcnt });
  };
  add(t(lang, 'memory'), m.usageKb, m.limitKb, m.failcnt);
  add(t(lang, 'swap'), m.swapUsageKb, m.swapLimitKb, m.swapFailcnt);
  add(t(lang, 'memory + swap'), m.memswUsageKb, m.memswLimitKb, m.memswFailcnt);
  add(t(lang, 'kernel memory (kmem)'), m.kmemUsageKb, m.kmemLimitKb, m.kmemFailcnt);
  return out;
}

function statBreakdown(s: MemcgStats, lang: Lang): StatBreakdown {
  const kbOf = (key: string, v: number): number | null => (isCountStat(key) ? null : s.format === 'v1-line' ? v : v / 1024);
  const all: StatBreakdown['all'] = Object.entries(s.stats).map(([key, v]) => {
    const kb = kbOf(key, v);
    return kb === null ? { key, value: v, unit: 'count' } : { key, value: kb, unit: 'kb' };
  });
  const keys = PRINCIPAL_STATS.filter((k) => k in s.stats);
  if (!('slab' in s.stats)) for (const k of ['slab_reclaimable', 'slab_unreclaimable']) if (k in s.stats) keys.push(k);
  const parts = keys.map((key) => ({ key, kb: kbOf(key, s.stats[key]!) ?? 0, title: STAT_TEXT[key]?.[lang] ?? '' }));
  return { path: s.path, format: s.format, truncated: s.truncatedByKernel, parts, all };
}

function zoneState(free: number | null, min: number | null, low: number | null, high: number | null): ZonePicture['state'] {
  if (free === null || min === null) return 'unknown';
  if (free <= min) return 'below-min';
  if (low !== null && free <= low) return 'below-low';
  if (high !== null && free <= high) return 'below-high';
  return 'ok';
}

function memoryPicture(ev: OomEvent, page: PageSize | null, lang: Lang): MemoryPicture {
  const m = ev.memcg;
  const isMemcg = m !== null && (ev.constraint === 'CONSTRAINT_MEMCG' || ev.globalOom === false || (m.limitKb !== null && ev.constraint === null));
  const mi = ev.memInfo;
  const scope: MemoryPicture['scope'] = isMemcg ? 'memcg' : mi || ev.globalOom || ev.constraint === 'CONSTRAINT_NONE' ? 'global' : 'unknown';
  const st = ev.memcgStats.find((s) => m && s.path === m.oomMemcg) ?? ev.memcgStats[0] ?? null;
  const zones: ZonePicture[] = (mi?.zones ?? []).map((z) => {
    const k = (key: string): number | null => z.kb[key] ?? null;
    return {
      name: z.node === null ? z.zone : `Node ${z.node} ${z.zone}`,
      freeKb: k('free'),
      minKb: k('min'),
      lowKb: k('low'),
      highKb: k('high'),
      managedKb: k('managed'),
      state: zoneState(k('free'), k('min'), k('low'), k('high')),
    };
  });
  return {
    scope,
    memcg: m ? { path: m.oomMemcg, taskPath: m.taskMemcg, gauges: gauges(m, lang) } : null,
    stats: st ? statBreakdown(st, lang) : null,
    zones,
    ram: mi && mi.pagesRam !== null ? { totalKb: page ? mi.pagesRam * page.kb : null, reservedKb: page && mi.pagesReserved !== null ? mi.pagesReserved * page.kb : null } : null,
    swap: mi && mi.totalSwapKb !== null ? { totalKb: mi.totalSwapKb, freeKb: mi.freeSwapKb } : null,
  };
}

/** The webview's model of one OOM event. `index` is the event's index in the analysis. */
export function tasksTableModel(ev: OomEvent, lang: Lang, index = 0): TasksTableModel {
  const page = inferPageSize(ev);
  const est = estimateBadness(ev, page);
  const share = shareBase(ev, page);
  const printed = columnsOf(ev);
  const kbText = page ? String(page.kb) : '?';

  const columns: TableColumn[] = printed.map((key) => ({
    key,
    label: key === 'name' ? 'name' : key,
    title: COLUMN_TEXT[key]?.[lang] ?? '',
    type: key === 'name' ? 'text' : 'int',
    derived: false,
    summable: SUMMABLE.has(key),
  }));
  const derived = (key: string, label: string, title: string, type: TableColumn['type']): void => {
    columns.push({ key, label, title, type, derived: true, summable: SUMMABLE.has(key) });
  };
  // Derived from printed columns only: a 3.x table without swapents gets no swap column.
  const hasRss = printed.includes('rss');
  const hasSwap = printed.includes('swapents');
  const hasPgtables = printed.includes('pgtables_bytes') || printed.includes('nr_ptes');
  if (hasRss) derived('rss_mib', t(lang, 'RSS (MiB)'), page ? t(lang, 'Resident memory: rss × {0} KiB pages.', kbText) : t(lang, 'page size unknown: memory columns stay in pages'), 'mib');
  if (hasSwap) derived('swap_mib', t(lang, 'swap (MiB)'), page ? t(lang, 'Memory in swap: swapents × {0} KiB pages.', kbText) : t(lang, 'page size unknown: memory columns stay in pages'), 'mib');
  if (hasPgtables) derived('pgtables_mib', t(lang, 'page tables (MiB)'), t(lang, 'Page-table memory: pgtables_bytes, or (nr_ptes + nr_pmds) × {0} KiB pages.', kbText), 'mib');
  if (share && hasRss)
    derived(
      'share',
      share.basis === 'memcg-limit' ? t(lang, '% of limit') : t(lang, '% of RAM'),
      share.basis === 'memcg-limit' ? t(lang, 'Resident memory as a share of the memory cgroup limit ({0} MiB).', round(share.kb / 1024, 1)) : t(lang, 'Resident memory as a share of RAM ({0} MiB).', round(share.kb / 1024, 1)),
      'percent',
    );
  if (est)
    derived(
      'badness',
      t(lang, 'badness (estimate)'),
      t(lang, 'Estimated oom_badness() points ({0} rule): rss + swap + page tables in pages, plus oom_score_adj × totalpages / 1000. An estimate from the table, not the kernel’s own number; empty for unkillable tasks (oom_score_adj -1000).', est.rule.rule),
      'int',
    );

  const points = new Map(est?.scores.map((s) => [s.pid, s.points]) ?? []);
  // Numbers too large for a double (a garbled row) become empty cells: the webview's validator
  // would otherwise reject the whole model. A row without a usable pid is left out.
  const fin = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);
  const rows: TableRow[] = (ev.tasks ?? []).filter((r) => Number.isSafeInteger(r.pid) && Number.isSafeInteger(r.line)).map((r) => {
    const rssKb = page && r.rss !== null ? fin(r.rss * page.kb) : null;
    const pt = pgtablesKb(r, page);
    const cells: Cell[] = printed.map((key) => {
      const v = r[PRINTED[key]!];
      return typeof v === 'number' ? fin(v) : typeof v === 'string' ? v : null;
    });
    if (hasRss) cells.push(rssKb === null ? null : round(rssKb / 1024, 3));
    if (hasSwap) cells.push(page && r.swapents !== null ? round((r.swapents * page.kb) / 1024, 3) : null);
    if (hasPgtables) cells.push(pt === null ? null : round(pt / 1024, 3));
    if (share && hasRss) cells.push(rssKb === null ? null : round((100 * rssKb) / share.kb, 3));
    if (est) cells.push(fin(points.get(r.pid) ?? null));
    return { pid: r.pid, uid: r.uid !== null && Number.isSafeInteger(r.uid) ? r.uid : null, name: r.name, line: r.line, cells };
  });

  const totals: Record<string, number> = {};
  columns.forEach((c, i) => {
    if (!c.summable) return;
    let sum = 0;
    for (const r of rows) {
      const v = r.cells[i];
      if (typeof v === 'number') sum += v;
    }
    totals[c.key] = round(sum, 3);
  });

  const v = verdict(ev);
  const tr = ev.trigger;
  const tp = page ? totalPages(ev, page) : null;
  return {
    event: {
      index,
      startLine: ev.startLine,
      endLine: ev.endLine,
      time: ev.time,
      host: ev.host,
      kernel: ev.kernel?.release ?? null,
      trigger: tr ? { comm: tr.comm, pid: tr.pid, order: tr.order, gfpMask: tr.gfpMask } : null,
      constraint: ev.constraint,
      killMessage: ev.killMessage,
      victim: ev.killed ? { pid: ev.killed.pid, comm: ev.killed.comm } : null,
    },
    columns,
    rows,
    victimPid: ev.killed?.pid ?? null,
    alsoKilledPids: ev.alsoKilled.map((x) => x.pid),
    pageSize: page ? { kb: page.kb, source: page.source, text: `${page.kb} KiB (${t(lang, PAGE_SIZE_SOURCE[page.source]!)})` } : null,
    shareOf: share,
    badness: est ? { rule: est.rule.rule, totalPages: tp?.pages ?? null, note: t(lang, 'an estimate from the table, not the kernel’s own number') } : null,
    totals,
    memory: memoryPicture(ev, page, lang),
    // A lone kill tail says nothing about why (as in the summaries).
    verdict: v.kind !== 'unknown' || tr !== null ? { kind: v.kind, text: t(lang, VERDICT_TEXT[v.kind]), evidence: v.evidence.map((x) => t(lang, x.message, ...x.args)) } : null,
  };
}

/** Every OOM event of the analysis, for the picker. */
export function eventsForPicker(analysis: Analysis): PickerEntry[] {
  const out: PickerEntry[] = [];
  analysis.events.forEach((ev, index) => {
    if (ev.kind !== 'oom') return;
    out.push({
      index,
      startLine: ev.startLine,
      endLine: ev.endLine,
      time: ev.time,
      victim: ev.killed ? { pid: ev.killed.pid, comm: ev.killed.comm } : null,
      memcg: ev.memcg?.oomMemcg ?? ev.memcg?.taskMemcg ?? null,
      tasks: ev.tasks ? ev.tasks.length : null,
    });
  });
  return out;
}

/**
 * The answer to `kernelTriage/tasksTable`: the picker's events and the model of the event asked
 * for by index, else the one around (or last before) the line, else the first.
 */
export function tasksTableResult(analysis: Analysis | null, params: TasksTableParams, lang: Lang): TasksTableResult {
  const labels = uiLabels(lang);
  const events = analysis ? eventsForPicker(analysis) : [];
  if (!analysis || events.length === 0) return { events, selected: null, model: null, labels };
  let pick = params.index !== undefined ? events.find((e) => e.index === params.index) : undefined;
  if (!pick && params.line !== undefined) {
    const line = params.line;
    pick = events.find((e) => e.startLine <= line && line <= e.endLine) ?? events.filter((e) => e.startLine <= line).pop();
  }
  pick ??= events[0]!;
  return { events, selected: pick.index, model: tasksTableModel(analysis.events[pick.index] as OomEvent, lang, pick.index), labels };
}
