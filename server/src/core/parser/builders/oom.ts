/**
 * Assembles OOM events from classified lines.
 *
 * The kernel prints a report in a fixed order (mm/oom_kill.c dump_header → oom_kill_process;
 * shared/reference/kernel-log-formats.md §3.1): trigger, cpuset, stack dump, memcg or Mem-Info,
 * tasks table, `oom-kill:`, kill lines, later `oom_reaper:`. A line joins the open event only if it
 * does not go back in that order; anything else is a foreign line (another CPU's message
 * interleaved) or the start of something new. dump_header is rate-limited while kill lines are
 * not, so kill lines without a report start an event of their own (`trigger: null`).
 */
import type { Killed, Memcg, OomEvent, TaskRow } from '../../model/events.js';
import { decodeGfp } from '../../knowledge/gfp.js';
import { num } from '../kv.js';
import { scanTaskRow, type ReportLine } from '../reportLines.js';
import { Builder, baseFields, emptyMemInfo, emptyStackDump, type LineCtx } from './report.js';

/** Order of report parts; a line may not go back to an earlier stage. */
const STAGE: Partial<Record<ReportLine['k'], number>> = {
  trigger: 0,
  cpuset: 1,
  compaction: 1,
  cpu: 2,
  hardware: 3,
  'stack-info': 3,
  'trace-header': 4,
  frame: 4,
  registers: 4,
  'memcg-context': 5,
  'memcg-limit-reached': 5,
  'memcg-counter': 5,
  'memcg-stats-header': 5,
  stat: 5,
  'mem-info': 5,
  counters: 5,
  node: 5,
  zone: 5,
  'lowmem-reserve': 5,
  buddy: 5,
  'per-cpu': 5,
  hugepages: 5,
  'mem-total': 5,
  slab: 6,
  'tasks-state': 7,
  'tasks-header': 7,
  'task-row': 7,
  'oom-kill': 8,
  select: 9,
  'no-killable': 9,
  exiting: 10,
  killed: 10,
  group: 10,
  'share-kill': 11,
  pinned: 11,
};

/** Part names of the OOM-specific lines (stack dump and Mem-Info parts: see ./report.ts). */
const PART_OF: Partial<Record<ReportLine['k'], string>> = {
  trigger: 'trigger',
  cpuset: 'cpuset',
  compaction: 'trigger',
  'memcg-context': 'memcg',
  'memcg-limit-reached': 'memcg',
  'memcg-counter': 'memcg',
  'memcg-stats-header': 'memcg-stats',
  stat: 'memcg-stats',
  'tasks-state': 'tasks',
  'tasks-header': 'tasks',
  'task-row': 'tasks',
  'oom-kill': 'oom-kill',
  group: 'oom-group',
  select: 'select',
  'no-killable': 'no-killable',
  killed: 'kill',
  exiting: 'kill',
  'share-kill': 'kill',
  pinned: 'kill',
  reaper: 'reaper',
  'reaper-failed': 'reaper',
};

/** The 5.3–6.4 memcg stat block is one printk record cut at LOG_LINE_MAX (992 bytes, printk.c). */
const STAT_RECORD_LIMIT = 992;

export type { LineCtx };

const FAST_ROW = { k: 'task-row', row: '', start: 0, at: {} } as const satisfies ReportLine;

export class OomBuilder extends Builder<OomEvent> {
  stage = -1;
  private stats: { index: number; bytes: number } | null = null;
  private columns: string[] | null = null;
  /** The ROW_FIELDS slot of each column of `columns` (-1: not a row field), worked out once per header. */
  private columnSlots: number[] | null = null;

  /** In the tasks table, after its header: rows can take the fast path (analyze.ts). */
  get inTable(): boolean {
    return this.columns !== null && this.stage === 7;
  }

  /** A tasks-table row found without the lexer. */
  addFastRow(row: string, ctx: LineCtx): void {
    this.take('tasks', FAST_ROW, ctx);
    this.addRow(row, ctx.line);
  }
  private killedFromKillLine = false;
  private groupKill = false;

  constructor(first: LineCtx, boot: number) {
    super({
      ...baseFields('oom', first, boot),
      ...emptyStackDump(),
      kind: 'oom',
      trigger: null,
      cpuset: null,
      constraint: null,
      nodemask: null,
      globalOom: null,
      memcg: null,
      memcgStats: [],
      memInfo: null,
      killMessage: null,
      killed: null,
      selected: null,
      alsoKilled: [],
      tasks: null,
      taskColumns: null,
      reaped: [],
    });
  }

  /** Whether the report's `Killed process` line has come: what may follow comes right after it. */
  get afterKill(): boolean {
    return this.killedFromKillLine;
  }

