/**
 * Incremental re-analysis for the language server: after an edit, only the events around it are
 * analysed again. The analysis restarts at an event before the edit, in the per-host state that
 * event recorded when it began (`resumeAt`), and stops at a later event start where no report is
 * open on another host and the state is the one the old event there recorded; the events after
 * that are the old ones, moved by the edit's line and offset shift. Where the state differs, the
 * whole text is analysed again. An append is the same case at the end of the text.
 */
import { analyze, Analyzer, REAPER_WINDOW, type AnalyzeOptions } from './analyze.js';
import { decodeGfp } from './knowledge/gfp.js';
import { OomBuilder } from './parser/builders/oom.js';
import type { Analysis, Field, KernelEvent, OomEvent, ResumeState } from './model/events.js';
import { ChunkedText, type TextSource } from './text/chunked.js';
import { LineIndex } from './text/lines.js';

/** Most lines analysed between two pauses of `reanalyseSteps`. */
const SPAN = 2000;

export interface Edit {
  /** Offsets in the text before this edit. */
  start: number;
  end: number;
  text: string;
}

export interface IncrementalResult {
  analysis: Analysis;
  index: LineIndex;
  text: TextSource;
  /** Lines (in the new text) whose events were analysed again. */
  from: number;
  to: number;
}

function shift(ev: KernelEvent, lines: number, chars: number): void {
  ev.startLine += lines;
  ev.endLine += lines;
  for (const p of ev.parts) {
    p.startLine += lines;
    p.endLine += lines;
  }
  for (const f of ev.fields) {
    f.start += chars;
    f.end += chars;
  }
  if (ev.kind === 'oom') {
    if (ev.tasks) for (const r of ev.tasks) r.line += lines;
    for (const r of ev.reaped) r.line += lines;
  }
}

/**
 * Applies one edit to a previous analysis of `old` (analysed with fields on). `after` and
 * `afterIndex`, when given, are the text after the edit and its line index (an editor already has
 * them; building them again would copy the text and the index).
 */
