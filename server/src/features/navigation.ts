/**
 * Navigation (pure, 0-based lines): a pid or comm in a kill, reaper, `oom-kill:` or
 * `Kill process` line goes to its tasks-table row (definition); references list every mention of
 * that pid in its boot.
 */
import type { TextSource } from '../core/text/chunked.js';
import type { Analysis, KernelEvent, OomEvent } from '../core/model/events.js';
import { taskRowStart } from '../core/parser/reportLines.js';
import { eventsAt } from './hover.js';

/** Located fields that name a task by pid or comm. */
const TASK_FIELDS = new Set(['kill.pid', 'kill.comm', 'reaper.pid', 'reaper.comm', 'oomKill.pid', 'oomKill.task', 'select.pid', 'select.comm', 'trigger.comm', 'cpu.pid', 'cpu.comm']);

export interface Target {
  line: number;
  /** Character range on that line, when known. */
  start?: number;
  end?: number;
}

/** The pid the cursor is on, with its event: from a located field, or a tasks-table row's pid. */
export function pidAt(a: Analysis, text: TextSource, offset: number, line: number, lineStart: number): { ev: OomEvent; pid: number } | null {
  for (const ev of eventsAt(a, line)) {
    if (ev.kind !== 'oom') continue;
    for (const f of ev.fields) {
      if (!TASK_FIELDS.has(f.name) || offset < f.start || offset > f.end) continue;
      const part = f.name.slice(0, f.name.indexOf('.'));
      if (f.name.endsWith('.pid')) return { ev, pid: Number(text.slice(f.start, f.end)) };
      // A comm: the pid printed next to it on the same kind of line.
      const pidField = ev.fields.find((g) => g.name === `${part}.pid` && Math.abs(g.start - f.start) < 200);
      if (pidField) return { ev, pid: Number(text.slice(pidField.start, pidField.end)) };
      if (part === 'trigger' && ev.trigger?.pid != null) return { ev, pid: ev.trigger.pid };
    }
    const row = ev.tasks?.find((r) => r.line === line);
    if (row) {
      const line0 = text.slice(lineStart, text.indexOf('\n', lineStart) === -1 ? text.length : text.indexOf('\n', lineStart));
      const at = taskRowStart(line0);
      const close = at < 0 ? -1 : line0.indexOf(']', at);
      if (close !== -1 && offset >= lineStart + at && offset <= lineStart + close) return { ev, pid: row.pid };
    }
  }
  return null;
}

export function definition(a: Analysis, text: TextSource, offset: number, line: number, lineStart: number): Target | null {
  const hit = pidAt(a, text, offset, line, lineStart);
  if (!hit) return null;
  const row = hit.ev.tasks?.find((r) => r.pid === hit.pid);
  if (!row || row.line === line) return null;
  return { line: row.line };
}

/** Lines of one boot of one host: from its first event to its last, widened to the neighbours. */
function bootRange(a: Analysis, ev: KernelEvent): [number, number] {
  const same = a.events.filter((e) => e.boot === ev.boot && (e.host ?? '') === (ev.host ?? ''));
  const others = a.events.filter((e) => (e.host ?? '') === (ev.host ?? '') && e.boot !== ev.boot);
  let first = Infinity;
  let last = -1;
  for (const e of same) {
    first = Math.min(first, e.startLine);
    last = Math.max(last, e.endLine);
  }
  const before = others.filter((e) => e.endLine < first).reduce((m, e) => Math.max(m, e.endLine + 1), 0);
  const after = others.filter((e) => e.startLine > last).reduce((m, e) => Math.min(m, e.startLine - 1), a.lines - 1);
  return [before, after];
}

/**
 * Every mention of `pid` in its boot, where the kernel prints pids: `pid=N`, `PID: N`, `process N`,
 * `[  N]` (tasks tables), `N(comm)` (core dumps), `comm[N]` (segfaults), `:N]` (lockups).
 */
export function references(a: Analysis, text: TextSource, lineStarts: Uint32Array, lineEnds: Uint32Array, offset: number, line: number): Target[] {
  const hit = pidAt(a, text, offset, line, lineStarts[line]!);
  if (!hit) return [];
  const [from, to] = bootRange(a, hit.ev);
  const n = String(hit.pid);
  const re = new RegExp(`(?:pid[=:]\\s*|PID:\\s*|[Pp]rocess\\s+|\\[\\s*|\\bpid\\s+|victim\\s+|killer\\s+|[\\w.\\-/]\\[|:(?=${n}\\]))(${n})(?![\\d.])`, 'dg');
  const out: Target[] = [];
  for (let l = from; l <= to && l < lineStarts.length; l++) {
    const s = text.slice(lineStarts[l]!, lineEnds[l]!);
    if (!s.includes(n)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const [b, e] = (m as RegExpExecArray & { indices: [number, number][] }).indices[1]!;
      out.push({ line: l, start: b, end: e });
      if (out.length >= 5000) return out;
    }
  }
  return out;
}
