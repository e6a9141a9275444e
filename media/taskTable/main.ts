/**
 * The tasks-table webview. Everything shown comes from validated messages (isHostMessage) and is
 * put on the page with textContent, never as markup: comm names, cgroup paths and host names are
 * log text, which anyone able to write to the kernel log controls. The rows are a native <table>
 * that renders only the visible rows between two spacers, so 5,000 tasks stay fast.
 */
import './style.css';
import './elements.js';
import type { VscodeBadge, VscodeButton, VscodeSingleSelect, VscodeTextfield } from './elements.js';
import {
  isHostMessage,
  isPanelState,
  type Gauge,
  type HostMessage,
  type PanelState,
  type PickerEntry,
  type TableRow,
  type TasksTableModel,
  type UiLabels,
  type WebviewMessage,
  type ZonePicture,
} from '../../server/src/webviewProtocol.js';
import { columnWidths, displayOrder, filterRows, formatCell, nextSort, sortRows, toCsv, toMarkdown, textWidth, totalsOf, virtualWindow, type SortSpec } from './rows.js';

interface VsCodeApi {
  postMessage(msg: WebviewMessage): void;
  getState(): unknown;
  setState(s: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewMessage): void => vscode.postMessage(m);

// ---------------------------------------------------------------------------------------------
// State

const saved = vscode.getState();
const restored: PanelState | null = isPanelState(saved) ? saved : null;

let labels: UiLabels | null = null;
let uri = restored?.uri ?? '';
let events: PickerEntry[] = [];
let selected: number | null = restored?.index ?? null;
let model: TasksTableModel | null = null;
let sort: SortSpec | null = restored?.sort ?? null;
let filter = restored?.filter ?? '';
/** Scroll position to apply once the model of the restored event arrives. */
let pendingScroll: { index: number | null; top: number } | null = restored ? { index: restored.index, top: restored.scrollTop } : null;
/** Rows in display order (filtered, sorted, victim first). */
let view: TableRow[] = [];
/** Active row: index into `view`, -1 for none. */
let active = -1;
let rowH = 22;
/** Columns on screen, as indices into model.columns (see displayOrder). */
let order: number[] = [];

function saveState(): void {
  if (!uri) return;
  vscode.setState({ uri, index: selected, sort, filter, scrollTop: scroller?.scrollTop ?? 0 });
}

// ---------------------------------------------------------------------------------------------
// DOM helpers: text only

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function fmt(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

const mib = (kb: number): string => `${(kb / 1024).toFixed(1)} MiB`;
const pct = (a: number, b: number): string => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '–');

/** A horizontal bar: `fraction` of the track filled (widths through the style property, allowed by the CSP). */
function bar(fraction: number, cls = ''): HTMLDivElement {
  const track = el('div', `bar ${cls}`.trim());
  const fill = el('div', 'fill');
  fill.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
  track.append(fill);
  return track;
}

// ---------------------------------------------------------------------------------------------
// Shell (built once the labels are known)

const app = document.getElementById('app') ?? document.body.appendChild(el('div'));
let picker: VscodeSingleSelect;
let filterField: VscodeTextfield;
let countBadge: VscodeBadge;
let copyBtn: VscodeButton;
let csvBtn: VscodeButton;
let statusLine: HTMLDivElement;
let message: HTMLDivElement;
let summary: HTMLElement;
let memory: HTMLDetailsElement;
let memoryBody: HTMLDivElement;
let tableNote: HTMLDivElement;
let scroller: HTMLDivElement | undefined;
let table: HTMLTableElement;
let colgroup: HTMLTableColElement;
let thead: HTMLTableSectionElement;
let tbody: HTMLTableSectionElement;
let tfoot: HTMLTableSectionElement;
let statusTimer: ReturnType<typeof setTimeout> | undefined;

function buildShell(l: UiLabels): void {
  app.replaceChildren();
  const bar = el('div', 'toolbar');
  bar.setAttribute('role', 'toolbar');
  picker = el('vscode-single-select', 'picker');
  picker.id = 'picker';
  picker.label = l.event;
  picker.addEventListener('change', () => {
    const i = Number(picker.value);
    if (Number.isSafeInteger(i) && i >= 0 && i !== selected) post({ type: 'pick', index: i });
  });
  filterField = el('vscode-textfield', 'filter');
  filterField.id = 'filter';
  filterField.placeholder = l.filter;
  filterField.title = l.filterHelp;
  filterField.setAttribute('aria-label', l.filter);
  filterField.value = filter;
  filterField.addEventListener('input', () => setFilter(filterField.value));
  filterField.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Escape' && filterField.value) {
      filterField.value = '';
      setFilter('');
    } else if (e.key === 'ArrowDown' && view.length > 0) {
      e.preventDefault();
      table.focus();
      setActive(Math.max(0, active));
    }
  });
  countBadge = el('vscode-badge', 'count');
  countBadge.id = 'count';
  countBadge.setAttribute('aria-live', 'polite');
  copyBtn = el('vscode-button', 'copy', l.copyMarkdown);
  copyBtn.id = 'copy';
  copyBtn.secondary = true;
  copyBtn.addEventListener('click', () => {
    if (model) post({ type: 'copyMarkdown', text: toMarkdown(model, view, l), rows: view.length });
  });
  csvBtn = el('vscode-button', 'csv', l.saveCsv);
  csvBtn.id = 'csv';
  csvBtn.secondary = true;
  csvBtn.addEventListener('click', () => {
    if (model) post({ type: 'saveCsv', text: toCsv(model, view, l), rows: view.length });
  });
  bar.append(picker, filterField, countBadge, copyBtn, csvBtn);

  statusLine = el('div', 'status');
  statusLine.id = 'status';
  statusLine.setAttribute('role', 'status');
  statusLine.setAttribute('aria-live', 'polite');
  message = el('div', 'message');
  message.id = 'message';
  summary = el('section', 'summary');
  summary.id = 'summary';
  memory = el('details', 'memory');
  memory.id = 'memory';
  memory.open = true;
  memoryBody = el('div', 'memory-body');
  memory.append(el('summary', undefined, l.memory), memoryBody);
  tableNote = el('div', 'table-note');
  tableNote.id = 'table-note';

  scroller = el('div', 'scroller');
  scroller.id = 'scroller';
  table = el('table', 'tasks');
  table.id = 'tasks';
  table.setAttribute('role', 'grid');
  table.tabIndex = 0;
  table.setAttribute('aria-label', l.title);
  table.title = l.revealHint;
  colgroup = el('colgroup');
  thead = el('thead');
  tbody = el('tbody');
  tfoot = el('tfoot');
  table.append(colgroup, thead, tbody, tfoot);
  scroller.append(table);
  scroller.addEventListener('scroll', onScroll, { passive: true });
  tbody.addEventListener('click', (e) => {
    const tr = (e.target as Element).closest('tr.row');
    if (!tr) return;
    const i = Number((tr as HTMLElement).dataset.vi);
    setActive(i, false);
    reveal(i);
  });
  table.addEventListener('keydown', onTableKey);
  table.addEventListener('focus', () => {
    if (active < 0 && view.length > 0) setActive(0);
  });
  const main = el('main', 'content');
  main.append(summary, memory, tableNote, scroller);
  app.append(bar, statusLine, message, main);
  new ResizeObserver(() => renderRows()).observe(scroller);
}

