/**
 * The tasks table's pure logic, without the DOM (tested in node): sorting with the victim pinned
 * first, filtering by name / pid / uid, cell formatting, totals, Markdown and CSV export, and the
 * window of rows to render for a scroll position.
 */
import type { Cell, TableColumn, TableRow, TasksTableModel, UiLabels } from '../../server/src/webviewProtocol.js';

export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  key: string;
  dir: SortDir;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Numeric columns sort biggest first on the first click; the name A→Z. */
export function defaultDir(col: TableColumn): SortDir {
  return col.type === 'text' ? 'asc' : 'desc';
}

/** The next sort after a click on a column header. */
export function nextSort(current: SortSpec | null, col: TableColumn): SortSpec {
  if (current && current.key === col.key) return { key: col.key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key: col.key, dir: defaultDir(col) };
}

function isPinned(r: TableRow, victimPid: number | null): boolean {
  return victimPid !== null && r.pid === victimPid;
}

/**
 * Rows in display order: the victim first, then the rest by the sort (numbers as numbers, text
 * by a natural collation; empty cells last in both directions; ties keep the printed order).
 */
export function sortRows(rows: readonly TableRow[], columns: readonly TableColumn[], sort: SortSpec | null, victimPid: number | null): TableRow[] {
  const pinned: TableRow[] = [];
  const rest: TableRow[] = [];
  for (const r of rows) (isPinned(r, victimPid) ? pinned : rest).push(r);
  const ci = sort ? columns.findIndex((c) => c.key === sort.key) : -1;
  if (!sort || ci < 0) return [...pinned, ...rest];
  const sign = sort.dir === 'asc' ? 1 : -1;
  const col = columns[ci]!;
  const idx = rest.map((r, i) => ({ r, i, v: r.cells[ci] ?? null }));
  if (col.type === 'text') {
    idx.sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      return sign * collator.compare(String(a.v), String(b.v)) || a.i - b.i;
    });
  } else {
    idx.sort((a, b) => {
      const x = typeof a.v === 'number' ? a.v : null;
      const y = typeof b.v === 'number' ? b.v : null;
      if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;
      return sign * (x - y) || a.i - b.i;
    });
  }
  return [...pinned, ...idx.map((x) => x.r)];
}

export interface FilterTerm {
  field: 'any' | 'pid' | 'uid' | 'name';
  value: string;
}

/** Whitespace-separated words, all of which must match; `pid:`, `uid:`, `name:` restrict a word to one field. */
export function parseFilter(query: string): FilterTerm[] {
  const out: FilterTerm[] = [];
  for (const w of query.trim().split(/\s+/)) {
    if (!w) continue;
    const m = /^(pid|uid|name):(.*)$/i.exec(w);
    if (m) {
      if (m[2]) out.push({ field: m[1]!.toLowerCase() as FilterTerm['field'], value: m[2].toLowerCase() });
    } else out.push({ field: 'any', value: w.toLowerCase() });
  }
  return out;
}

function matches(r: TableRow, t: FilterTerm, lname: string): boolean {
  switch (t.field) {
    case 'pid':
      return String(r.pid) === t.value;
    case 'uid':
      return r.uid !== null && String(r.uid) === t.value;
    case 'name':
      return lname.includes(t.value);
    default:
      return lname.includes(t.value) || String(r.pid).startsWith(t.value) || (r.uid !== null && String(r.uid) === t.value);
  }
}

/** Rows matching the filter (every word): a bare word matches the name, the start of the pid, or the uid. */
export function filterRows(rows: readonly TableRow[], query: string): TableRow[] {
  const terms = parseFilter(query);
  if (terms.length === 0) return [...rows];
  return rows.filter((r) => {
    const lname = r.name.toLowerCase();
    return terms.every((t) => matches(r, t, lname));
  });
}

/**
 * Order of the columns on screen, as indices into `columns`: pid, then the name (the kernel prints
 * it last only because its width varies; in a narrow panel it would scroll out of sight), then
 * the rest as printed. Exports keep the printed order.
 */
export function displayOrder(columns: readonly TableColumn[]): number[] {
  const idx = columns.map((_, i) => i);
  const name = columns.findIndex((c) => c.type === 'text');
  if (name < 0) return idx;
  const rest = idx.filter((i) => i !== name);
  const pid = columns.findIndex((c) => c.key === 'pid');
  const at = pid < 0 ? 0 : rest.indexOf(pid) + 1;
  return [...rest.slice(0, at), name, ...rest.slice(at)];
}

/** Display text of a cell: MiB and % with one decimal, empty cells as an en dash. */
export function formatCell(v: Cell, col: TableColumn): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  switch (col.type) {
    case 'mib':
    case 'percent':
      return v.toFixed(1);
    default:
      return String(v);
  }
}

