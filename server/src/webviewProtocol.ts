/**
 * The tasks-table webview's contract, declared once for the three parties: the language server
 * (builds the model, ../features/taskTable.ts), the extension (client/src/taskTable/panel.ts) and
 * the webview (media/taskTable/). Plain data only; no imports, so the webview bundle can carry the
 * validators.
 *
 * Every message crossing the webview boundary is checked with the validators below before anyone
 * acts on it: the model carries untrusted log text (comm names, cgroup paths, host names), and
 * the webview is a separate process that could be made to send anything.
 */

// ---------------------------------------------------------------------------------------------
// The model (server → extension → webview)

/** `int`: counts and ids; `mib`/`percent`: derived, fractional; `text`: the comm name. */
export type ColumnType = 'int' | 'mib' | 'percent' | 'text';

export interface TableColumn {
  /** Printed name (`pid`, `total_vm`, `rss_anon`, …) or a derived id (`rss_mib`, `swap_mib`, `pgtables_mib`, `share`, `badness`). */
  key: string;
  /** Header text: the printed name, or a translated label for derived columns. */
  label: string;
  /** Tooltip: what the column means (translated). */
  title: string;
  type: ColumnType;
  /** Not printed by the kernel: computed by us. */
  derived: boolean;
  /** A sum over rows means something (memory columns). */
  summable: boolean;
}

export type Cell = number | string | null;

export interface TableRow {
  pid: number;
  uid: number | null;
  name: string;
  /** 0-based physical line of the row in the document. */
  line: number;
  /** One per column, in column order: numbers as numbers, the name as a string, null when not shown. */
  cells: Cell[];
}

export interface EventHeader {
  /** Index of the event in the analysis (all kinds), the picker's key. */
  index: number;
  startLine: number;
  endLine: number;
  time: string | null;
  host: string | null;
  kernel: string | null;
  trigger: { comm: string; pid: number | null; order: number | null; gfpMask: string | null } | null;
  constraint: string | null;
  killMessage: string | null;
  victim: { pid: number; comm: string } | null;
}

export interface Gauge {
  /** Translated label. */
  label: string;
  usedKb: number;
  /** null: no limit printed (or unlimited). */
  limitKb: number | null;
  failcnt: number | null;
}

export interface StatPart {
  /** memory.stat key as printed (`anon`, `file`, `rss`, `cache`, …). */
  key: string;
  kb: number;
  /** Tooltip (translated); empty when we have no text for the key. */
  title: string;
}

export interface StatBreakdown {
  /** cgroup path as printed (log text). */
  path: string;
  format: 'v1-line' | 'block';
  /** The kernel cut the 5.3–6.4 block at about 1 KiB: later keys are missing. */
  truncated: boolean;
  /** The principal parts (anon / file / shmem / kernel / slab / sock …), in KiB. */
  parts: StatPart[];
  /** Every key: memory values in KiB, event counters as counts. */
  all: { key: string; value: number; unit: 'kb' | 'count' }[];
}

export interface ZonePicture {
  /** `Node 0 Normal`. */
  name: string;
  freeKb: number | null;
  minKb: number | null;
  lowKb: number | null;
  highKb: number | null;
  managedKb: number | null;
  /** Where free stands against the watermarks. */
  state: 'below-min' | 'below-low' | 'below-high' | 'ok' | 'unknown';
}

export interface MemoryPicture {
  scope: 'memcg' | 'global' | 'unknown';
  memcg: { path: string | null; taskPath: string | null; gauges: Gauge[] } | null;
  stats: StatBreakdown | null;
  zones: ZonePicture[];
  ram: { totalKb: number | null; reservedKb: number | null } | null;
  swap: { totalKb: number; freeKb: number | null } | null;
}

export interface VerdictView {
  kind: string;
  /** Translated verdict. */
  text: string;
  /** Translated evidence sentences. */
  evidence: string[];
}

export interface TasksTableModel {
  event: EventHeader;
  columns: TableColumn[];
  rows: TableRow[];
  victimPid: number | null;
  /** Killed with the victim (memory.oom.group). */
  alsoKilledPids: number[];
  pageSize: { kb: number; source: string; text: string } | null;
  /** What the `share` column is a share of. */
  shareOf: { basis: 'memcg-limit' | 'ram'; kb: number } | null;
  badness: { rule: string; totalPages: number | null; note: string } | null;
  /** Sums over every row, per summable column key. */
  totals: Record<string, number>;
  memory: MemoryPicture;
  verdict: VerdictView | null;
}

