/**
 * What the human outputs say about an event, independent of the format: a title, labelled rows and
 * an optional table. Values mix our own words with text from the log (`{ log }`), which each
 * renderer escapes its own way, so log text can never become markup or terminal control.
 */
import { CONSTRAINTS, estimateBadness, verdict, VERDICT_TEXT } from '../knowledge/oom.js';
import { inferPageSize, type PageSize } from '../knowledge/pageSize.js';
import { t, type Lang } from '../l10n/l10n.js';
import type { KernelEvent, OomEvent, TaskRow } from '../model/events.js';

export type Seg = string | { log: string };
export type Val = Seg[];

export interface Described {
  title: string;
  rows: [label: string, value: Val][];
  table: { caption: string; head: string[]; rows: Val[][]; alignRight: boolean[] } | null;
}

export const KIND_NAMES: Record<string, string> = {
    oom: 'OOM kill',
    'page-alloc-failure': 'Page allocation failure',
    oops: 'Kernel oops',
    warning: 'Kernel warning',
    panic: 'Kernel panic',
    'soft-lockup': 'Soft lockup',
    'hard-lockup': 'Hard lockup',
    'hung-task': 'Hung task',
    'rcu-stall': 'RCU stall',
    'bad-page': 'Bad page state',
    'hardware-error': 'Hardware error',
    segfault: 'Segmentation fault',
    trap: 'Trap',
  coredump: 'Core dump',
};

export function kindName(kind: string, lang: Lang): string {
  return t(lang, KIND_NAMES[kind] ?? kind);
}

export function mib(kb: number): string {
  return (kb / 1024).toFixed(1) + ' MiB';
}

export interface VictimMemory {
  rssKb: number | null;
  source: 'kill-line' | 'task-table' | 'reaper' | null;
}

/**
 * The victim's memory when it was chosen. The `oom_reaper:` figure is measured after the reap and
 * usually 0 kB, so the kill line wins, then the victim's tasks-table row.
 */
export function victimMemory(ev: OomEvent, page: PageSize | null): VictimMemory {
  const k = ev.killed;
  if (!k) return { rssKb: null, source: null };
  if (k.anonRssSource === 'kill' && k.anonRssKb !== null) return { rssKb: k.anonRssKb + (k.fileRssKb ?? 0) + (k.shmemRssKb ?? 0), source: 'kill-line' };
  const row = ev.tasks?.find((r) => r.pid === k.pid);
  if (row && row.rss !== null && page) return { rssKb: row.rss * page.kb, source: 'task-table' };
  if (k.anonRssKb !== null) return { rssKb: k.anonRssKb + (k.fileRssKb ?? 0) + (k.shmemRssKb ?? 0), source: 'reaper' };
  return { rssKb: null, source: null };
}

export function largestTasks(ev: OomEvent, n = 5): TaskRow[] {
  if (!ev.tasks) return [];
  return [...ev.tasks].sort((a, b) => (b.rss ?? 0) - (a.rss ?? 0)).slice(0, n);
}

function pagesToMib(pages: number | null, page: PageSize | null): string {
  if (pages === null) return '–';
  if (!page) return String(pages);
  return ((pages * page.kb) / 1024).toFixed(1);
}

const L = (s: string): Seg => ({ log: s });

/** English texts of coded values; each is also a key of the l10n bundles. */
export const PAGE_SIZE_SOURCE: Record<string, string> = {
  'buddy-list': 'from the buddy lists',
  'victim-total-vm': "from the victim's total-vm",
  'memcg-usage-vs-rss': 'from memcg usage against task rss',
  arch: 'from the architecture',
};
export const PANIC_CAUSE: Record<string, string> = {
  panic_on_oom: 'vm.panic_on_oom is set: the kernel panics on OOM instead of killing a task',
  'oom-no-killable': 'out of memory with no task left that the OOM killer may kill',
  'panic-on-oops': 'an oops with kernel.panic_on_oops set',
  'oops-in-interrupt': 'an oops in interrupt context, which the kernel cannot survive',
  'hung-task': 'kernel.hung_task_panic is set and a task was blocked too long',
  'soft-lockup': 'kernel.softlockup_panic is set and a CPU was stuck',
  'hard-lockup': 'a CPU stopped responding to the NMI watchdog (hard lockup)',
  'init-killed': 'PID 1 (init) exited or was killed',
  'root-fs': 'the root file system could not be mounted',
  'machine-check': 'a fatal machine check (hardware error)',
};
export const CORE_OUTCOME: Record<string, string> = {
  dumped: 'core written',
  'not-dumped': 'crashed, no core written',
  aborted: 'core dump aborted',
  skipped: 'core dump skipped',
  failed: 'core dump failed',
  disabled: 'core dumps disabled',
  'unsafe-pattern': 'unsafe core_pattern for fs.suid_dumpable=2',
  truncated: 'core truncated',
  'too-large': 'core too large to store',
};

