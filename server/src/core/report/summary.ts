/**
 * Human-readable output: a plain-text summary (the CLI default) and a Markdown report. Both are
 * built from the same per-event facts. Log text is untrusted: in Markdown it is escaped so it can
 * never become markup.
 */
import type { KernelEvent, OomEvent, TaskRow } from '../model/events.js';
import { inferPageSize, type PageSize } from '../knowledge/pageSize.js';

export interface VictimMemory {
  /** Resident memory in kB, and where the figure came from. */
  rssKb: number | null;
  source: 'kill-line' | 'task-table' | 'reaper' | null;
}

/**
 * The victim's memory as it was when chosen. The `oom_reaper:` line is measured after the reap and
 * usually says 0 kB, so prefer the kill line, then the victim's tasks-table row.
 */
export function victimMemory(ev: OomEvent, page: PageSize | null): VictimMemory {
  const k = ev.killed;
  if (!k) return { rssKb: null, source: null };
  if (k.anonRssSource === 'kill' && k.anonRssKb !== null) {
    return { rssKb: k.anonRssKb + (k.fileRssKb ?? 0) + (k.shmemRssKb ?? 0), source: 'kill-line' };
  }
  const row = ev.tasks?.find((r) => r.pid === k.pid);
  if (row && row.rss !== null && page) return { rssKb: row.rss * page.kb, source: 'task-table' };
  if (k.anonRssKb !== null) return { rssKb: k.anonRssKb + (k.fileRssKb ?? 0) + (k.shmemRssKb ?? 0), source: 'reaper' };
  return { rssKb: null, source: null };
}

export function largestTasks(ev: OomEvent, n = 5): TaskRow[] {
  if (!ev.tasks) return [];
  return [...ev.tasks].sort((a, b) => (b.rss ?? 0) - (a.rss ?? 0)).slice(0, n);
}

export function mib(kb: number): string {
  return (kb / 1024).toFixed(1) + ' MiB';
}

function pagesToMib(pages: number | null, page: PageSize | null): string {
  if (pages === null) return '–';
  if (!page) return `${pages} pages`;
  return ((pages * page.kb) / 1024).toFixed(1);
}

type Esc = (s: string) => string;

function triggerText(ev: OomEvent, esc: Esc): string {
  const t = ev.trigger;
  if (!t) return 'not in the log (report header missing or rate-limited)';
  const parts = [`${esc(t.comm)}${t.pid !== null ? ` (pid ${t.pid})` : ''}`];
  if (t.gfpMask !== null) parts.push(`gfp_mask=${esc(t.gfpMask)}${t.gfpFlags ? `(${esc(t.gfpFlags.join('|'))})` : ''}`);
  if (t.order !== null) parts.push(`order=${t.order}${t.order === -1 ? ' (manual/SysRq OOM)' : ''}`);
  if (t.gfpMask === '0x0' && t.gfpFlags !== null && t.gfpFlags.length === 0) parts.push('(page-fault OOM)');
  if (t.oomScoreAdj !== null) parts.push(`oom_score_adj=${t.oomScoreAdj}`);
  return parts.join(' ');
}

function memcgText(ev: OomEvent, esc: Esc): string | null {
  const m = ev.memcg;
  if (!m) return null;
  const where = esc(m.oomMemcg ?? m.taskMemcg ?? '?');
  if (m.usageKb === null || m.limitKb === null) return where;
  const pct = m.limitKb > 0 ? ` (${((100 * m.usageKb) / m.limitKb).toFixed(1)}%)` : '';
  return `${where}: usage ${mib(m.usageKb)} of limit ${mib(m.limitKb)}${pct}${m.failcnt !== null ? `, failcnt ${m.failcnt}` : ''}`;
}

function victimText(ev: OomEvent, page: PageSize | null, esc: Esc): string {
  const k = ev.killed;
  if (!k) return 'no kill line in the log';
  const mem = victimMemory(ev, page);
  const bits = [`${esc(k.comm)} (pid ${k.pid}${k.uid !== null ? `, uid ${k.uid}` : ''})`];
  if (mem.rssKb !== null) {
    const from = mem.source === 'task-table' ? ' from its tasks-table row' : mem.source === 'reaper' ? ' after reaping' : '';
    bits.push(`resident ${mib(mem.rssKb)}${from}`);
  }
  if (k.anonRssSource === 'kill' && k.anonRssKb !== null) bits.push(`anon ${mib(k.anonRssKb)}, file ${mib(k.fileRssKb ?? 0)}, shmem ${mib(k.shmemRssKb ?? 0)}`);
  if (k.totalVmKb !== null) bits.push(`virtual ${mib(k.totalVmKb)}`);
  if (k.oomScoreAdj !== null) bits.push(`oom_score_adj ${k.oomScoreAdj}`);
  return bits.join('; ');
}

function title(ev: KernelEvent, i: number): string {
  return `#${i + 1} OOM kill, lines ${ev.startLine + 1}–${ev.endLine + 1}${ev.complete ? '' : ' (incomplete)'}`;
}