export function reanalyse(prev: { analysis: Analysis; index: LineIndex; text: TextSource }, edit: Edit, options: AnalyzeOptions = {}, after?: TextSource, afterIndex?: LineIndex): IncrementalResult {
  const steps = reanalyseSteps(prev, edit, options, after, afterIndex);
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * `reanalyse` in steps: it pauses (yields) after each stretch of lines it analyses, so that a
 * caller with an event loop (the language server) can let other work run between them. The
 * previous analysis is being changed while paused; the result is complete only at the end.
 */
export function* reanalyseSteps(prev: { analysis: Analysis; index: LineIndex; text: TextSource }, edit: Edit, options: AnalyzeOptions = {}, after?: TextSource, afterIndex?: LineIndex): Generator<void, IncrementalResult> {
  const old = prev.text;
  const text = after ?? (old instanceof ChunkedText ? old.edit(edit.start, edit.end, edit.text) : old.slice(0, edit.start) + edit.text + old.slice(edit.end));
  const index = afterIndex?.text === text ? afterIndex : prev.index.edited(text, edit.start, edit.end, edit.text);
  // The new text's `[s, e)` from the old text and the inserted one: slicing the new text itself
  // would make V8 copy all of it (a concatenation is flattened on first access).
  const insEnd = edit.start + edit.text.length;
  const sliceNew = (s: number, e: number): string =>
    (s < edit.start ? old.slice(s, Math.min(e, edit.start)) : '') +
    (e > edit.start && s < insEnd ? edit.text.slice(Math.max(s, edit.start) - edit.start, Math.min(e, insEnd) - edit.start) : '') +
    (e > insEnd ? old.slice(Math.max(s, insEnd) - insEnd + edit.end, e - insEnd + edit.end) : '');
  const lineA = prev.index.lineAt(edit.start);
  const lineB = prev.index.lineAt(edit.end);
  const dLines = index.count - prev.index.count;
  const dChars = edit.text.length - (edit.end - edit.start);
  const evs = prev.analysis.events;

  // Restart one event before the one holding the edit's first line (a late `oom_reaper:` line in
  // the edited event may belong to it), in the state that event recorded; an edit before the first
  // event restarts at the top.
  let first = evs.findIndex((e) => e.endLine >= lineA);
  if (first === -1) first = evs.length;
  if (first > 0) first--;
  // Further back while a report of another host was open there (its lines are not in the state),
  // or while the edit touches the event's first line: the recorded state already holds that line's
  // effects (its host, its clock), so the line must be the one it was.
  while (first > 0 && first < evs.length && (evs[first]!.startLine >= lineA || evs[first]!.resumeAt?.quiet === false)) first--;
  // Without a recorded state there (an edit above or on the first event's first line, or an
  // analysis made without fields), from the top.
  const at = first < evs.length && evs[first]!.startLine < lineA && evs[first]!.resumeAt ? evs[first]! : null;
  if (!at) first = 0;
  const restart = at ? at.startLine : 0;
  const state = at?.resumeAt ?? null;
  const keptBefore = evs.slice(0, first);
  const takenOff: { e: OomEvent; pid: number; line: number; fields: Field[] }[] = [];
  // Late parts of earlier events (a reaper line after the edit) move with the text; those in the
  // region are dropped here and claimed again by the region's analysis if they are still there.
  // Only the last events before the restart can have lines at or after it: a report takes lines
  // (another host's, a late reaper line) until REAPER_WINDOW newer events have begun.
  for (let i = Math.max(0, keptBefore.length - 2 * REAPER_WINDOW); i < keptBefore.length; i++) {
    const e = keptBefore[i]!;
    // Most events end well before the restart line: nothing of theirs moves (their fields lie
    // in their parts' lines).
    let last = e.endLine;
    for (const p of e.parts) if (p.endLine > last) last = p.endLine;
    if (last < restart) continue;
    if (e.kind === 'oom') {
      // Reaper lines from the restart on are taken off, with their located fields (found by the
      // line's offsets in the old text); the region's analysis claims those it reads again, and
      // those past where it stops are put back below (lines and offsets in the new text). One on
      // an edited line is not put back: the region's analysis reads what is there now.
      for (const r of e.reaped) {
        if (r.line < restart) continue;
        const from = prev.index.starts[r.line]!;
        const to = prev.index.ends[r.line]!;
        const fields = e.fields.filter((f) => f.start >= from && f.end <= to);
        if (fields.length > 0) e.fields = e.fields.filter((f) => !(f.start >= from && f.end <= to));
        const edited = r.line >= lineA && r.line <= lineB;
        if (!edited) takenOff.push({ e, pid: r.pid, line: r.line > lineB ? r.line + dLines : r.line, fields: fields.map((f) => (f.start >= edit.end ? { name: f.name, start: f.start + dChars, end: f.end + dChars } : f)) });
      }
    }
    for (const p of e.parts)
      if (p.startLine > lineB) {
        p.startLine += dLines;
        p.endLine += dLines;
      }
    for (const f of e.fields)
      if (f.start >= edit.end) {
        f.start += dChars;
        f.end += dChars;
      }
    if (e.kind !== 'oom') continue;
    e.reaped = e.reaped.filter((r) => r.line < restart);
    e.parts = e.parts.filter((p) => p.name !== 'reaper' || p.startLine < restart);
  }
  // A reaper line in the region may belong to a kill before it, as in a full analysis.
  const claimReaper = (pid: number, line: number, fields: Field[]): boolean => {
    for (let i = keptBefore.length - 1; i >= 0 && i >= keptBefore.length - REAPER_WINDOW; i--) {
      const e = keptBefore[i]!;
      if (e.kind !== 'oom' || !(e.killed?.pid === pid || e.alsoKilled.some((t) => t.pid === pid))) continue;
      // The first reaper line for that pid (OomBuilder.wantsReaper).
      if (e.reaped.some((r) => r.pid === pid)) return false;
      e.reaped.push({ pid, line });
      e.parts.push({ name: 'reaper', startLine: line, endLine: line });
      e.parts.sort((x, y) => x.startLine - y.startLine);
      e.fields.push(...fields);
      return true;
    }
    return false;
  };
  const resume = { state, claimReaper };
  const a = new Analyzer({ ...options, fields: true, resume });

  // Old events after the edit, as candidate places to stop (in new line numbers).
  const later = evs.filter((e) => e.startLine > lineB);
  let next = 0;
  let line = restart;
  let stopAt = index.count;
  let passed = 0;
  const editEndNew = lineB + dLines;
  for (;;) {
    while (next < later.length && later[next]!.startLine + dLines <= Math.max(editEndNew, line)) next++;
    const target = next < later.length ? later[next]!.startLine + dLines : index.count;
    // At most SPAN lines per step: one event may be thousands of lines.
    for (let from = line; from < target; from += SPAN) {
      const to = Math.min(target, from + SPAN);
      const fs = index.starts[from]!;
      a.feed(sliceNew(fs, to < index.count ? index.starts[to]! : text.length), from, fs);
      yield;
    }
    line = target;
    if (line >= index.count) break;
    // Stop at the second event start after the edit, not the first: a late `oom_reaper:` line of
    // the edited event lies inside the event that follows it.
    if (passed++ >= 1 && !a.openElsewhere(later[next]!.stream)) {
      stopAt = line;
      break;
    }
    next++;
  }
  // What the kept events after the stop line took from before it must still hold: each host's
  // boot count and clock (a clock reset or banner may have come or gone, or moved), the host that
  // hostless lines follow, and the boots' banner kernels. The old event at the stop line recorded
  // that state when it began; the region's analysis, taken through the stop line, must record the
  // same. Otherwise, rarely, the whole text is analysed again.
  let sameState = true;
  if (stopAt < index.count) {
    const s = index.starts[stopAt]!;
    a.feed(sliceNew(s, stopAt + 1 < index.count ? index.starts[stopAt + 1]! : text.length), stopAt, s);
    const oldAt = later.find((e) => e.startLine + dLines === stopAt);
    const now = a.lastStarted(stopAt);
    sameState = !!oldAt?.resumeAt && !!now?.resumeAt && canonical(oldAt.resumeAt) === canonical(now.resumeAt);
  }
  const finished = a.finish();
  // The stop line's events are the kept ones.
  const region = { events: finished.events.filter((e) => e.startLine < stopAt), problems: finished.problems.filter((p) => p.line < stopAt) };
  if (!sameState) {
    return { analysis: yield* analyzeSource(text, { ...options, fields: true }), index, text, from: 0, to: index.count };
  }
  // Events of the region never reach past the stop line: they are closed at it, as in a full run
  // (the stop line starts a new report).
  const keptAfter = stopAt < index.count ? evs.filter((e) => e.startLine + dLines >= stopAt && e.startLine > lineB) : [];
  for (const e of keptAfter) shift(e, dLines, dChars);
  // Late reaper lines past the stop line belonged to the replaced events' kills: the region's
  // analysis never saw them, so they go to the kill of that pid in the region again.
  // A line that no kill of the region takes (the edit removed it, or an earlier reaper line of that
  // pid came in) goes elsewhere in a full analysis, maybe to an event of its own: then, rarely,
  // the whole text is analysed again.
  let unplaced = false;
  const replaced = evs.slice(first, evs.length - keptAfter.length);
  for (const gone of replaced) {
    if (gone.kind !== 'oom') continue;
    for (const r of gone.reaped) {
      if (r.line <= lineB || r.line + dLines < stopAt) continue;
      const line = r.line + dLines;
      let placed = false;
      for (let i = region.events.length - 1; i >= 0; i--) {
        const e = region.events[i]!;
        if (e.kind !== 'oom' || !(e.killed?.pid === r.pid || e.alsoKilled.some((t) => t.pid === r.pid))) continue;
        if (!e.reaped.some((x) => x.pid === r.pid)) {
          e.reaped.push({ pid: r.pid, line });
          e.parts.push({ name: 'reaper', startLine: line, endLine: line });
          e.parts.sort((x, y) => x.startLine - y.startLine);
          // And the located fields of that line, moved with the text.
          const from = prev.index.starts[r.line]!;
          const to = prev.index.ends[r.line]!;
          for (const f of gone.fields) if (f.start >= from && f.end <= to) e.fields.push({ name: f.name, start: f.start + dChars, end: f.end + dChars });
          placed = true;
        }
        break;
      }
      if (!placed) unplaced = true;
    }
  }
  // Reaper lines of earlier kills past the stop line: the region's analysis did not read them.
  for (const t of takenOff) {
    if (t.line < stopAt) continue;
    if (t.e.reaped.some((r) => r.pid === t.pid)) {
      unplaced = true;
      continue;
    }
    t.e.reaped.push({ pid: t.pid, line: t.line });
    t.e.parts.push({ name: 'reaper', startLine: t.line, endLine: t.line });
    t.e.parts.sort((x, y) => x.startLine - y.startLine);
    t.e.fields.push(...t.fields);
  }
  if (unplaced) return { analysis: yield* analyzeSource(text, { ...options, fields: true }), index, text, from: 0, to: index.count };
  const events = [...keptBefore, ...region.events, ...keptAfter];
  refillKernels(events, [...region.events, ...replaced]);
  const problems = [
    ...prev.analysis.problems.filter((p) => p.line < restart),
    ...region.problems,
    ...prev.analysis.problems.filter((p) => p.line > lineB && p.line + dLines >= stopAt).map((p) => ({ ...p, line: p.line + dLines })),
  ];
  return {
    analysis: { lines: index.count, events, problems },
    index,
    text,
    from: restart,
    to: stopAt,
  };
}

/**
 * Events that print no CPU line run their boot's kernel: the first CPU line of that boot (an
 * edit may have added or removed it), unless a `Linux version` banner named it.
 */
/** A resume state in one form whatever order its hosts were met in. */
function canonical(st: ResumeState): string {
  return JSON.stringify([st.host, st.quiet, [...st.hosts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))]);
}

