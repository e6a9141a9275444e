/**
 * Folding: one range per event, and nested ranges for its multi-line parts (call trace, Mem-Info,
 * memcg stats, tasks table …) that lie inside the event's range. Lines are 0-based.
 */
import type { Analysis } from '../core/model/events.js';

export interface Fold {
  startLine: number;
  endLine: number;
  /** `region` for events, undefined for parts. */
  kind?: 'region';
}

export function foldingRanges(a: Analysis, limit = 5000): Fold[] {
  const out: Fold[] = [];
  for (const ev of a.events) {
    if (out.length >= limit) break;
    if (ev.endLine > ev.startLine) out.push({ startLine: ev.startLine, endLine: ev.endLine, kind: 'region' });
    for (const p of ev.parts) {
      if (p.endLine > p.startLine && p.startLine >= ev.startLine && p.endLine <= ev.endLine && !(p.startLine === ev.startLine && p.endLine === ev.endLine)) {
        out.push({ startLine: p.startLine, endLine: p.endLine });
      }
    }
  }
  return out;
}
