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

/** Per-host state of an analysis at one line: enough to resume there. */
export interface ResumeState {
  /** The host that lines without one belong to. */
  host: string;
  /**
   * No report was open on another host: the lines after this point are analysed as from a fresh
   * start with this state (otherwise that report's lines, and the host lines switch to, differ).
   */
  quiet: boolean;
  /** Per host: boots counted, the clock a reset is measured against, whether a kernel line came, the current boot's kernel. */
  hosts: [host: string, boot: number, lastMono: number, sawKernelLine: boolean, kernel: { release: string; arch: string | null; source: 'banner' | 'cpu-line' } | null][];
}

export interface EventBase {
  kind: string;
  startLine: number;
  endLine: number;
  parts: Part[];
  time: string | null;
  host: string | null;
  boot: number;
  /**
   * The host whose boots `boot` counts: `host`, or for a line that names none, the last host seen
   * (a central log's continuation lines). Internal, not part of the JSON contract.
   */
  stream: string;
  /**
   * With `fields` on: the analysis's per-host state when this event began, for resuming there
   * (incremental.ts). Internal, not part of the JSON contract.
   */
  resumeAt?: ResumeState;
  complete: boolean;
  kernel: KernelInfo | null;
  /** Located values, for hovers and tests. Not part of the JSON contract. */
  fields: Field[];
}

export interface OomEvent extends EventBase, StackDump {
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
  /** Kill message as printed: `Out of memory`, `Memory cgroup out of memory`, `Out of memory (oom_kill_allocating_task)`. */
  killMessage: string | null;
  killed: Killed | null;
  selected: { pid: number; comm: string; score: number | null } | null;
  alsoKilled: { pid: number; comm: string }[];
  tasks: TaskRow[] | null;
  /** Column names of the tasks-table header as printed, or null. */
  taskColumns: string[] | null;
  /** `oom_reaper:` lines that joined this event: pid and 0-based line (not part of the JSON contract). */
  reaped: { pid: number; line: number }[];
}

/** Fields every report with a stack dump shares (lib/dump_stack.c and the arch die/show_regs code). */
export interface StackDump {
  /** Task of the `CPU: … PID: … Comm: …` line. */
  comm: string | null;
  pid: number | null;
  cpu: number | null;
  hardware: string | null;
  callTrace: string[] | null;
  /** `RIP: 0010:func+0x…/0x…` or arm64 `pc : func+0x…/0x…`, as printed after the colon. */
  ip: string | null;
  /** `Modules linked in:` list. */
  modules: string[] | null;
}

export interface PageAllocFailureEvent extends EventBase, StackDump {
  kind: 'page-alloc-failure';
  /** `page allocation stalls for NNNms` (4.9–4.14 era) instead of a failure. */
  stallMs: number | null;
  order: number | null;
  gfpMask: string | null;
  gfpFlags: string[] | null;
  gfpDecoded: GfpDecoded | null;
  nodemask: string | null;
  cpuset: { name: string; memsAllowed: string | null } | null;
  memInfo: MemInfo | null;
}

export interface OopsEvent extends EventBase, StackDump {
  kind: 'oops';
  /** The first line of the report: `BUG: kernel NULL pointer dereference, address: …`, `Oops: 0000 [#1] SMP PTI`, `kernel BUG at mm/slub.c:123!`, `BUG: KASAN: …`. */
  headline: string;
  /** `null-deref`, `paging-request`, `general-protection`, `invalid-opcode`, `bug`, `kasan`, `ubsan`, `double-fault`, `stack-segment`, `internal-error`, `other`. */
  type: string;
  /** Faulting address, as printed. */
  address: string | null;
  /** The die line `Oops: 0002 [#1] SMP PTI`: error code and die counter. */
  errorCode: string | null;
  dieCounter: number | null;
  /** `kernel BUG at file:line!` / `WARNING … at file:line`. */
  location: string | null;
  endTrace: string | null;
}

export interface WarningEvent extends EventBase, StackDump {
  kind: 'warning';
  /** `fs/ext4/inode.c:3610` or null (3.10 prints `WARNING: at file:line func()`). */
  location: string | null;
  /** The function named after the location (`%pS`). */
  function: string | null;
  endTrace: string | null;
}