function refillKernels(events: KernelEvent[], touched: KernelEvent[]): void {
  // Only the boots the re-analysed events belong to (before or after the edit) can change: a few
  // (stream, boot) pairs, tested per event by number first.
  const bootsOf = new Map<number, string[]>();
  for (const e of touched) {
    const streams = bootsOf.get(e.boot);
    if (!streams) bootsOf.set(e.boot, [e.stream]);
    else if (!streams.includes(e.stream)) streams.push(e.stream);
  }
  const affected = (e: KernelEvent): boolean => bootsOf.get(e.boot)?.includes(e.stream) === true;
  const own = (e: KernelEvent): boolean => e.kernel?.source === 'cpu-line' && e.kernel.tainted !== null && e.parts.some((p) => p.name === 'cpu');
  const first = new Map<string, NonNullable<KernelEvent['kernel']>>();
  for (const e of events) {
    if (!affected(e)) continue;
    const key = `${e.stream}\u0000${e.boot}`;
    if (!first.has(key) && own(e)) first.set(key, e.kernel!);
  }
  for (const e of events) {
    if (!affected(e) || e.kernel?.source === 'banner' || e.kernel?.source === 'setting' || own(e)) continue;
    const k = first.get(`${e.stream}\u0000${e.boot}`);
    const next = k ? { release: k.release, arch: k.arch, tainted: null, source: 'cpu-line' as const } : null;
    const cur = e.kernel;
    if (next === null ? cur === null : cur !== null && cur.release === next.release && cur.arch === next.arch && cur.tainted === null && cur.source === next.source) continue;
    e.kernel = next;
    if (e.kind === 'oom') {
      if (e.trigger) e.trigger.gfpDecoded = null;
      OomBuilder.decode(e);
    } else if (e.kind === 'page-alloc-failure' && e.gfpMask !== null) e.gfpDecoded = decodeGfp(e.gfpMask, e.kernel?.release ?? null, e.gfpFlags);
  }
}

/** A full analysis, 128 KiB at a time (pieces end after a `\n`), pausing after each. */
function* analyzeSource(text: TextSource, options: AnalyzeOptions): Generator<void, Analysis> {
  if (typeof text === 'string' && text.length <= 1 << 20) return analyze(text, options);
  const a = new Analyzer(options);
  for (let pos = 0; pos < text.length; ) {
    const nl = text.indexOf('\n', Math.min(text.length, pos + (128 << 10)));
    const end = nl === -1 ? text.length : nl + 1;
    a.feed(text.slice(pos, end), undefined, pos);
    pos = end;
    yield;
  }
  if (text.length === 0) a.feed('', 0, 0);
  return a.finish();
}
