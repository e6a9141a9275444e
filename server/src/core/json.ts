/**
 * The `kernel-triage/1` JSON contract (shared/CONVENTIONS.md): 1-based physical line numbers,
 * `null` for what the log does not show. Internal located fields are left out.
 */
import { estimateBadness, verdict } from './knowledge/oom.js';
import { inferPageSize } from './knowledge/pageSize.js';
import type { KernelEvent, OomEvent, TaskRow } from './model/events.js';

const fill = (m: string, args: (string | number)[]): string => m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

export const SCHEMA = 'kernel-triage/1';


export function eventToJson(ev: KernelEvent): Record<string, unknown> {
  return toJson(ev, undefined, false);
}

/**
 * For an event nothing reads afterwards (the CLI's streamed output), with its `file` first when
 * given (a line of `--jsonl`): its task rows are made 1-based in place and written as they are,
 * not copied (most of a large log's output is rows).
 */
export function eventToJsonOnce(ev: KernelEvent, file?: string): Record<string, unknown> {
  return toJson(ev, file, true);
}

function toJson(ev: KernelEvent, file: string | undefined, consume: boolean): Record<string, unknown> {
  const common = {
    ...(file === undefined ? {} : { file }),
    kind: ev.kind,
    startLine: ev.startLine + 1,
    endLine: ev.endLine + 1,
    parts: ev.parts.map((p) => ({ name: p.name, startLine: p.startLine + 1, endLine: p.endLine + 1 })),
    time: ev.time,
    host: ev.host,
    boot: ev.boot,
    complete: ev.complete,
    kernel: ev.kernel,
  };
  if (ev.kind === 'oom') return { ...common, ...oomFields(ev, consume) };
  // Every other kind: its own fields, in declaration order (model/events.ts).
  const { kind: _k, startLine: _s, endLine: _e, parts: _p, time: _t, host: _h, boot: _b, stream: _st, resumeAt: _ra, complete: _c, kernel: _kr, fields: _f, ...rest } = ev;
  return { ...common, ...rest };
}

function oomFields(ev: OomEvent, consume: boolean): Record<string, unknown> {
  const page = inferPageSize(ev);
  const v = verdict(ev);
  const badness = estimateBadness(ev, page);
  return {
    trigger: ev.trigger,
    constraint: ev.constraint,
    memcg: ev.memcg,
    killed: ev.killed,
    selected: ev.selected,
    alsoKilled: ev.alsoKilled,
    tasks: ev.tasks === null ? null : consume ? oneBased(ev.tasks) : ev.tasks.map(taskToJson),
    // Beyond the fields CONVENTIONS lists: the rest of the report, as printed.
    killMessage: ev.killMessage,
    cpuset: ev.cpuset,
    nodemask: ev.nodemask,
    globalOom: ev.globalOom,
    hardware: ev.hardware,
    callTrace: ev.callTrace,
    memcgStats: ev.memcgStats,
    memInfo: ev.memInfo,
    taskColumns: ev.taskColumns,
    // Our own reading of the report: inferred, estimated, and labelled so.
    pageSize: page,
    verdict: { kind: v.kind, evidence: v.evidence.map((x) => fill(x.message, x.args)) },
    badnessEstimate: badness && { rule: badness.rule.rule, totalpages: badness.totalpages, points: badness.scores.map((x) => ({ pid: x.pid, points: x.points })) },
  };
}

/** A row with its 1-based line, written out field by field (a literal is cheaper than a spread). */
function taskToJson(t: TaskRow): TaskRow {
  return {
    pid: t.pid,
    uid: t.uid,
    tgid: t.tgid,
    totalVm: t.totalVm,
    rss: t.rss,
    rssAnon: t.rssAnon,
    rssFile: t.rssFile,
    rssShmem: t.rssShmem,
    nrPtes: t.nrPtes,
    nrPmds: t.nrPmds,
    pgtablesBytes: t.pgtablesBytes,
    swapents: t.swapents,
    oomScoreAdj: t.oomScoreAdj,
    cpu: t.cpu,
    oomAdj: t.oomAdj,
    name: t.name,
    line: t.line + 1,
  };
}

function oneBased(rows: TaskRow[]): TaskRow[] {
  for (const r of rows) r.line += 1;
  return rows;
}