export function textSummary(file: string, events: KernelEvent[]): string {
  const out: string[] = [];
  out.push(`${file}: ${events.length === 0 ? 'no kernel events found' : `${events.length} event${events.length === 1 ? '' : 's'}`}`);
  events.forEach((ev, i) => {
    const page = inferPageSize(ev);
    out.push('');
    out.push(title(ev, i));
    const row = (k: string, v: string | null): void => {
      if (v !== null) out.push(`  ${k.padEnd(12)}${v}`);
    };
    const p = printable;
    row('time', ev.time === null ? null : p(ev.time) + (ev.host ? ` on ${p(ev.host)}` : ''));
    row('kernel', ev.kernel ? `${p(ev.kernel.release)}${ev.kernel.arch ? ` (${ev.kernel.arch})` : ''}` : null);
    row('trigger', triggerText(ev, p));
    row('constraint', ev.constraint !== null ? p(ev.constraint) : ev.memcg ? 'memory cgroup (from the memcg lines)' : null);
    row('memcg', memcgText(ev, p));
    row('killed', victimText(ev, page, p));
    if (ev.selected) row('selected', `${p(ev.selected.comm)} (pid ${ev.selected.pid}, score ${ev.selected.score}); a child was killed instead`);
    if (ev.alsoKilled.length > 0) row('also killed', ev.alsoKilled.map((t) => `${p(t.comm)} (${t.pid})`).join(', '));
    const top = largestTasks(ev);
    if (top.length > 0) {
      const unit = page ? `MiB, ${page.kb} KiB pages from ${page.source}` : 'pages; page size unknown';
      out.push(`  largest tasks of ${ev.tasks!.length} (rss in ${unit}):`);
      out.push(`    ${'pid'.padStart(8)} ${'rss'.padStart(10)} ${'swap'.padStart(10)} ${'adj'.padStart(6)}  name`);
      for (const t of top) {
        out.push(`    ${String(t.pid).padStart(8)} ${pagesToMib(t.rss, page).padStart(10)} ${pagesToMib(t.swapents, page).padStart(10)} ${String(t.oomScoreAdj ?? '–').padStart(6)}  ${printable(t.name)}${ev.killed?.pid === t.pid ? '  ← killed' : ''}`);
      }
    }
  });
  return out.join('\n') + '\n';
}

/** Control characters from the log must not drive the terminal. */
export function printable(s: string): string {
  return s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Markdown-escape untrusted text for a table cell or inline use: HTML-significant characters become
 * entities, Markdown punctuation is backslash-escaped, control characters are made visible.
 */
export function md(s: string): string {
  return printable(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => '\\' + c);
}

export function markdownReport(file: string, events: KernelEvent[]): string {
  const out: string[] = [];
  out.push(`# Kernel log triage: ${md(file)}`, '');
  if (events.length === 0) {
    out.push('No kernel events found.', '');
    return out.join('\n');
  }
  out.push('| # | lines | time | kind | trigger | victim | memory |', '|---|---|---|---|---|---|---|');
  events.forEach((ev, i) => {
    const page = inferPageSize(ev);
    const mem = victimMemory(ev, page);
    out.push(
      `| ${i + 1} | ${ev.startLine + 1}–${ev.endLine + 1} | ${md(ev.time ?? '')} | OOM${ev.constraint ? ` ${md(ev.constraint)}` : ''} | ${ev.trigger ? md(ev.trigger.comm) : '–'} | ${ev.killed ? `${md(ev.killed.comm)} (${ev.killed.pid})` : '–'} | ${mem.rssKb !== null ? mib(mem.rssKb) : '–'} |`,
    );
  });
  events.forEach((ev, i) => {
    const page = inferPageSize(ev);
    out.push('', `## ${i + 1}. ${title(ev, i).replace(/^#\d+ /, '')}`, '');
    out.push(`- **Trigger:** ${triggerText(ev, md)}`);
    if (ev.constraint) out.push(`- **Constraint:** ${md(ev.constraint)}`);
    const mc = memcgText(ev, md);
    if (mc) out.push(`- **Memory cgroup:** ${mc}`);
    out.push(`- **Killed:** ${victimText(ev, page, md)}`);
    const top = largestTasks(ev);
    if (top.length > 0) {
      out.push('', `Largest tasks (${ev.tasks!.length} in the table; ${page ? `MiB at ${page.kb} KiB pages` : 'pages'}):`, '');
      out.push('| pid | uid | rss | swap | oom_score_adj | name |', '|---:|---:|---:|---:|---:|---|');
      for (const t of top) {
        out.push(`| ${t.pid} | ${t.uid ?? '–'} | ${pagesToMib(t.rss, page)} | ${pagesToMib(t.swapents, page)} | ${t.oomScoreAdj ?? '–'} | ${md(t.name)} |`);
      }
    }
  });
  out.push('');
  return out.join('\n');
}