/** One OOM event of the document, for the picker. Names are log text. */
export interface PickerEntry {
  index: number;
  startLine: number;
  endLine: number;
  time: string | null;
  victim: { pid: number; comm: string } | null;
  memcg: string | null;
  tasks: number | null;
}

/** UI strings, translated by the server (the explanation language setting applies here too). */
export const LABEL_KEYS = [
  'title',
  'event',
  'noEvents',
  'noTasks',
  'noDocument',
  'filter',
  'filterHelp',
  'copyMarkdown',
  'saveCsv',
  'rowsShown',
  'total',
  'killed',
  'alsoKilled',
  'memory',
  'memcg',
  'statBreakdown',
  'allStats',
  'truncated',
  'zones',
  'free',
  'ram',
  'swap',
  'verdict',
  'pageSize',
  'pageSizeUnknown',
  'estimate',
  'trigger',
  'constraint',
  'copied',
  'saved',
  'csvFiles',
  'revealHint',
  'stateBelowMin',
  'stateBelowLow',
  'stateBelowHigh',
  'stateOk',
  'line',
  'failed',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];
export type UiLabels = Record<LabelKey, string>;

// ---------------------------------------------------------------------------------------------
// The language-server request (extension → server)

/** `kernelTriage/tasksTable`: the OOM events of a document and the model of one of them. */
export const TasksTableRequest = 'kernelTriage/tasksTable';

export interface TasksTableParams {
  uri: string;
  /** 0-based line of the cursor: the OOM event around it (or the nearest one before it). */
  line?: number;
  /** Event index (analysis order), from the picker; wins over `line` when it names an OOM event. */
  index?: number;
}

export interface TasksTableResult {
  events: PickerEntry[];
  /** Index of the event the model is of; null when the document has no OOM event. */
  selected: number | null;
  model: TasksTableModel | null;
  labels: UiLabels;
}

// ---------------------------------------------------------------------------------------------
// Messages

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** Extension → webview. */
export type HostMessage =
  | { type: 'events'; uri: string; fileName: string; events: PickerEntry[]; selected: number | null; labels: UiLabels }
  | { type: 'model'; model: TasksTableModel | null }
  | { type: 'theme'; kind: ThemeKind }
  | { type: 'status'; level: 'info' | 'error'; text: string };

/** Webview → extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; line: number }
  | { type: 'pick'; index: number }
  /** The shown rows as Markdown (`rows` of them), for the clipboard. */
  | { type: 'copyMarkdown'; text: string; rows: number }
  /** The shown rows as CSV, for a file the user picks. */
  | { type: 'saveCsv'; text: string; rows: number };

/** What the webview keeps with `setState` (and the serializer gets back after a reload). */
export interface PanelState {
  uri: string;
  index: number | null;
  sort: { key: string; dir: 'asc' | 'desc' } | null;
  filter: string;
  scrollTop: number;
}

/** Largest export text the extension accepts from the webview (a 5,000-row table is < 2 MB). */
export const MAX_EXPORT_CHARS = 32 * 1024 * 1024;
/** Longest string field accepted anywhere else. */
const MAX_STRING = 1 << 20;
const MAX_ROWS = 1_000_000;

// ---------------------------------------------------------------------------------------------
// Validators

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown, max = MAX_STRING): x is string => typeof x === 'string' && x.length <= max;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isInt = (x: unknown): x is number => Number.isSafeInteger(x);
const isNat = (x: unknown): x is number => isInt(x) && x >= 0;
const orNull = <T>(x: unknown, f: (y: unknown) => y is T): x is T | null => x === null || f(x);
const isStrOrNull = (x: unknown): x is string | null => x === null || isStr(x);
const isNumOrNull = (x: unknown): x is number | null => x === null || isNum(x);
const isIntOrNull = (x: unknown): x is number | null => x === null || isInt(x);
const arrOf = <T>(x: unknown, f: (y: unknown) => y is T, max = MAX_ROWS): x is T[] => Array.isArray(x) && x.length <= max && x.every(f);
const oneOf = <T extends string>(x: unknown, values: readonly T[]): x is T => typeof x === 'string' && (values as readonly string[]).includes(x);
/** Exactly these keys (optional ones may be absent): rejects smuggled extra fields. */
const keys = (o: Obj, required: string[], optional: string[] = []): boolean => {
  for (const k of required) if (!Object.hasOwn(o, k)) return false;
  for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) return false;
  return true;
};

