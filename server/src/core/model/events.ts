/**
 * The event model: plain data, no editor types. Lines are 0-based physical line indices here; the
 * JSON writer (../json.ts) turns them into the 1-based numbers of the CONVENTIONS.md contract.
 * Values the log does not show are `null`, never guessed.
 */

/** A value located in the text: absolute UTF-16 offsets. */
export interface Field {
  /** Dotted name, e.g. `trigger.gfpMask`, `memcg.limitKb`, `tasks.row`. */
  name: string;
  start: number;
  end: number;
}

export interface Part {
  /** e.g. `trigger`, `cpu`, `call-trace`, `mem-info`, `memcg`, `memcg-stats`, `tasks`, `oom-kill`, `kill`, `reaper`. */
  name: string;
  startLine: number;
  endLine: number;
}

export interface KernelInfo {
  release: string;
  arch: string | null;
  /** The taint field as printed: `Not tainted` or `Tainted: G        W  OE`. */
  tainted: string | null;
  source: 'cpu-line' | 'banner' | 'setting';
}

export interface GfpDecoded {
  flags: string[];
  layout: string;
  exact: boolean;
  unknownBits: string | null;
}

export interface Trigger {
  comm: string;
  pid: number | null;
  gfpMask: string | null;
  gfpFlags: string[] | null;
  gfpDecoded: GfpDecoded | null;
  order: number | null;
  oomScoreAdj: number | null;
  /** `nodemask=` of the 4.14–4.19 trigger line. */
  nodemask: string | null;
}

export interface Memcg {
  oomMemcg: string | null;
  taskMemcg: string | null;
  usageKb: number | null;
  limitKb: number | null;
  failcnt: number | null;
  swapUsageKb: number | null;
  swapLimitKb: number | null;
  swapFailcnt: number | null;
  /** cgroup v1 `memory+swap:` line. */
  memswUsageKb: number | null;
  memswLimitKb: number | null;
  memswFailcnt: number | null;
  /** cgroup v1 `kmem:` line. */
  kmemUsageKb: number | null;
  kmemLimitKb: number | null;
  kmemFailcnt: number | null;
}

export interface MemcgStats {
  path: string;
  /** `v1-line`: `cache:…KB rss:…KB` on one line (≤5.2, values KiB); `block`: `key value` lines (5.3+, bytes or counts). */
  format: 'v1-line' | 'block';
  stats: Record<string, number>;
  /** The 5.3–6.4 block is one printk record that the kernel cuts at about 1 KiB. */
  truncatedByKernel: boolean;
}

export interface Killed {
  pid: number;
  comm: string;
  uid: number | null;
  totalVmKb: number | null;
  anonRssKb: number | null;
  fileRssKb: number | null;
  shmemRssKb: number | null;
  pgtablesKb: number | null;
  oomScoreAdj: number | null;
  anonRssSource: 'kill' | 'reaper' | null;
  /** Score of the `Kill process … score N or sacrifice child` line when it names this task (≤5.2). */
  score: number | null;
}

export interface TaskRow {
  pid: number;
  uid: number | null;
  tgid: number | null;
  totalVm: number | null;
  rss: number | null;
  rssAnon: number | null;
  rssFile: number | null;
  rssShmem: number | null;
  nrPtes: number | null;
  nrPmds: number | null;
  pgtablesBytes: number | null;
  swapents: number | null;
  oomScoreAdj: number | null;
  /** 3.x `cpu` and `oom_adj` columns. */
  cpu: number | null;
  oomAdj: number | null;
  name: string;
  /** 0-based physical line. */
  line: number;
}

export interface Zone {
  node: number | null;
  zone: string;
  /** Every `key:NkB` field of the zone line, in kB (`present`, `managed`, `free`, `min`, `low`, `high`, …). */
  kb: Record<string, number>;
  lowmemReserve: number[] | null;
  /** Buddy free lists: count of free blocks per order and the block size. */
  buddy: { counts: number[]; blockKb: number[]; totalKb: number | null } | null;
}

export interface MemInfo {
  /** Global counters in pages (`active_anon:`, `free:`, …). */
  counters: Record<string, number>;
  /** Per-node lines: kB values, plus `all_unreclaimable`. */
  nodes: { node: number; kb: Record<string, number>; allUnreclaimable: boolean | null }[];
  zones: Zone[];
  hugepages: { node: number; total: number; free: number; surp: number; sizeKb: number }[];
  pagecachePages: number | null;
  swapCachePages: number | null;
  freeSwapKb: number | null;
  totalSwapKb: number | null;
  pagesRam: number | null;
  pagesReserved: number | null;
  pagesHighMem: number | null;
  pagesCmaReserved: number | null;
  pagesHwpoisoned: number | null;
}

export interface EventBase {
  kind: string;
  startLine: number;
  endLine: number;
  parts: Part[];
  time: string | null;
  host: string | null;
  boot: number;
  complete: boolean;
  kernel: KernelInfo | null;
  /** Located values, for hovers and tests. Not part of the JSON contract. */
  fields: Field[];
}

export interface OomEvent extends EventBase {
  kind: 'oom';
  trigger: Trigger | null;
  /** `<comm> cpuset=… mems_allowed=…` (≤4.19) or from `oom-kill:` (5.0+). */
  cpuset: { name: string; memsAllowed: string | null } | null;
  constraint: string | null;
  nodemask: string | null;
  globalOom: boolean | null;
  memcg: Memcg | null;
  memcgStats: MemcgStats[];
  memInfo: MemInfo | null;
  callTrace: string[] | null;
  hardware: string | null;
  /** Kill message as printed: `Out of memory`, `Memory cgroup out of memory`, `Out of memory (oom_kill_allocating_task)`. */
  killMessage: string | null;
  killed: Killed | null;
  selected: { pid: number; comm: string; score: number | null } | null;
  alsoKilled: { pid: number; comm: string }[];
  tasks: TaskRow[] | null;
  /** Column names of the tasks-table header as printed, or null. */
  taskColumns: string[] | null;
}

export type KernelEvent = OomEvent;

export interface Problem {
  /** 0-based physical line. */
  line: number;
  message: string;
}

export interface Analysis {
  lines: number;
  events: KernelEvent[];
  problems: Problem[];
}