// ---------------------------------------------------------------------------------------------
// Messages from the extension

window.addEventListener('message', (e: MessageEvent) => {
  const m: unknown = e.data;
  if (!isHostMessage(m)) return; // Anything else is dropped, unread.
  handle(m);
});

function handle(m: HostMessage): void {
  switch (m.type) {
    case 'events': {
      const first = labels === null || JSON.stringify(labels) !== JSON.stringify(m.labels);
      labels = m.labels;
      if (first) buildShell(m.labels);
      if (m.uri !== uri) pendingScroll = null;
      uri = m.uri;
      events = m.events;
      selected = m.selected;
      renderPicker();
      if (events.length === 0) showModel(null);
      saveState();
      break;
    }
    case 'model':
      if (labels) showModel(m.model);
      break;
    case 'theme':
      document.body.dataset.themeKind = m.kind;
      break;
    case 'status':
      showStatus(m.text, m.level);
      break;
  }
}

function showStatus(text: string, level: 'info' | 'error'): void {
  if (!statusLine) return;
  statusLine.textContent = text;
  statusLine.className = `status ${level}`;
  if (statusTimer) clearTimeout(statusTimer);
  if (level === 'info') statusTimer = setTimeout(() => (statusLine.textContent = ''), 6000);
}

function eventLabel(e: PickerEntry, l: UiLabels): string {
  const parts = [`#${e.index + 1}`, e.time ?? fmt(l.line, e.startLine + 1)];
  if (e.victim) parts.push(`${e.victim.comm} (${e.victim.pid})`);
  if (e.memcg) parts.push(e.memcg);
  return parts.join(' · ');
}

