/**
 * Human output: a plain-text summary (the CLI default) and a Markdown incident report, both from
 * ./describe.ts. Log text is untrusted: in text it cannot drive the terminal, in Markdown it is
 * escaped so it cannot become markup.
 */
import { t, type Lang } from '../l10n/l10n.js';
import type { KernelEvent, OomEvent } from '../model/events.js';
import { describe, kindName, mib, victimMemory, type Val } from './describe.js';
import { inferPageSize } from '../knowledge/pageSize.js';

export { largestTasks, mib, victimMemory } from './describe.js';

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

/** Untrusted text as an inline code span: a fence longer than any backtick run inside, no escapes needed. */
export function codeSpan(s: string): string {
  const v = printable(s);
  const runs = v.match(/`+/g);
  const fence = '`'.repeat(runs ? Math.max(...runs.map((r) => r.length)) + 1 : 1);
  const pad = v.startsWith('`') || v.endsWith('`') || (v.startsWith(' ') && v.endsWith(' ') && v.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

function render(v: Val, esc: (s: string) => string): string {
  return v.map((s) => (typeof s === 'string' ? s : esc(s.log))).join('');
}

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, n: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return right ? fill + s : s + fill;
}

export function textSummary(file: string, events: KernelEvent[], lang: Lang = 'en'): string {
  const out: string[] = [];
  out.push(`${printable(file)}: ${events.length === 0 ? t(lang, 'no kernel events found') : events.length === 1 ? t(lang, '{0} event', 1) : t(lang, '{0} events', events.length)}`);
  events.forEach((ev, i) => {
    const d = describe(ev, i, lang);
    out.push('', d.title);
    const lw = Math.max(12, ...d.rows.map(([l]) => width(l) + 2));
    for (const [label, value] of d.rows) out.push(`  ${pad(label, lw)}${render(value, printable)}`);
    if (d.table) {
      out.push(`  ${d.table.caption}:`);
      const cells = [d.table.head, ...d.table.rows.map((r) => r.map((c) => render(c, printable)))];
      const widths = d.table.head.map((_, c) => Math.max(...cells.map((r) => width(r[c]!))));
      for (const r of cells) out.push('    ' + r.map((c, j) => (j === r.length - 1 ? c : pad(c, widths[j]!, d.table!.alignRight[j]))).join('  '));
    }
  });
  return out.join('\n') + '\n';
}

/** OOM kills of one host and memory cgroup (or one trigger command, for global OOMs). */
interface Storm {
  key: string;
  events: OomEvent[];
}

function storms(events: KernelEvent[]): Storm[] {
  const map = new Map<string, Storm>();
  for (const ev of events) {
    if (ev.kind !== 'oom') continue;
    const where = ev.memcg?.oomMemcg ?? (ev.trigger ? `global:${ev.trigger.comm}` : 'global');
    const key = `${ev.host ?? ''}\u0000${where}`;
    let s = map.get(key);
    if (!s) map.set(key, (s = { key: where, events: [] }));
    s.events.push(ev);
  }
  return [...map.values()].filter((s) => s.events.length > 1);
}

export function markdownReport(file: string, events: KernelEvent[], lang: Lang = 'en'): string {
  const out: string[] = [];
  out.push(`# ${t(lang, 'Kernel log triage')}: ${md(file)}`, '');
  if (events.length === 0) {
    out.push(t(lang, 'No kernel events found.'), '');
    return out.join('\n');
  }
  const counts = new Map<string, number>();
  for (const ev of events) counts.set(ev.kind, (counts.get(ev.kind) ?? 0) + 1);
  out.push([...counts].map(([k, n]) => `**${kindName(k, lang)}**: ${n}`).join(' · '), '');
  out.push(`| # | ${t(lang, 'lines')} | ${t(lang, 'time')} | ${t(lang, 'event')} | ${t(lang, 'summary')} |`, '|---:|---|---|---|---|');
  events.forEach((ev, i) => {
    const d = describe(ev, i, lang);
    const brief = d.rows.filter(([l]) => l !== t(lang, 'time') && l !== t(lang, 'kernel')).slice(0, 2).map(([l, v]) => `${md(l)}: ${render(v, md)}`).join('; ');
    out.push(`| ${i + 1} | ${ev.startLine + 1}–${ev.endLine + 1} | ${md(ev.time ?? '')} | ${kindName(ev.kind, lang)} | ${brief} |`);
  });
  const groups = storms(events);
  if (groups.length > 0) {
    out.push('', `## ${t(lang, 'OOM storms')}`, '');
    out.push(`| ${t(lang, 'where')} | ${t(lang, 'kills')} | ${t(lang, 'first')} | ${t(lang, 'last')} | ${t(lang, 'victims')} |`, '|---|---:|---|---|---|');
    for (const s of groups) {
      const victims = s.events.map((e) => (e.killed ? `${md(e.killed.comm)} (${e.killed.pid})` : '–')).join(', ');
      out.push(`| ${md(s.key)} | ${s.events.length} | ${md(s.events[0]!.time ?? '')} | ${md(s.events[s.events.length - 1]!.time ?? '')} | ${victims} |`);
    }
  }
  events.forEach((ev, i) => {
    const d = describe(ev, i, lang);
    out.push('', `## ${md(d.title.replace(/^#\d+ /, `${i + 1}. `))}`, '');
    for (const [label, value] of d.rows) out.push(`- **${md(label)}:** ${render(value, md)}`);
    if (d.table) {
      out.push('', `${md(d.table.caption)}:`, '');
      out.push(`| ${d.table.head.map(md).join(' | ')} |`, `|${d.table.alignRight.map((r) => (r ? '---:' : '---')).join('|')}|`);
      for (const r of d.table.rows) out.push(`| ${r.map((c) => render(c, md)).join(' | ')} |`);
    }
  });
  out.push('');
  return out.join('\n');
}

/** One line per event, for status bars and quick picks. */
export function oneLine(ev: KernelEvent, lang: Lang = 'en'): string {
  if (ev.kind === 'oom') {
    const mem = victimMemory(ev, inferPageSize(ev));
    const who = ev.killed ? `${printable(ev.killed.comm)} (${ev.killed.pid})` : '?';
    return `${kindName(ev.kind, lang)}: ${who}${mem.rssKb !== null ? ` ${mib(mem.rssKb)}` : ''}${ev.memcg?.oomMemcg ? ` ${t(lang, 'in')} ${printable(ev.memcg.oomMemcg)}` : ''}`;
  }
  const d = describe(ev, 0, lang);
  const first = d.rows.find(([l]) => l !== t(lang, 'time') && l !== t(lang, 'kernel'));
  return `${kindName(ev.kind, lang)}${first ? `: ${render(first[1], printable)}` : ''}`;
}