export function isWebviewMessage(x: unknown): x is WebviewMessage {
  if (!isObj(x) || !Object.hasOwn(x, 'type') || typeof x.type !== 'string') return false;
  switch (x.type) {
    case 'ready':
      return keys(x, ['type']);
    case 'reveal':
      return keys(x, ['type', 'line']) && isNat(x.line);
    case 'pick':
      return keys(x, ['type', 'index']) && isNat(x.index);
    case 'copyMarkdown':
    case 'saveCsv':
      return keys(x, ['type', 'text', 'rows']) && isStr(x.text, MAX_EXPORT_CHARS) && isNat(x.rows) && x.rows <= MAX_ROWS;
    default:
      return false;
  }
}

export function isPanelState(x: unknown): x is PanelState {
  if (!isObj(x)) return false;
  if (!isStr(x.uri, 8192) || !(x.index === null || isNat(x.index)) || !isStr(x.filter, 1000) || !isNum(x.scrollTop)) return false;
  if (x.sort !== null) {
    if (!isObj(x.sort) || !isStr(x.sort.key, 100) || !oneOf(x.sort.dir, ['asc', 'desc'] as const)) return false;
  }
  return true;
}

export function isTasksTableParams(x: unknown): x is TasksTableParams {
  if (!isObj(x) || !keys(x, ['uri'], ['line', 'index'])) return false;
  return isStr(x.uri, 8192) && (x.line === undefined || isNat(x.line)) && (x.index === undefined || isNat(x.index));
}

export function isUiLabels(x: unknown): x is UiLabels {
  return isObj(x) && LABEL_KEYS.every((k) => isStr(x[k], 1000));
}

function isVictim(x: unknown): x is { pid: number; comm: string } {
  return isObj(x) && isInt(x.pid) && isStr(x.comm);
}

export function isPickerEntry(x: unknown): x is PickerEntry {
  return (
    isObj(x) &&
    isNat(x.index) &&
    isNat(x.startLine) &&
    isNat(x.endLine) &&
    isStrOrNull(x.time) &&
    orNull(x.victim, isVictim) &&
    isStrOrNull(x.memcg) &&
    isIntOrNull(x.tasks)
  );
}

const COLUMN_TYPES = ['int', 'mib', 'percent', 'text'] as const;

function isColumn(x: unknown): x is TableColumn {
  return isObj(x) && isStr(x.key, 100) && isStr(x.label, 1000) && isStr(x.title) && oneOf(x.type, COLUMN_TYPES) && typeof x.derived === 'boolean' && typeof x.summable === 'boolean';
}

function isGauge(x: unknown): x is Gauge {
  return isObj(x) && isStr(x.label) && isNum(x.usedKb) && isNumOrNull(x.limitKb) && isNumOrNull(x.failcnt);
}

function isStats(x: unknown): x is StatBreakdown {
  return (
    isObj(x) &&
    isStr(x.path) &&
    oneOf(x.format, ['v1-line', 'block'] as const) &&
    typeof x.truncated === 'boolean' &&
    arrOf(x.parts, (p): p is StatPart => isObj(p) && isStr(p.key, 200) && isNum(p.kb) && isStr(p.title)) &&
    arrOf(x.all, (p): p is StatBreakdown['all'][number] => isObj(p) && isStr(p.key, 200) && isNum(p.value) && oneOf(p.unit, ['kb', 'count'] as const))
  );
}

function isZone(x: unknown): x is ZonePicture {
  return (
    isObj(x) &&
    isStr(x.name, 1000) &&
    isNumOrNull(x.freeKb) &&
    isNumOrNull(x.minKb) &&
    isNumOrNull(x.lowKb) &&
    isNumOrNull(x.highKb) &&
    isNumOrNull(x.managedKb) &&
    oneOf(x.state, ['below-min', 'below-low', 'below-high', 'ok', 'unknown'] as const)
  );
}

