/**
 * Hovers on every field the core locates: the value decoded and the mechanism explained, in one
 * language. Log text is escaped (it is never trusted as Markdown). Offsets are UTF-16 code units,
 * lines 0-based.
 */
import type { TextSource } from '../core/text/chunked.js';
import { COLUMN_TEXT, FIELD_TEXT, isCountStat, STAT_TEXT, type Text } from '../core/knowledge/fields.js';
import { CONSTRAINTS, estimateBadness, PAGE_ALLOC_COSTLY_ORDER, totalPages } from '../core/knowledge/oom.js';
import { inferPageSize } from '../core/knowledge/pageSize.js';
import { decodeTaint } from '../core/knowledge/taint.js';
import { t, type Lang } from '../core/l10n/l10n.js';
import type { Analysis, Field, KernelEvent, OomEvent } from '../core/model/events.js';
import { decodePfError } from '../core/parser/builders/other.js';
import { splitTaskRow, taskRowStart } from '../core/parser/reportLines.js';
import { describe, PAGE_SIZE_SOURCE } from '../core/report/describe.js';
import { codeSpan, md } from '../core/report/summary.js';
import { gfpHover } from './gfpHover.js';

export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

export interface HoverInput {
  analysis: Analysis;
  text: TextSource;
  /** Offset of the hovered character and its 0-based line, with the line's start and end offsets. */
  offset: number;
  line: number;
  lineStart: number;
  lineEnd: number;
  lang: Lang;
}

const tx = (text: Text, lang: Lang): string => text[lang];
const kib = (kb: number): string => (kb >= 1048576 ? `${(kb / 1048576).toFixed(2)} GiB` : kb >= 1024 ? `${(kb / 1024).toFixed(1)} MiB` : `${kb} KiB`);
const bytes = (b: number): string => kib(b / 1024);