function renderPicker(): void {
  const l = labels!;
  const opts = events.map((e) => {
    const o = el('vscode-option', undefined, eventLabel(e, l));
    o.value = String(e.index);
    o.selected = e.index === selected;
    return o;
  });
  picker.replaceChildren(...opts);
  if (selected !== null) picker.value = String(selected);
  picker.disabled = events.length < 2;
}

// ---------------------------------------------------------------------------------------------
// The model

function showModel(m: TasksTableModel | null): void {
  const l = labels!;
  // The same event again (the document was edited): keep the place. A restored state: go back to it.
  const same = model !== null && m !== null && model.event.index === m.event.index;
  const keepScroll = same && scroller ? scroller.scrollTop : pendingScroll !== null && m !== null && pendingScroll.index === m.event.index ? pendingScroll.top : 0;
  model = m;
  if (!same) active = -1;
  pendingScroll = null;
  if (m) selected = m.event.index;
  if (sort && m && !m.columns.some((c) => c.key === sort!.key)) sort = null;
  message.textContent = m === null ? (uri ? l.noEvents : l.noDocument) : m.rows.length === 0 ? l.noTasks : '';
  message.hidden = message.textContent === '';
  renderSummary();
  renderMemory();
  renderHead();
  copyBtn.disabled = csvBtn.disabled = !m || m.rows.length === 0;
  scroller!.hidden = !m || m.rows.length === 0;
  applyView(keepScroll);
  saveState();
}

function dl(rows: [string, string][]): HTMLDListElement {
  const d = el('dl');
  for (const [k, v] of rows) d.append(el('dt', undefined, k), el('dd', undefined, v));
  return d;
}

function renderSummary(): void {
  const l = labels!;
  const m = model;
  summary.replaceChildren();
  if (!m) return;
  const ev = m.event;
  const head = [`#${ev.index + 1}`, ev.time ?? fmt(l.line, ev.startLine + 1)];
  if (ev.host) head.push(ev.host);
  if (ev.kernel) head.push(ev.kernel);
  const h = el('h2', 'event-title', head.join(' · '));
  h.id = 'event-title';
  summary.append(h);
  const rows: [string, string][] = [];
  if (ev.trigger) {
    const tr = ev.trigger;
    const bits = [tr.pid !== null ? `${tr.comm} (pid ${tr.pid})` : tr.comm];
    if (tr.gfpMask !== null) bits.push(`gfp_mask=${tr.gfpMask}`);
    if (tr.order !== null) bits.push(`order=${tr.order}`);
    rows.push([l.trigger, bits.join(' ')]);
  }
  if (ev.constraint) rows.push([l.constraint, ev.constraint]);
  if (ev.victim) rows.push([l.killed, `${ev.victim.comm} (pid ${ev.victim.pid})`]);
  if (rows.length) summary.append(dl(rows));
  if (m.verdict) {
    const v = el('div', `verdict verdict-${m.verdict.kind}`);
    v.id = 'verdict';
    v.append(el('strong', undefined, `${l.verdict}: `), el('span', 'verdict-text', m.verdict.text));
    if (m.verdict.evidence.length) {
      const ul = el('ul', 'evidence');
      for (const e of m.verdict.evidence) ul.append(el('li', undefined, e));
      v.append(ul);
    }
    summary.append(v);
  }
}

function gaugeRow(g: Gauge): HTMLElement {
  const row = el('div', 'gauge');
  const over = g.limitKb !== null && g.usedKb >= g.limitKb * 0.98;
  row.append(el('span', 'gauge-label', g.label), bar(g.limitKb ? g.usedKb / g.limitKb : 0, over ? 'full' : ''));
  let text = g.limitKb !== null ? `${mib(g.usedKb)} / ${mib(g.limitKb)} (${pct(g.usedKb, g.limitKb)})` : mib(g.usedKb);
  if (g.failcnt !== null) text += ` · failcnt ${g.failcnt}`;
  row.append(el('span', 'gauge-text', text));
  return row;
}