  /**
   * Past the kill line (STAGE 8 and later): what may still come are kill, group, share and pinned
   * lines, all of which analyze.ts's LINE_ANCHOR finds.
   */
  get late(): boolean {
    return this.stage >= 8;
  }

  /** Whether `rec` continues this event's report (no step back in the kernel's order). */
  accepts(rec: ReportLine): boolean {
    const k = rec.k;
    if (k === 'reaper' || k === 'reaper-failed') return false; // matched by pid, see analyze
    if (k === 'stat') return this.stats !== null;
    if (k === 'counters') return this.inMemInfo;
    if (k === 'task-row') return this.stage <= 7;
    if (k === 'modules' || k === 'detail') return false;
    const s = STAGE[k];
    if (s === undefined) return false;
    if (k === 'killed') {
      if (this.ev.killed && this.killedFromKillLine) return this.groupKill;
      return this.stage <= 10;
    }
    if (k === 'share-kill' || k === 'pinned') return this.stage >= 9;
    if (k === 'group') return this.ev.killed !== null && !this.groupKill;
    if (k === 'trigger') return false;
    if (k === 'oom-kill' || k === 'select' || k === 'exiting') return this.stage < s;
    // Mem-Info lines are in a fixed order but repeat per zone: same stage is fine.
    return s >= this.stage && this.stage < 8;
  }

  add(rec: ReportLine, ctx: LineCtx, text: string): void {
    const ev = this.ev;
    const k = rec.k;
    const st = STAGE[k];
    if (st !== undefined && k !== 'share-kill' && k !== 'pinned') this.stage = Math.max(this.stage, st);
    if (k !== 'stat' && k !== 'memcg-stats-header') this.stats = null;
    if (this.isBody(rec, true)) {
      this.body(rec, ctx, text, ev, () => (ev.memInfo ??= emptyMemInfo()));
      if (rec.k === 'cpu' && ev.trigger && rec.comm === ev.trigger.comm) ev.trigger.pid = rec.pid;
      return;
    }
    this.take(PART_OF[k] ?? k, rec, ctx);

    switch (rec.k) {
      case 'trigger':
        ev.trigger = {
          comm: rec.comm,
          pid: null,
          gfpMask: rec.gfpMask,
          gfpFlags: rec.gfpFlags,
          gfpDecoded: null,
          order: rec.order,
          oomScoreAdj: rec.oomScoreAdj,
          nodemask: rec.nodemask,
        };
        break;
      case 'cpuset':
        ev.cpuset = { name: rec.cpuset, memsAllowed: rec.memsAllowed };
        break;
      case 'memcg-context': {
        const m = this.memcg();
        m.taskMemcg = rec.task;
        m.oomMemcg = rec.limit;
        break;
      }
      case 'memcg-limit-reached':
        this.memcg().oomMemcg = rec.path;
        break;
      case 'memcg-counter': {
        const m = this.memcg();
        if (rec.which === 'memory') [m.usageKb, m.limitKb, m.failcnt] = [rec.usageKb, rec.limitKb, rec.failcnt];
        else if (rec.which === 'swap') [m.swapUsageKb, m.swapLimitKb, m.swapFailcnt] = [rec.usageKb, rec.limitKb, rec.failcnt];
        else if (rec.which === 'memory+swap') [m.memswUsageKb, m.memswLimitKb, m.memswFailcnt] = [rec.usageKb, rec.limitKb, rec.failcnt];
        else if (rec.which === 'kmem') [m.kmemUsageKb, m.kmemLimitKb, m.kmemFailcnt] = [rec.usageKb, rec.limitKb, rec.failcnt];
        break;
      }
      case 'memcg-stats-header': {
        const m = this.memcg();
        // 5.3+ `Memory cgroup stats for <oom memcg>:`; ≤5.2 one line per cgroup of the subtree.
        m.oomMemcg ??= rec.path;
        ev.memcgStats.push({ path: rec.path, format: rec.inline ? 'v1-line' : 'block', stats: rec.inline ?? Object.create(null), truncatedByKernel: false });
        this.stats = rec.inline ? null : { index: ev.memcgStats.length - 1, bytes: 0 };
        break;
      }
      case 'stat': {
        const s = this.stats!;
        ev.memcgStats[s.index]!.stats[rec.key] = rec.value;
        s.bytes += ctx.msgEnd - ctx.msgStart + 1;
        // A block close to the record limit was most likely cut by the kernel (5.3–6.4).
        if (s.bytes >= STAT_RECORD_LIMIT - 64) ev.memcgStats[s.index]!.truncatedByKernel = true;
        break;
      }
      case 'tasks-state':
        ev.tasks ??= [];
        break;
      case 'tasks-header':
        ev.tasks ??= [];
        this.columns = rec.columns;
        this.columnSlots = null;
        ev.taskColumns = rec.columns;
        break;
      case 'task-row':
        this.addRow(rec.row, ctx.line);
        break;
      case 'group':
        this.groupKill = true;
        break;
      case 'oom-kill':
        this.oomKill(rec);
        break;
      case 'select':
        ev.killMessage ??= rec.msg || null;
        ev.selected = { pid: rec.pid, comm: rec.comm, score: rec.score };
        break;
      case 'killed':
        this.killedLine(rec);
        break;
      case 'exiting':
        ev.killMessage ??= rec.msg;
        break;
      case 'share-kill':
        ev.alsoKilled.push({ pid: rec.pid, comm: rec.comm });
        break;
      default:
        break;
    }
  }