export interface PanicEvent extends EventBase, StackDump {
  kind: 'panic';
  reason: string;
  /** `panic_on_oom`, `oom-no-killable`, `fatal-exception`, `hung-task`, `soft-lockup`, `hard-lockup`, `init-killed`, `root-fs`, `machine-check`, `other`. */
  cause: string;
  rebootSeconds: number | null;
}

interface LockupFields extends EventBase, StackDump {
  /** The stuck CPU. */
  stuckCpu: number | null;
  seconds: number | null;
  /** Task running on the stuck CPU (`[comm:pid]`). */
  task: { comm: string; pid: number } | null;
}

export interface SoftLockupEvent extends LockupFields {
  kind: 'soft-lockup';
}

export interface HardLockupEvent extends LockupFields {
  kind: 'hard-lockup';
}

export interface HungTaskEvent extends EventBase, StackDump {
  kind: 'hung-task';
  seconds: number | null;
  /** sched_show_task state letter, `D` for uninterruptible sleep. */
  state: string | null;
}

export interface RcuStallEvent extends EventBase, StackDump {
  kind: 'rcu-stall';
  /** `rcu_sched`, `rcu_preempt`, `rcu_tasks`, … */
  flavour: string | null;
  selfDetected: boolean;
  /** CPUs named in the per-CPU lines (`3-....:`). */
  cpus: number[];
}

export interface BadPageEvent extends EventBase, StackDump {
  kind: 'bad-page';
  pfn: string | null;
  reason: string | null;
}

export interface HardwareErrorEvent extends EventBase {
  kind: 'hardware-error';
  /** `mce`, `apei`, `edac`, `other`. */
  source: string;
  headline: string;
  cpu: number | null;
  bank: number | null;
  corrected: boolean | null;
}

export interface SegfaultEvent extends EventBase {
  kind: 'segfault';
  comm: string;
  pid: number;
  /** Faulting address (x86 cr2, arm64 FAR), as printed without 0x. */
  address: string | null;
  ip: string | null;
  sp: string | null;
  /** Page-fault error code as printed (hex without 0x), and its bits decoded (arch/x86 enum x86_pf_error_code). */
  error: string | null;
  errorDecoded: string[] | null;
  library: string | null;
  mapStart: string | null;
  mapSize: string | null;
  /** 6.12+: offset of ip in the file. */
  fileOffset: string | null;
  /** 6.1+: `likely on CPU n (core c, socket s)`. */
  cpu: number | null;
  /** arm64: `DABT (lower EL), ESR 0x…, level 3 translation fault`. */
  detail: string | null;
}

export interface TrapEvent extends EventBase {
  kind: 'trap';
  comm: string;
  pid: number;
  /** `divide error`, `invalid opcode`, `general protection`, `int3`, … */
  trap: string;
  ip: string | null;
  sp: string | null;
  /** The trap's error code: not a page-fault code. */
  error: string | null;
  library: string | null;
  mapStart: string | null;
  mapSize: string | null;
  fileOffset: string | null;
}

export interface CoredumpEvent extends EventBase {
  kind: 'coredump';
  /** `kernel` (fs/coredump.c) or `systemd-coredump`. */
  source: 'kernel' | 'systemd-coredump';
  comm: string | null;
  pid: number | null;
  uid: number | null;
  /** `dumped`, `not-dumped`, `aborted`, `skipped`, `failed`, `truncated`, `too-large`, `disabled`, `unsafe-pattern`. */
  outcome: string;
  message: string;
  /** systemd-coredump: where the core went (`Coredump diverted to …`), and the stack of the crashing thread. */
  corePath: string | null;
  stack: string[] | null;
}

export type KernelEvent =
  | OomEvent
  | PageAllocFailureEvent
  | OopsEvent
  | WarningEvent
  | PanicEvent
  | SoftLockupEvent
  | HardLockupEvent
  | HungTaskEvent
  | RcuStallEvent
  | BadPageEvent
  | HardwareErrorEvent
  | SegfaultEvent
  | TrapEvent
  | CoredumpEvent;

export type EventKind = KernelEvent['kind'];

export const EVENT_KINDS: readonly EventKind[] = [
  'oom',
  'page-alloc-failure',
  'oops',
  'warning',
  'panic',
  'soft-lockup',
  'hard-lockup',
  'hung-task',
  'rcu-stall',
  'bad-page',
  'hardware-error',
  'segfault',
  'trap',
  'coredump',
];

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