function isMemory(x: unknown): x is MemoryPicture {
  if (!isObj(x) || !oneOf(x.scope, ['memcg', 'global', 'unknown'] as const)) return false;
  const m = x.memcg;
  if (m !== null && !(isObj(m) && isStrOrNull(m.path) && isStrOrNull(m.taskPath) && arrOf(m.gauges, isGauge))) return false;
  if (x.stats !== null && !isStats(x.stats)) return false;
  if (!arrOf(x.zones, isZone)) return false;
  if (x.ram !== null && !(isObj(x.ram) && isNumOrNull(x.ram.totalKb) && isNumOrNull(x.ram.reservedKb))) return false;
  if (x.swap !== null && !(isObj(x.swap) && isNum(x.swap.totalKb) && isNumOrNull(x.swap.freeKb))) return false;
  return true;
}

function isHeader(x: unknown): x is EventHeader {
  if (!isObj(x)) return false;
  const tr = x.trigger;
  if (tr !== null && !(isObj(tr) && isStr(tr.comm) && isIntOrNull(tr.pid) && isIntOrNull(tr.order) && isStrOrNull(tr.gfpMask))) return false;
  return (
    isNat(x.index) &&
    isNat(x.startLine) &&
    isNat(x.endLine) &&
    isStrOrNull(x.time) &&
    isStrOrNull(x.host) &&
    isStrOrNull(x.kernel) &&
    isStrOrNull(x.constraint) &&
    isStrOrNull(x.killMessage) &&
    orNull(x.victim, isVictim)
  );
}

export function isTasksTableModel(x: unknown): x is TasksTableModel {
  if (!isObj(x) || !isHeader(x.event) || !arrOf(x.columns, isColumn, 100)) return false;
  const n = x.columns.length;
  const isCell = (c: unknown): c is Cell => c === null || isNum(c) || isStr(c);
  const isRow = (r: unknown): r is TableRow =>
    isObj(r) && isInt(r.pid) && isIntOrNull(r.uid) && isStr(r.name) && isNat(r.line) && Array.isArray(r.cells) && r.cells.length === n && r.cells.every(isCell);
  if (!arrOf(x.rows, isRow)) return false;
  if (!isIntOrNull(x.victimPid) || !arrOf(x.alsoKilledPids, isInt)) return false;
  const p = x.pageSize;
  if (p !== null && !(isObj(p) && isNum(p.kb) && p.kb > 0 && isStr(p.source, 100) && isStr(p.text))) return false;
  const s = x.shareOf;
  if (s !== null && !(isObj(s) && oneOf(s.basis, ['memcg-limit', 'ram'] as const) && isNum(s.kb))) return false;
  const b = x.badness;
  if (b !== null && !(isObj(b) && isStr(b.rule, 100) && isIntOrNull(b.totalPages) && isStr(b.note))) return false;
  if (!isObj(x.totals) || !Object.values(x.totals).every(isNum)) return false;
  if (!isMemory(x.memory)) return false;
  const v = x.verdict;
  if (v !== null && !(isObj(v) && isStr(v.kind, 100) && isStr(v.text) && arrOf(v.evidence, (e): e is string => isStr(e)))) return false;
  return true;
}

export function isTasksTableResult(x: unknown): x is TasksTableResult {
  return isObj(x) && arrOf(x.events, isPickerEntry) && (x.selected === null || isNat(x.selected)) && (x.model === null || isTasksTableModel(x.model)) && isUiLabels(x.labels);
}

export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x) || typeof x.type !== 'string') return false;
  switch (x.type) {
    case 'events':
      return isStr(x.uri, 8192) && isStr(x.fileName, 4096) && arrOf(x.events, isPickerEntry) && (x.selected === null || isNat(x.selected)) && isUiLabels(x.labels);
    case 'model':
      return x.model === null || isTasksTableModel(x.model);
    case 'theme':
      return oneOf(x.kind, ['light', 'dark', 'high-contrast', 'high-contrast-light'] as const);
    case 'status':
      return oneOf(x.level, ['info', 'error'] as const) && isStr(x.text, 10000);
    default:
      return false;
  }
}