  /** `oom_reaper: reaped process …` for this event's victim (may come after later events). */
  /** Whether an `oom_reaper:` line for `pid` belongs here: the victim or a memory.oom.group member, once. */
  wantsReaper(pid: number): boolean {
    if (this.ev.reaped.some((r) => r.pid === pid)) return false;
    return this.ev.killed?.pid === pid || this.ev.alsoKilled.some((t) => t.pid === pid);
  }

  addReaper(rec: Extract<ReportLine, { k: 'reaper' | 'reaper-failed' }>, ctx: LineCtx): void {
    this.ev.reaped.push({ pid: rec.pid, line: ctx.line });
    this.take('reaper', rec, ctx);
    const ev = this.ev;
    if (rec.k !== 'reaper') return;
    if (!ev.killed) {
      ev.killed = emptyKilled(rec.pid, rec.comm);
    }
    const k = ev.killed;
    if (k.pid === rec.pid && !this.killedFromKillLine) {
      // Post-reap values: what was left after the reaper freed the victim's memory.
      k.anonRssKb = num(rec.kv.get('anon-rss')?.value);
      k.fileRssKb = num(rec.kv.get('file-rss')?.value);
      k.shmemRssKb = num(rec.kv.get('shmem-rss')?.value);
      k.anonRssSource = k.anonRssKb === null ? null : 'reaper';
    }
  }

  override finish(): OomEvent {
    const ev = this.ev;
    const victim = ev.killed;
    if (victim && ev.selected && ev.selected.pid === victim.pid) {
      victim.score = ev.selected.score;
      ev.selected = null;
    }
    if (victim && victim.oomScoreAdj === null && ev.tasks) {
      const row = ev.tasks.find((r) => r.pid === victim.pid);
      if (row) victim.oomScoreAdj = row.oomScoreAdj;
    }
    ev.complete = ev.trigger !== null && (ev.killed !== null || ev.parts.some((p) => p.name === 'no-killable'));
    const done = super.finish();
    return done;
  }

  /** Decodes gfp_mask once the kernel release is known (its own CPU line, or its boot's). */
  static decode(ev: OomEvent): void {
    const t = ev.trigger;
    if (t && t.gfpMask !== null && t.gfpDecoded === null) t.gfpDecoded = decodeGfp(t.gfpMask, ev.kernel?.release ?? null, t.gfpFlags);
  }

  private memcg(): Memcg {
    return (this.ev.memcg ??= {
      oomMemcg: null,
      taskMemcg: null,
      usageKb: null,
      limitKb: null,
      failcnt: null,
      swapUsageKb: null,
      swapLimitKb: null,
      swapFailcnt: null,
      memswUsageKb: null,
      memswLimitKb: null,
      memswFailcnt: null,
      kmemUsageKb: null,
      kmemLimitKb: null,
      kmemFailcnt: null,
    });
  }

  private addRow(row: string, line: number): void {
    const cols = this.columns;
    const numeric = cols ? cols.length - (cols[cols.length - 1] === 'name' ? 1 : 0) : null;
    const values = ROW_VALUES;
    const nameAt = scanTaskRow(row, numeric, values);
    // Each column's number into its field's slot (ROW_FIELDS order), then one object literal:
    // every row object has the same shape, which keeps building and serialising them fast.
    const f = ROW_SLOTS;
    f.fill(null);
    if (cols) {
      const slots = (this.columnSlots ??= cols.map((c) => (Object.hasOwn(TASK_COLUMNS, c) ? ROW_FIELDS.indexOf(TASK_COLUMNS[c]!) : -1)));
      for (let i = 1; i < values.length && i < slots.length; i++) {
        const slot = slots[i]!;
        if (slot >= 0) f[slot] = values[i]!;
      }
    } else if (values.length >= 6) {
      // No header in the excerpt: only the columns every version shares, and the last number.
      f[0] = values[1]!;
      f[1] = values[2]!;
      f[2] = values[3]!;
      f[3] = values[4]!;
      f[11] = values[values.length - 1]!;
    }
    const r: TaskRow = {
      pid: values[0]!,
      uid: f[0]!,
      tgid: f[1]!,
      totalVm: f[2]!,
      rss: f[3]!,
      rssAnon: f[4]!,
      rssFile: f[5]!,
      rssShmem: f[6]!,
      nrPtes: f[7]!,
      nrPmds: f[8]!,
      pgtablesBytes: f[9]!,
      swapents: f[10]!,
      oomScoreAdj: f[11]!,
      cpu: f[12]!,
      oomAdj: f[13]!,
      name: row.slice(nameAt).trimEnd(),
      line,
    };
    (this.ev.tasks ??= []).push(r);
  }