function zoneRow(z: ZonePicture, l: UiLabels): HTMLElement {
  const row = el('div', `zone zone-${z.state}`);
  row.append(el('span', 'zone-name', z.name));
  const scale = Math.max(z.freeKb ?? 0, (z.highKb ?? 0) * 1.25, 1);
  const b = bar((z.freeKb ?? 0) / scale, z.state === 'below-min' ? 'full' : z.state === 'ok' ? '' : 'warn');
  for (const [k, v] of [['min', z.minKb], ['low', z.lowKb], ['high', z.highKb]] as const) {
    if (v === null) continue;
    const mark = el('div', `mark mark-${k}`);
    mark.style.left = `${Math.min(1, v / scale) * 100}%`;
    mark.title = `${k} ${mib(v)}`;
    b.append(mark);
  }
  row.append(b);
  const bits: string[] = [];
  if (z.freeKb !== null) bits.push(`${l.free} ${mib(z.freeKb)}`);
  if (z.minKb !== null) bits.push(`min ${mib(z.minKb)}`);
  if (z.lowKb !== null) bits.push(`low ${mib(z.lowKb)}`);
  if (z.highKb !== null) bits.push(`high ${mib(z.highKb)}`);
  row.append(el('span', 'zone-text', bits.join(' · ')));
  const state = { 'below-min': l.stateBelowMin, 'below-low': l.stateBelowLow, 'below-high': l.stateBelowHigh, ok: l.stateOk, unknown: '' }[z.state];
  if (state) {
    const badge = el('vscode-badge', 'zone-state', state);
    row.append(badge);
  }
  return row;
}

function renderMemory(): void {
  const l = labels!;
  const m = model;
  memoryBody.replaceChildren();
  memory.hidden = !m;
  if (!m) return;
  const mp = m.memory;
  if (mp.memcg) {
    const sec = el('section', 'memcg');
    sec.id = 'memcg';
    sec.append(el('h3', undefined, l.memcg));
    if (mp.memcg.path) sec.append(el('div', 'path', mp.memcg.path));
    if (mp.memcg.taskPath && mp.memcg.taskPath !== mp.memcg.path) sec.append(el('div', 'path task-path', mp.memcg.taskPath));
    for (const g of mp.memcg.gauges) sec.append(gaugeRow(g));
    memoryBody.append(sec);
  }
  if (mp.stats) {
    const st = mp.stats;
    const sec = el('section', 'stats');
    sec.id = 'stats';
    sec.append(el('h3', undefined, l.statBreakdown));
    if (!mp.memcg || mp.memcg.path !== st.path) sec.append(el('div', 'path', st.path));
    const usage = mp.memcg?.gauges[0]?.usedKb ?? st.parts.reduce((a, p) => Math.max(a, p.kb), 0);
    for (const p of st.parts) {
      const row = el('div', `gauge stat stat-${p.key.replace(/[^a-z0-9_]/gi, '')}`);
      if (p.title) row.title = p.title;
      row.append(el('span', 'gauge-label', p.key), bar(usage > 0 ? p.kb / usage : 0), el('span', 'gauge-text', `${mib(p.kb)} (${pct(p.kb, usage)})`));
      sec.append(row);
    }
    if (st.truncated) sec.append(el('div', 'note', l.truncated));
    const all = el('details', 'all-stats');
    all.append(el('summary', undefined, l.allStats));
    const t = el('table', 'kv');
    const tb = el('tbody');
    for (const a of st.all) {
      const tr = el('tr');
      tr.append(el('th', undefined, a.key), el('td', 'num', a.unit === 'kb' ? mib(a.value) : String(a.value)));
      tb.append(tr);
    }
    t.append(tb);
    all.append(t);
    sec.append(all);
    memoryBody.append(sec);
  }
  if (mp.zones.length > 0) {
    const sec = el('section', 'zones');
    sec.id = 'zones';
    sec.append(el('h3', undefined, l.zones));
    for (const z of mp.zones) sec.append(zoneRow(z, l));
    memoryBody.append(sec);
  }
  if (mp.ram || mp.swap) {
    const sec = el('section', 'ram');
    sec.id = 'ram';
    const rows: [string, string][] = [];
    if (mp.ram?.totalKb != null) rows.push([l.ram, mp.ram.reservedKb != null ? `${mib(mp.ram.totalKb)} (reserved ${mib(mp.ram.reservedKb)})` : mib(mp.ram.totalKb)]);
    const sw = mp.swap;
    if (sw && (sw.totalKb === 0 || sw.freeKb === null)) rows.push([l.swap, mib(sw.totalKb)]);
    if (rows.length) sec.append(dl(rows));
    // Swap in use against the swap configured, with the free figure as the kernel printed it.
    if (sw && sw.totalKb > 0 && sw.freeKb !== null) {
      const g = gaugeRow({ label: l.swap, usedKb: sw.totalKb - sw.freeKb, limitKb: sw.totalKb, failcnt: null });
      g.lastElementChild!.textContent += ` · ${l.free} ${mib(sw.freeKb)}`;
      sec.append(g);
    }
    memoryBody.append(sec);
  }
  memory.hidden = memoryBody.childElementCount === 0;
}