function task(comm: string | null, pid: number | null, lang: Lang): Val {
  if (comm === null && pid === null) return [t(lang, 'unknown')];
  if (comm === null) return [t(lang, 'pid {0}', pid!)];
  return pid === null ? [L(comm)] : [L(comm), ` (${t(lang, 'pid {0}', pid)})`];
}

export function describe(ev: KernelEvent, index: number, lang: Lang): Described {
  const rows: Described['rows'] = [];
  const row = (label: string, v: Val | null): void => {
    if (v !== null && v.length > 0) rows.push([t(lang, label), v]);
  };
  const range = `${ev.startLine + 1}–${ev.endLine + 1}`;
  const title = `#${index + 1} ${kindName(ev.kind, lang)}, ${t(lang, 'lines {0}', range)}${ev.complete ? '' : ` (${t(lang, 'incomplete')})`}`;
  if (ev.time !== null) row('time', [L(ev.time), ...(ev.host ? [` ${t(lang, 'on')} `, L(ev.host)] : [])]);
  if (ev.kernel) row('kernel', [L(ev.kernel.release), ...(ev.kernel.arch ? [` (${ev.kernel.arch})`] : []), ...(ev.kernel.source === 'setting' ? [` [${t(lang, 'assumed')}]`] : [])]);
  let table: Described['table'] = null;

  switch (ev.kind) {
    case 'oom': {
      const page = inferPageSize(ev);
      const tr = ev.trigger;
      if (tr) {
        const v: Val = [...task(tr.comm, tr.pid, lang)];
        if (tr.gfpMask !== null) v.push(' gfp_mask=', L(tr.gfpMask), ...(tr.gfpFlags ? ['(', L(tr.gfpFlags.join('|')), ')'] : []));
        // Kernels before 4.6 print no names: ours, decoded for the release's flag layout.
        if (!tr.gfpFlags && tr.gfpDecoded && tr.gfpDecoded.layout !== 'unknown') v.push(` [${t(lang, 'decoded')}: `, L(tr.gfpDecoded.flags.join('|')), ']');
        if (tr.order !== null) v.push(` order=${tr.order}`);
        if (tr.order === -1) v.push(` (${t(lang, 'manual OOM, SysRq-f')})`);
        else if (tr.gfpMask === '0x0') v.push(` (${t(lang, 'page-fault OOM')})`);
        if (tr.oomScoreAdj !== null) v.push(` oom_score_adj=${tr.oomScoreAdj}`);
        row('trigger', v);
      } else row('trigger', [t(lang, 'not in the log (report header missing or rate-limited)')]);
      if (ev.constraint !== null) row('constraint', [L(ev.constraint), ...(CONSTRAINTS[ev.constraint] ? [' — ', t(lang, CONSTRAINTS[ev.constraint]!)] : [])]);
      const m = ev.memcg;
      if (m) {
        const v: Val = [L(m.oomMemcg ?? m.taskMemcg ?? '?')];
        if (m.usageKb !== null && m.limitKb !== null) {
          v.push(': ', t(lang, 'usage {0} of limit {1}', mib(m.usageKb), mib(m.limitKb)));
          if (m.limitKb > 0) v.push(` (${((100 * m.usageKb) / m.limitKb).toFixed(1)}%)`);
          if (m.failcnt !== null) v.push(`, failcnt ${m.failcnt}`);
        }
        row('memcg', v);
      }
      const k = ev.killed;
      if (k) {
        const mem = victimMemory(ev, page);
        const v: Val = [...task(k.comm, k.pid, lang)];
        if (k.uid !== null) v.push(`, uid ${k.uid}`);
        if (mem.rssKb !== null) {
          v.push('; ', t(lang, 'resident {0}', mib(mem.rssKb)));
          if (mem.source === 'task-table') v.push(` ${t(lang, 'from its tasks-table row')}`);
          if (mem.source === 'reaper') v.push(` ${t(lang, 'after reaping')}`);
        }
        if (k.anonRssSource === 'kill' && k.anonRssKb !== null) v.push(`; anon ${mib(k.anonRssKb)}, file ${mib(k.fileRssKb ?? 0)}, shmem ${mib(k.shmemRssKb ?? 0)}`);
        if (k.totalVmKb !== null) v.push('; ', t(lang, 'virtual {0}', mib(k.totalVmKb)));
        if (k.oomScoreAdj !== null) v.push(`; oom_score_adj ${k.oomScoreAdj}`);
        row('killed', v);
      } else row('killed', [t(lang, 'no kill line in the log')]);
      const v = verdict(ev);
      // A lone kill tail says nothing about why; do not pad it with "not enough to tell".
      if (v.kind !== 'unknown' || ev.trigger !== null) row('verdict', [t(lang, VERDICT_TEXT[v.kind]), ...v.evidence.flatMap((x, i) => [i === 0 ? ': ' : '; ', t(lang, x.message, ...x.args)])]);
      const est = estimateBadness(ev, page);
      if (est && k) {
        const ranked = est.scores.filter((x) => x.points !== null).sort((a, b) => b.points! - a.points!);
        const top = ranked[0];
        if (top && top.pid !== k.pid && ranked.some((x) => x.pid === k.pid)) {
          const name = ev.tasks!.find((r) => r.pid === top.pid)!.name;
          row('note', [t(lang, 'highest estimated badness:'), ' ', L(name), ` (pid ${top.pid}), `, t(lang, 'not the victim (an estimate: the kernel scores at kill time and skips exiting or unkillable tasks)')]);
        }
      }
      if (ev.selected) row('selected', [...task(ev.selected.comm, ev.selected.pid, lang), `, score ${ev.selected.score}; `, t(lang, 'a child was killed instead')]);
      if (ev.alsoKilled.length > 0) row('also killed', ev.alsoKilled.flatMap((x, i) => [...(i ? [', '] : []), ...task(x.comm, x.pid, lang)]));
      const top = largestTasks(ev);
      if (top.length > 0) {
        const unit = page ? t(lang, 'MiB, {0} KiB pages ({1})', page.kb, t(lang, PAGE_SIZE_SOURCE[page.source]!)) : t(lang, 'pages; page size unknown');
        table = {
          caption: t(lang, 'Largest tasks of {0} (rss in {1})', ev.tasks!.length, unit),
          head: ['pid', 'uid', 'rss', 'swap', 'oom_score_adj', t(lang, 'name')],
          alignRight: [true, true, true, true, true, false],
          rows: top.map((r) => [[String(r.pid)], [r.uid === null ? '–' : String(r.uid)], [pagesToMib(r.rss, page)], [pagesToMib(r.swapents, page)], [r.oomScoreAdj === null ? '–' : String(r.oomScoreAdj)], [L(r.name), ...(k?.pid === r.pid ? [` ← ${t(lang, 'killed')}`] : [])]]),
        };
      }
      break;
    }
    case 'page-alloc-failure':
      row('task', task(ev.comm, ev.pid, lang));
      if (ev.stallMs !== null) row('stalled', [t(lang, '{0} ms in the allocator', ev.stallMs)]);
      if (ev.order !== null) row('order', [`${ev.order} (${t(lang, '{0} contiguous pages', 2 ** ev.order)}${ev.order > 3 ? `, ${t(lang, 'costly order')}` : ''})`]);
      if (ev.gfpMask !== null) row('mode', [L(ev.gfpMask), ...(ev.gfpFlags ? ['(', L(ev.gfpFlags.join('|')), ')'] : [])]);
      break;
    case 'oops':
      row('report', [L(ev.headline)]);
      row('task', task(ev.comm, ev.pid, lang));
      if (ev.ip !== null) row('at', [L(ev.ip)]);
      if (ev.address !== null) row('address', [L(ev.address)]);
      if (ev.location !== null) row('location', [L(ev.location)]);
      if (ev.modules) row('modules', [t(lang, '{0} loaded', ev.modules.length)]);
      break;
    case 'warning':
      if (ev.location !== null) row('location', [L(ev.location), ...(ev.function ? [' ', L(ev.function)] : [])]);
      row('task', task(ev.comm, ev.pid, lang));
      if (ev.ip !== null) row('at', [L(ev.ip)]);
      break;
    case 'panic':
      row('reason', [L(ev.reason)]);
      if (PANIC_CAUSE[ev.cause]) row('cause', [t(lang, PANIC_CAUSE[ev.cause]!)]);
      if (ev.rebootSeconds !== null) row('reboot', [t(lang, 'in {0} s', ev.rebootSeconds)]);
      break;
    case 'soft-lockup':
    case 'hard-lockup':
      if (ev.stuckCpu !== null) row('cpu', [ev.seconds !== null ? t(lang, 'CPU {0} stuck for {1} s', ev.stuckCpu, ev.seconds) : t(lang, 'CPU {0}', ev.stuckCpu)]);
      if (ev.task) row('task', task(ev.task.comm, ev.task.pid, lang));
      if (ev.ip !== null) row('at', [L(ev.ip)]);
      break;
    case 'hung-task':
      row('task', task(ev.comm, ev.pid, lang));
      if (ev.seconds !== null) row('blocked', [t(lang, 'more than {0} s', ev.seconds), ...(ev.state ? [` (state ${ev.state})`] : [])]);
      if (ev.callTrace && ev.callTrace.length > 0) row('waiting in', [L(ev.callTrace.slice(0, 3).join(' ← '))]);
      break;
    case 'rcu-stall':
      row('flavour', [L(ev.flavour ?? '?'), ev.selfDetected ? ` (${t(lang, 'self-detected')})` : '']);
      if (ev.cpus.length > 0) row('cpus', [ev.cpus.join(', ')]);
      break;
    case 'bad-page':
      row('task', task(ev.comm, ev.pid, lang));
      if (ev.pfn !== null) row('pfn', [L(ev.pfn)]);
      if (ev.reason !== null) row('reason', [L(ev.reason)]);
      break;
    case 'hardware-error':
      row('source', [ev.source]);
      row('report', [L(ev.headline)]);
      if (ev.cpu !== null) row('cpu', [String(ev.cpu), ...(ev.bank !== null ? [`, bank ${ev.bank}`] : [])]);
      break;
    case 'segfault':
      row('task', task(ev.comm, ev.pid, lang));
      if (ev.address !== null) row('address', [L(ev.address)]);
      if (ev.ip !== null) row('ip', [L(ev.ip)]);
      if (ev.errorDecoded) row('error', [`${ev.error} (${ev.errorDecoded.join(', ')})`]);
      if (ev.detail !== null) row('fault', [L(ev.detail)]);
      if (ev.library !== null) row('in', [L(ev.library), ...(ev.fileOffset !== null ? [` +0x${ev.fileOffset}`] : [])]);
      break;
    case 'trap':
      row('task', task(ev.comm, ev.pid, lang));
      row('trap', [L(ev.trap)]);
      if (ev.ip !== null) row('ip', [L(ev.ip)]);
      if (ev.library !== null) row('in', [L(ev.library)]);
      break;
    case 'coredump':
      row('task', task(ev.comm, ev.pid, lang));
      row('outcome', [CORE_OUTCOME[ev.outcome] ? t(lang, CORE_OUTCOME[ev.outcome]!) : ev.outcome]);
      row('message', [L(ev.message)]);
      if (ev.corePath !== null) row('core', [L(ev.corePath)]);
      if (ev.stack && ev.stack.length > 0) row('stack', [L(ev.stack.slice(0, 3).join(' ← '))]);
      break;
  }
  return { title, rows, table };
}