/** The events whose range or parts cover `line` (a late reaper line belongs to an earlier event). */
export function eventsAt(a: Analysis, line: number): KernelEvent[] {
  const evs = a.events;
  let lo = 0;
  let hi = evs.length - 1;
  let idx = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (evs[mid]!.startLine <= line) {
      idx = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const out: KernelEvent[] = [];
  for (let i = idx; i >= 0 && i >= idx - 64; i--) {
    const ev = evs[i]!;
    if ((line >= ev.startLine && line <= ev.endLine) || ev.parts.some((p) => line >= p.startLine && line <= p.endLine)) out.push(ev);
  }
  return out;
}

export function hover(input: HoverInput): HoverResult | null {
  for (const ev of eventsAt(input.analysis, input.line)) {
    const r = hoverIn(ev, input);
    if (r) return r;
  }
  return null;
}

function hoverIn(ev: KernelEvent, inp: HoverInput): HoverResult | null {
  const { offset, lang } = inp;
  let best: Field | null = null;
  for (const f of ev.fields) {
    if (f.start <= offset && offset < Math.max(f.end, f.start + 1) && f.start >= inp.lineStart && f.end <= inp.lineEnd) {
      if (!best || f.end - f.start < best.end - best.start) best = f;
    }
  }
  if (ev.kind === 'oom' && ev.tasks) {
    const row = ev.tasks.find((r) => r.line === inp.line);
    if (row && (!best || best.name === 'tasks.name')) {
      const cell = taskCell(ev, inp);
      if (cell) return cell;
    }
  }
  if (best) {
    const body = fieldHover(ev, best, inp);
    return { markdown: body, start: best.start, end: best.end };
  }
  // The first line of an event: what the event is.
  if (inp.line === ev.startLine) {
    const d = describe(ev, 0, lang);
    const lines = [`**${md(d.title.replace(/^#\d+ /, ''))}**`, '', ...d.rows.map(([l, v]) => `- ${md(l)}: ${v.map((s) => (typeof s === 'string' ? md(s) : md(s.log))).join('')}`)];
    return { markdown: lines.join('\n'), start: inp.lineStart, end: inp.lineEnd };
  }
  return null;
}

function header(name: string, value: string): string {
  return `**${codeSpan(name)}** ${value ? codeSpan(value) : ''}`.trim();
}

function fieldHover(ev: KernelEvent, f: Field, inp: HoverInput): string {
  const { lang, text } = inp;
  const value = text.slice(f.start, f.end);
  const lineText = text.slice(inp.lineStart, inp.lineEnd);
  const out: string[] = [];
  const key = f.name;
  const last = key.slice(key.lastIndexOf('.') + 1);
  const explain = (k: string): void => {
    const e = FIELD_TEXT[k];
    out.push(e ? tx(e, lang) : tx(FIELD_TEXT.unknown!, lang));
  };
  const oom = ev.kind === 'oom' ? ev : null;
  const page = oom ? inferPageSize(oom) : null;

  if (key === 'trigger.gfpMask' || key === 'trigger.gfpFlags' || (ev.kind === 'page-alloc-failure' && (key === 'header.gfpMask' || key === 'header.gfpFlags'))) {
    const mask = oom ? oom.trigger?.gfpMask : ev.kind === 'page-alloc-failure' ? ev.gfpMask : null;
    const flags = oom ? oom.trigger?.gfpFlags : ev.kind === 'page-alloc-failure' ? ev.gfpFlags : null;
    out.push(header('gfp_mask', mask ?? value), '', tx(FIELD_TEXT['trigger.gfpMask']!, lang), '', gfpHover(mask ?? value, flags ?? null, ev.kernel?.release ?? null, lang));
    return out.join('\n');
  }
  if (key === 'trigger.order' || (ev.kind === 'page-alloc-failure' && key === 'header.order')) {
    const order = Number(value);
    out.push(header('order', value), '');
    if (order === -1) out.push(t(lang, 'order=-1: the OOM killer was invoked by hand (SysRq-f), not by a failed allocation'));
    else if (Number.isFinite(order)) {
      const pk = page?.kb ?? (ev.kernel?.arch === 'x86_64' ? 4 : null);
      out.push(t(lang, '{0} contiguous pages', 2 ** order) + (pk ? ` = ${kib(2 ** order * pk)}` : ''), '');
      if (order > PAGE_ALLOC_COSTLY_ORDER) out.push(t(lang, 'costly order'), '');
    }
    explain('trigger.order');
    return out.join('\n');
  }
  if (last === 'oomScoreAdj' || last === 'oom_score_adj') {
    out.push(header('oom_score_adj', value), '');
    const v = Number(value);
    if (v === -1000) out.push(t(lang, 'This task can never be chosen by the OOM killer.'), '');
    explain('oomScoreAdj');
    return out.join('\n');
  }
  if (key === 'cpu.tainted') {
    const d = decodeTaint(value, ev.kernel?.release ?? null);
    out.push(header('taint', value), '', tx(FIELD_TEXT['cpu.tainted']!, lang), '');
    if (!d.tainted) out.push(t(lang, 'Not tainted: the kernel is in its pristine state.'));
    for (const fl of d.flags) out.push(`- ${codeSpan(fl.letter)} ${codeSpan(fl.name)}: ${md(fl.meaning[lang])}`);
    if (d.unknown.length > 0) out.push('', t(lang, 'Letters not placed: {0}', codeSpan(d.unknown.join(' '))));
    if (d.note) out.push('', md(d.note));
    return out.join('\n');
  }
  if (key === 'oomKill.constraint') {
    out.push(header('constraint', value), '', CONSTRAINTS[value] ? t(lang, CONSTRAINTS[value]!) : tx(FIELD_TEXT.unknown!, lang), '', tx(FIELD_TEXT['oomKill.constraint']!, lang));
    return out.join('\n');
  }
  if (key.startsWith('memcg.') && ['usage', 'limit', 'failcnt'].includes(last)) {
    const which = /^\s*(memory\+swap|memory|kmem|swap|tcpmem):/.exec(lineText.slice(lineText.search(/(?:memory\+swap|memory|kmem|swap|tcpmem):/)))?.[1] ?? 'memory';
    out.push(header(`${which} ${last}`, value), '');
    const m = /^(\d+)kB$/.exec(value);
    if (m) out.push(kib(Number(m[1])), '');
    if (oom?.memcg && last === 'usage' && which === 'memory' && oom.memcg.usageKb !== null && oom.memcg.limitKb) out.push(t(lang, '{0}% of the limit', ((100 * oom.memcg.usageKb) / oom.memcg.limitKb).toFixed(1)), '');
    if (m && Number(m[1]) >= 9007199254740988 / 16) out.push(t(lang, 'This is the “unlimited” value (PAGE_COUNTER_MAX).'), '');
    explain(`memcg.${last}`);
    return out.join('\n');
  }
  if (key.startsWith('memcgStats.stat.') || key === 'memcgStats.value') {
    const statKey = key === 'memcgStats.value' ? statKeyAt(lineText, f.start - inp.lineStart) : key.slice(16);
    const n = Number(/\d+/.exec(value)?.[0] ?? NaN);
    out.push(header(statKey, value), '');
    if (Number.isFinite(n)) {
      if (key.startsWith('memcgStats.stat.')) out.push(kib(n), '');
      else if (!isCountStat(statKey)) out.push(bytes(n), '');
      else out.push(t(lang, 'a count, not bytes'), '');
    }
    const s = STAT_TEXT[statKey];
    out.push(s ? tx(s, lang) : tx(FIELD_TEXT.unknown!, lang));
    return out.join('\n');
  }
  if (key.startsWith('memInfo.zone.')) {
    const k = key.slice(13);
    const n = Number(/^(\d+)/.exec(value)?.[1] ?? NaN);
    out.push(header(k, value), '');
    if (Number.isFinite(n)) out.push(kib(n), '');
    const zt = FIELD_TEXT[`zone.${k}`];
    out.push(zt ? tx(zt, lang) : tx(FIELD_TEXT['memInfo.zone']!, lang));
    return out.join('\n');
  }
  if (key.startsWith('memInfo.counters.') || key.startsWith('memInfo.node.')) {
    const k = key.slice(key.lastIndexOf('.') + 1);
    const n = Number(/^(\d+)/.exec(value)?.[1] ?? NaN);
    const inPages = key.startsWith('memInfo.counters.');
    out.push(header(k, value), '');
    if (Number.isFinite(n)) out.push(inPages ? (page ? kib(n * page.kb) + ` (${n} × ${page.kb} KiB)` : t(lang, '{0} pages; page size unknown', n)) : kib(n), '');
    const s = STAT_TEXT[k.replace(/^nr_/, '')];
    if (s) out.push(tx(s, lang), '');
    out.push(tx(FIELD_TEXT[inPages ? 'memInfo.counters' : 'memInfo.node']!, lang));
    return out.join('\n');
  }
  if (key === 'memInfo.buddy.total' || key === 'memInfo.lowmemReserve') {
    out.push(header(key.endsWith('total') ? 'free' : 'lowmem_reserve', value), '', tx(FIELD_TEXT[key.endsWith('total') ? 'buddy' : 'lowmemReserve']!, lang));
    return out.join('\n');
  }
  if (key === 'memInfo.memTotal.value') {
    const n = Number(value);
    out.push(header(lineText.trim().replace(/^.*?\d+ /, ''), value), '');
    if (page && Number.isFinite(n) && !/kB/.test(lineText)) out.push(kib(n * page.kb), '');
    out.push(tx(FIELD_TEXT['memInfo.memTotal']!, lang));
    return out.join('\n');
  }
  if (key.startsWith('kill.') && ['total-vm', 'anon-rss', 'file-rss', 'shmem-rss', 'pgtables'].includes(last)) {
    const n = Number(/^(\d+)/.exec(value)?.[1] ?? NaN);
    out.push(header(last, value), '');
    if (Number.isFinite(n)) out.push(kib(n), '');
    if (oom?.memcg?.limitKb && Number.isFinite(n) && last !== 'total-vm') out.push(t(lang, '{0}% of the cgroup limit', ((100 * n) / oom.memcg.limitKb).toFixed(1)), '');
    explain(key);
    return out.join('\n');
  }
  if (key.startsWith('reaper.') && /rss$/.test(last)) {
    out.push(header(last, value), '', tx(FIELD_TEXT.reaperRss!, lang));
    return out.join('\n');
  }
  if (ev.kind === 'segfault' && key === 'header.error' && ev.error !== null) {
    out.push(header('error', value), '', t(lang, 'x86 page-fault error code bits: {0}', (ev.errorDecoded ?? decodePfError(ev.error)).join(', ')));
    return out.join('\n');
  }
  if (ev.kind === 'trap' && key === 'header.error') {
    out.push(header('error', value), '', t(lang, 'The trap’s own error code, not a page-fault code: for most traps it is 0.'));
    return out.join('\n');
  }
  out.push(header(last, value), '');
  const direct = FIELD_TEXT[key] ?? (last === 'memsAllowed' ? FIELD_TEXT.memsAllowed : last === 'hardware' ? FIELD_TEXT.hardware : undefined);
  out.push(direct ? tx(direct, lang) : tx(FIELD_TEXT.unknown!, lang));
  return out.join('\n');
}

/** The `key` of a `key value` memory.stat line around a column. */
function statKeyAt(line: string, col: number): string {
  const before = line.slice(0, col).trimEnd();
  const m = /([a-z_0-9]+)$/.exec(before);
  return m ? m[1]! : '?';
}

/** Hover on a tasks-table cell: the column, the value in MiB, the share of the limit, the badness. */
function taskCell(ev: OomEvent, inp: HoverInput): HoverResult | null {
  const { lang, text, offset } = inp;
  const row = ev.tasks!.find((r) => r.line === inp.line)!;
  const rel0 = taskRowStart(text.slice(inp.lineStart, inp.lineEnd));
  const rowStart = inp.lineStart + rel0;
  if (rel0 < 0 || rowStart > offset) return null;
  const cols = ev.taskColumns;
  const numeric = cols ? cols.length - 1 : null;
  const rowText = text.slice(rowStart, inp.lineEnd);
  const split = splitTaskRow(rowText, numeric);
  const rel = offset - rowStart;
  let col = -1;
  let cs = 0;
  let ce = 0;
  for (let i = 0; i < split.offsets.length; i++) {
    const s = split.offsets[i]!;
    const e = s + String(split.values[i]).length;
    if (rel >= s - 1 && rel <= e) {
      col = i;
      cs = s;
      ce = e;
    }
  }
  const colName = col === -1 ? 'name' : (cols?.[col] ?? ['pid', 'uid', 'tgid', 'total_vm', 'rss'][col] ?? '?');
  if (col === -1) {
    cs = split.nameOffset;
    ce = split.nameOffset + split.name.length;
    if (rel < cs) return null;
  }
  const page = inferPageSize(ev);
  const out: string[] = [header(colName, col === -1 ? row.name : String(split.values[col])), ''];
  const pagesCol = ['total_vm', 'rss', 'rss_anon', 'rss_file', 'rss_shmem', 'swapents'].includes(colName);
  if (pagesCol && col !== -1) {
    const n = split.values[col]!;
    if (page) out.push(`${kib(n * page.kb)} (${n} × ${page.kb} KiB, ${t(lang, 'page size')} ${t(lang, PAGE_SIZE_SOURCE[page.source]!)})`, '');
    else out.push(t(lang, '{0} pages; page size unknown', n), '');
    if (page && colName !== 'total_vm') {
      const limit = ev.memcg?.limitKb ?? (ev.memInfo?.pagesRam && page ? ev.memInfo.pagesRam * page.kb : null);
      const pct = limit ? ((100 * n * page.kb) / limit).toFixed(1) : null;
      if (pct !== null) out.push(ev.memcg?.limitKb ? t(lang, '{0}% of the cgroup limit', pct) : t(lang, '{0}% of RAM', pct), '');
    }
  }
  if (colName === 'pgtables_bytes' && col !== -1) out.push(bytes(split.values[col]!), '');
  const ct = COLUMN_TEXT[colName];
  out.push(ct ? tx(ct, lang) : tx(FIELD_TEXT.unknown!, lang));
  const est = estimateBadness(ev, page);
  const score = est?.scores.find((s) => s.pid === row.pid);
  if (est && score) {
    const total = page ? totalPages(ev, page) : null;
    out.push('', score.points === null ? t(lang, 'Estimated badness: unkillable (oom_score_adj -1000).') : t(lang, 'Estimated badness: {0} points ({1} rule{2}); an estimate from the table, not the kernel’s own number.', score.points, est.rule.rule, total ? `, totalpages ${total.pages} ${t(lang, 'from')} ${total.from}` : ''));
  }
  if (ev.killed?.pid === row.pid) out.push('', `**${t(lang, 'This task was killed.')}**`);
  return { markdown: out.join('\n'), start: rowStart + cs, end: rowStart + ce };
}
