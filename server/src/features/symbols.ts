/**
 * The outline: one symbol per event (`OOM 00:01:23 java (161175) killed in /kubepods/pod…`), its
 * parts as children. Plain data with 0-based lines; the LSP adapter makes ranges.
 */
import { t, type Lang } from '../core/l10n/l10n.js';
import type { Analysis, KernelEvent } from '../core/model/events.js';
import { oneLine, printable } from '../core/report/summary.js';

export interface EventSymbol {
  name: string;
  detail: string;
  startLine: number;
  endLine: number;
  /** The event's index in the analysis. */
  index: number;
  children: { name: string; startLine: number; endLine: number }[];
}

/** Short time for the outline: `00:01:23` from a wall clock, the seconds from a dmesg stamp. */
export function shortTime(ev: KernelEvent): string {
  if (ev.time === null) return '';
  const m = /(\d\d:\d\d:\d\d)/.exec(ev.time);
  return m ? m[1]! : ev.time;
}

export function documentSymbols(a: Analysis, lang: Lang, limit = 5000): EventSymbol[] {
  return a.events.slice(0, limit).map((ev, index) => {
    const time = shortTime(ev);
    let name: string;
    if (ev.kind === 'oom') {
      const k = ev.killed;
      const who = k ? `${printable(k.comm)} (${k.pid}) ${t(lang, 'killed')}` : t(lang, 'no kill line in the log');
      const where = ev.memcg?.oomMemcg ? ` ${t(lang, 'in')} ${printable(ev.memcg.oomMemcg)}` : '';
      name = `OOM ${time ? time + ' ' : ''}${who}${where}`;
    } else name = `${time ? time + ' ' : ''}${oneLine(ev, lang)}`;
    return {
      name: name.replace(/\s+/g, ' ').slice(0, 200),
      detail: ev.host ?? '',
      startLine: ev.startLine,
      endLine: ev.endLine,
      index,
      children: ev.parts
        .filter((p) => p.startLine >= ev.startLine && p.endLine <= ev.endLine)
        .map((p) => ({ name: p.name, startLine: p.startLine, endLine: p.endLine })),
    };
  });
}