  private oomKill(rec: Extract<ReportLine, { k: 'oom-kill' }>): void {
    const ev = this.ev;
    const kv = rec.kv;
    ev.constraint = kv.get('constraint')?.value ?? null;
    ev.nodemask = kv.get('nodemask')?.value ?? null;
    const cs = kv.get('cpuset');
    if (cs) ev.cpuset = { name: cs.value, memsAllowed: kv.get('mems_allowed')?.value ?? null };
    const om = kv.get('oom_memcg');
    ev.globalOom = kv.has('global_oom');
    if (om) {
      const m = this.memcg();
      m.oomMemcg = om.value;
      ev.globalOom = false;
    }
    const tm = kv.get('task_memcg');
    if (tm && ev.memcg) ev.memcg.taskMemcg = tm.value;
    const pid = num(kv.get('pid')?.value);
    const task = kv.get('task');
    if (pid !== null && task && !ev.killed) {
      ev.killed = emptyKilled(pid, task.value);
      ev.killed.uid = num(kv.get('uid')?.value);
    }
  }

  private killedLine(rec: Extract<ReportLine, { k: 'killed' }>): void {
    const ev = this.ev;
    if (this.killedFromKillLine && this.groupKill) {
      // memory.oom.group: mem_cgroup_scan_tasks() visits the victim again; list each task once.
      if (rec.pid !== ev.killed?.pid && !ev.alsoKilled.some((t) => t.pid === rec.pid)) ev.alsoKilled.push({ pid: rec.pid, comm: rec.comm });
      return;
    }
    if (rec.msg) ev.killMessage ??= rec.msg;
    const kv = rec.kv;
    const prev = ev.killed;
    const k: Killed = emptyKilled(rec.pid, rec.comm);
    k.uid = rec.uid ?? (prev && prev.pid === rec.pid ? prev.uid : null);
    k.totalVmKb = num(kv.get('total-vm')?.value);
    k.anonRssKb = num(kv.get('anon-rss')?.value);
    k.fileRssKb = num(kv.get('file-rss')?.value);
    k.shmemRssKb = num(kv.get('shmem-rss')?.value);
    k.pgtablesKb = num(kv.get('pgtables')?.value);
    k.oomScoreAdj = num(kv.get('oom_score_adj')?.value);
    k.anonRssSource = k.anonRssKb === null ? null : 'kill';
    ev.killed = k;
    this.killedFromKillLine = true;
  }
}

function emptyKilled(pid: number, comm: string): Killed {
  return { pid, comm, uid: null, totalVmKb: null, anonRssKb: null, fileRssKb: null, shmemRssKb: null, pgtablesKb: null, oomScoreAdj: null, anonRssSource: null, score: null };
}

/** Reused by every row: the numbers are copied into the row object. */
const ROW_VALUES: number[] = [];
/** The numeric fields of a row after pid, in the order of addRow's object literal. */
const ROW_FIELDS: readonly (keyof TaskRow)[] = ['uid', 'tgid', 'totalVm', 'rss', 'rssAnon', 'rssFile', 'rssShmem', 'nrPtes', 'nrPmds', 'pgtablesBytes', 'swapents', 'oomScoreAdj', 'cpu', 'oomAdj'];
const ROW_SLOTS: (number | null)[] = new Array<number | null>(ROW_FIELDS.length).fill(null);

/** Tasks-table header names (oom_kill.c dump_tasks, every version) → row fields. */
export const TASK_COLUMNS: Readonly<Record<string, keyof TaskRow>> = {
  uid: 'uid',
  tgid: 'tgid',
  total_vm: 'totalVm',
  rss: 'rss',
  rss_anon: 'rssAnon',
  rss_file: 'rssFile',
  rss_shmem: 'rssShmem',
  nr_ptes: 'nrPtes',
  nr_pmds: 'nrPmds',
  pgtables_bytes: 'pgtablesBytes',
  swapents: 'swapents',
  oom_score_adj: 'oomScoreAdj',
  cpu: 'cpu',
  oom_adj: 'oomAdj',
};