/** Sums of the summable columns over the given rows, by column index (null for the others). */
export function totalsOf(rows: readonly TableRow[], columns: readonly TableColumn[]): (number | null)[] {
  const out: (number | null)[] = columns.map((c) => (c.summable ? 0 : null));
  for (const r of rows) {
    for (let i = 0; i < out.length; i++) {
      const v = r.cells[i];
      if (out[i] !== null && typeof v === 'number') out[i] = out[i]! + v;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * One Markdown table cell: log text may hold `|` (ends the cell), backticks, `*`, `_`, `[`, `]`,
 * `~`, `\` (formatting) and `<`, `>`, `&` (HTML in most renderers); line breaks end the row.
 */
export function escapeMarkdownCell(s: string): string {
  return s
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function totalText(v: number, col: TableColumn): string {
  return col.type === 'int' ? String(Math.round(v)) : v.toFixed(1);
}

/** The shown rows as a GitHub-flavoured Markdown table, with a caption line and a totals row. */
export function toMarkdown(model: TasksTableModel, rows: readonly TableRow[], labels: UiLabels): string {
  const cols = model.columns;
  const esc = escapeMarkdownCell;
  const v = model.event.victim;
  const caption = [`**${esc(labels.event)} #${model.event.index + 1}**`];
  if (model.event.time) caption.push(esc(model.event.time));
  if (v) caption.push(`${esc(labels.killed)}: ${esc(v.comm)} (pid ${v.pid})`);
  caption.push(model.pageSize ? `${esc(labels.pageSize)} ${esc(model.pageSize.text)}` : esc(labels.pageSizeUnknown));
  if (model.badness) caption.push(`badness: ${esc(model.badness.note)}`);
  const lines = [caption.join(' · '), ''];
  lines.push(`| ${cols.map((c) => esc(c.label)).join(' | ')} |`);
  lines.push(`| ${cols.map((c) => (c.type === 'text' ? ':---' : '---:')).join(' | ')} |`);
  for (const r of rows) {
    const cells = cols.map((c, i) => {
      const s = esc(formatCell(r.cells[i] ?? null, c));
      return c.type === 'text' && r.pid === model.victimPid ? `**${s}** ← ${esc(labels.killed)}` : s;
    });
    lines.push(`| ${cells.join(' | ')} |`);
  }
  const tot = totalsOf(rows, cols);
  if (rows.length > 0) lines.push(`| ${cols.map((c, i) => (i === 0 ? `**${esc(labels.total)}**` : tot[i] === null ? '' : totalText(tot[i]!, c))).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
 * or a tab / carriage return first, also after leading blanks) gets a leading `'`; numbers we
 * formatted ourselves are left alone, so `-1000` stays a number.
 */
export function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = typeof v === 'number' ? String(v) : v;
  if (typeof v === 'string' && /^(?:[\t\r]|[ \u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20])/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** The shown rows as CSV: every column (numbers unrounded), then a `killed` flag column. */
export function toCsv(model: TasksTableModel, rows: readonly TableRow[], labels: UiLabels): string {
  const head = [...model.columns.map((c) => csvCell(c.label)), csvCell(labels.killed)];
  const lines = [head.join(',')];
  for (const r of rows) lines.push([...r.cells.map(csvCell), r.pid === model.victimPid ? '1' : ''].join(','));
  return lines.join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Virtualisation

export interface VirtualWindow {
  /** First row to render. */
  start: number;
  /** One past the last row to render. */
  end: number;
  /** Height of the spacer above the rendered rows, px. */
  padTop: number;
  /** Height of the spacer below, px. */
  padBottom: number;
}

/** Which rows to render for a scroll position: the visible ones plus `overscan` either side. */
export function virtualWindow(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 8): VirtualWindow {
  const n = Math.max(0, Math.floor(Number.isFinite(total) ? total : 0));
  const h = rowHeight > 0 && Number.isFinite(rowHeight) ? rowHeight : 1;
  const top = Math.max(0, Number.isFinite(scrollTop) ? scrollTop : 0);
  const view = Math.max(0, Number.isFinite(viewportHeight) ? viewportHeight : 0);
  const first = Math.min(n, Math.floor(top / h));
  const last = Math.min(n, Math.ceil((top + view) / h));
  const start = Math.max(0, first - overscan);
  const end = Math.min(n, Math.max(last + overscan, start));
  return { start, end, padTop: start * h, padBottom: (n - end) * h };
}

/** Display width of a string in `ch`: wide (CJK, fullwidth) characters count two. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Column widths in `ch`, from the header and the widest cell of every row (not only the rendered
 * ones), so the columns do not jump while scrolling. The name column is capped.
 */
export function columnWidths(columns: readonly TableColumn[], rows: readonly TableRow[], nameCap = 32): number[] {
  const tot = totalsOf(rows, columns);
  return columns.map((c, i) => {
    let w = textWidth(c.label) + 2;
    if (c.type === 'text') {
      for (const r of rows) {
        const v = r.cells[i];
        if (typeof v === 'string') w = Math.max(w, textWidth(v) + 8);
      }
      return Math.min(w, nameCap);
    }
    for (const r of rows) {
      const v = r.cells[i];
      if (typeof v === 'number') w = Math.max(w, (c.type === 'int' ? String(v) : v.toFixed(1)).length);
    }
    const t = tot[i];
    if (t !== null && t !== undefined) w = Math.max(w, (c.type === 'int' ? String(Math.round(t)) : t.toFixed(1)).length);
    return w + 1;
  });
}