function renderHead(): void {
  const l = labels!;
  const m = model;
  colgroup.replaceChildren();
  thead.replaceChildren();
  tfoot.replaceChildren();
  tableNote.replaceChildren();
  if (!m || m.rows.length === 0) return;
  // Fixed column widths from every row, so the columns hold still while rows scroll in and out.
  order = displayOrder(m.columns);
  const widths = columnWidths(m.columns, m.rows);
  widths[order[0]!] = Math.max(widths[order[0]!] ?? 0, textWidth(l.total) + 1);
  for (const i of order) {
    const col = el('col');
    col.style.width = `calc(${widths[i]}ch + 16px)`;
    colgroup.append(col);
  }
  const note: string[] = [m.pageSize ? `${l.pageSize}: ${m.pageSize.text}` : l.pageSizeUnknown];
  if (m.badness) note.push(`badness (${m.badness.rule}): ${m.badness.note}`);
  tableNote.textContent = note.join(' · ');
  const tr = el('tr');
  order.forEach((ci) => {
    const c = m.columns[ci]!;
    const th = el('th', `${c.type === 'text' ? 'text' : 'num'}${c.derived ? ' derived' : ''} col-${c.type}`);
    th.scope = 'col';
    th.dataset.key = c.key;
    const b = el('button', 'sort', c.label);
    b.type = 'button';
    if (c.title) b.title = c.title;
    b.addEventListener('click', () => setSort(nextSort(sort, c)));
    th.append(b);
    tr.append(th);
  });
  thead.append(tr);
  updateSortIndicators();
  const ft = el('tr', 'totals');
  order.forEach(() => ft.append(el('td')));
  tfoot.append(ft);
}

function updateSortIndicators(): void {
  for (const th of Array.from(thead.querySelectorAll('th'))) {
    const on = sort !== null && th.dataset.key === sort.key;
    th.setAttribute('aria-sort', on ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    th.classList.toggle('sorted', on);
    th.classList.toggle('asc', on && sort!.dir === 'asc');
    th.classList.toggle('desc', on && sort!.dir === 'desc');
  }
}

function renderTotals(): void {
  const m = model;
  const tr = tfoot.firstElementChild;
  if (!m || !tr) return;
  const tot = totalsOf(view, m.columns);
  order.forEach((i, pos) => {
    const c = m.columns[i]!;
    const td = tr.children[pos] as HTMLElement;
    td.className = c.type === 'text' ? 'text' : 'num';
    td.textContent = pos === 0 ? labels!.total : tot[i] === null ? '' : c.type === 'int' ? String(Math.round(tot[i]!)) : tot[i]!.toFixed(1);
  });
}

/** Filter and sort the rows again, then render; `scrollTop` puts the scroll position. */
function applyView(scrollTop?: number): void {
  const m = model;
  view = m ? sortRows(filterRows(m.rows, filter), m.columns, sort, m.victimPid) : [];
  if (active >= view.length) active = view.length - 1;
  countBadge.textContent = m ? fmt(labels!.rowsShown, view.length, m.rows.length) : '';
  countBadge.hidden = !m || m.rows.length === 0;
  table.setAttribute('aria-rowcount', String(view.length + 2));
  renderTotals();
  if (scrollTop !== undefined && scroller) scroller.scrollTop = scrollTop;
  renderRows();
}

function setSort(s: SortSpec): void {
  sort = s;
  updateSortIndicators();
  applyView();
  saveState();
}

function setFilter(q: string): void {
  filter = q;
  active = -1;
  applyView(0);
  saveState();
}

// ---------------------------------------------------------------------------------------------
// Rows: only the visible window

let scrollQueued = false;
let stateTimer: ReturnType<typeof setTimeout> | undefined;

function onScroll(): void {
  if (!scrollQueued) {
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      renderRows();
    });
  }
  if (stateTimer) clearTimeout(stateTimer);
  stateTimer = setTimeout(saveState, 250);
}

function spacer(height: number, cols: number): HTMLTableRowElement {
  const tr = el('tr', 'spacer');
  tr.setAttribute('aria-hidden', 'true');
  const td = el('td');
  td.colSpan = cols;
  tr.append(td);
  tr.style.height = `${height}px`;
  return tr;
}

function renderRows(): void {
  const m = model;
  if (!scroller || !m || scroller.hidden) {
    tbody?.replaceChildren();
    return;
  }
  const headH = thead.offsetHeight;
  const footH = tfoot.offsetHeight;
  const w = virtualWindow(scroller.scrollTop, Math.max(0, scroller.clientHeight - headH - footH), rowH, view.length);
  const cols = m.columns;
  const out: HTMLTableRowElement[] = [spacer(w.padTop, cols.length)];
  for (let i = w.start; i < w.end; i++) {
    const r = view[i]!;
    const tr = el('tr', 'row');
    tr.id = `row-${i}`;
    tr.dataset.vi = String(i);
    tr.setAttribute('aria-rowindex', String(i + 2));
    if (r.pid === m.victimPid) tr.classList.add('victim');
    else if (m.alsoKilledPids.includes(r.pid)) tr.classList.add('also-killed');
    if (i === active) {
      tr.classList.add('active');
      tr.setAttribute('aria-selected', 'true');
    }
    for (const c of order) {
      const col = cols[c]!;
      const td = el('td', col.type === 'text' ? 'text' : 'num', formatCell(r.cells[c] ?? null, col));
      if (col.type === 'text') {
        td.title = r.name;
        if (r.pid === m.victimPid) td.append(el('span', 'tag', labels!.killed));
        else if (m.alsoKilledPids.includes(r.pid)) td.append(el('span', 'tag', labels!.alsoKilled));
      }
      tr.append(td);
    }
    out.push(tr);
  }
  out.push(spacer(w.padBottom, cols.length));
  tbody.replaceChildren(...out);
  // Rows are as tall as the theme's font makes them: measure and render again if that changed
  // (an ordinary row: the last rendered one, not the victim's).
  const first = out.length > 2 ? out[out.length - 2] : undefined;
  if (first && first.offsetHeight > 0 && Math.abs(first.offsetHeight - rowH) > 0.5) {
    rowH = first.offsetHeight;
    renderRows();
    return;
  }
  if (active >= 0) table.setAttribute('aria-activedescendant', `row-${active}`);
  else table.removeAttribute('aria-activedescendant');
}

function setActive(i: number, scroll = true): void {
  if (view.length === 0) return;
  active = Math.max(0, Math.min(view.length - 1, i));
  if (scroll && scroller) {
    const headH = thead.offsetHeight;
    const footH = tfoot.offsetHeight;
    const top = active * rowH;
    const viewport = scroller.clientHeight - headH - footH;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + rowH > scroller.scrollTop + viewport) scroller.scrollTop = top + rowH - viewport;
  }
  // The rendered rows stay (a click in progress keeps its target); only a row outside them re-renders.
  if (document.getElementById(`row-${active}`)) markActive();
  else renderRows();
}

function markActive(): void {
  for (const tr of Array.from(tbody.querySelectorAll('tr.row'))) {
    const on = Number((tr as HTMLElement).dataset.vi) === active;
    tr.classList.toggle('active', on);
    if (on) tr.setAttribute('aria-selected', 'true');
    else tr.removeAttribute('aria-selected');
  }
  if (active >= 0) table.setAttribute('aria-activedescendant', `row-${active}`);
  else table.removeAttribute('aria-activedescendant');
}

function reveal(i: number): void {
  const r = view[i];
  if (r) post({ type: 'reveal', line: r.line });
}

function onTableKey(e: KeyboardEvent): void {
  if (view.length === 0) return;
  const page = Math.max(1, Math.floor((scroller!.clientHeight - thead.offsetHeight - tfoot.offsetHeight) / rowH) - 1);
  const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: view.length - 1 };
  if (e.key in moves) {
    e.preventDefault();
    setActive(active < 0 ? 0 : moves[e.key]!);
  } else if ((e.key === 'Enter' || e.key === ' ') && active >= 0) {
    e.preventDefault();
    reveal(active);
  }
}

post({ type: 'ready' });
