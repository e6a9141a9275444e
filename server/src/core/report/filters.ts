/**
 * Event filters and output redaction for the CLI (and any other front end): `--kind`,
 * `--since/--until` in the log's own time format, `--redact`.
 */
import { EVENT_KINDS, type EventKind, type KernelEvent } from '../model/events.js';

export function parseKinds(list: string): { kinds: EventKind[]; unknown: string[] } {
  const kinds: EventKind[] = [];
  const unknown: string[] = [];
  for (const k of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    if ((EVENT_KINDS as readonly string[]).includes(k)) kinds.push(k as EventKind);
    else unknown.push(k);
  }
  return { kinds, unknown };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A printed time as something comparable. Seconds since boot compare as numbers; wall-clock times
 * as [year|null, month, day, seconds of day]; a year missing on either side (syslog) is ignored.
 */
export type TimeKey = { mono: number } | { year: number | null; month: number; day: number; sec: number };

export function timeKey(s: string): TimeKey | null {
  const x = s.trim();
  let m: RegExpExecArray | null;
  if ((m = /^\[?\s*(\d+(?:\.\d+)?)\]?$/.exec(x))) return { mono: Number(m[1]) };
  const hms = (h: string, mi: string, se: string | undefined, frac: string | undefined): number => Number(h) * 3600 + Number(mi) * 60 + Number(se ?? 0) + (frac ? Number('0.' + frac) : 0);
  if ((m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d+))?)?)?/.exec(x))) {
    return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), sec: m[4] ? hms(m[4], m[5]!, m[6], m[7]) : 0 };
  }
  // `Dec  4 00:01:23[.123]`, `Wed Dec  4 00:01:23 2024`, `[Wed Dec  4 00:01:23 2024]`
  if ((m = /^\[?(?:[A-Za-z]{3} )?([A-Za-z]{3}) +(\d{1,2})(?: (\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?)?(?: (\d{4}))?\]?$/.exec(x))) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
    if (month === 0) return null;
    return { year: m[7] ? Number(m[7]) : null, month, day: Number(m[2]), sec: m[3] ? hms(m[3], m[4]!, m[5], m[6]) : 0 };
  }
  return null;
}

/** <0, 0, >0, or null when the two cannot be compared (one since boot, one wall clock). */
export function compareTime(a: TimeKey, b: TimeKey): number | null {
  if ('mono' in a || 'mono' in b) return 'mono' in a && 'mono' in b ? a.mono - b.mono : null;
  if (a.year !== null && b.year !== null && a.year !== b.year) return a.year - b.year;
  return a.month - b.month || a.day - b.day || a.sec - b.sec;
}

export interface EventFilter {
  kinds?: EventKind[];
  since?: TimeKey;
  until?: TimeKey;
}

/** Events kept by the filter; `incomparable` counts events whose time could not be compared (kept). */
export function filterEvents(events: KernelEvent[], f: EventFilter): { events: KernelEvent[]; incomparable: number } {
  let incomparable = 0;
  const out = events.filter((ev) => {
    if (f.kinds && f.kinds.length > 0 && !f.kinds.includes(ev.kind)) return false;
    if (!f.since && !f.until) return true;
    const k = ev.time === null ? null : timeKey(ev.time);
    if (k === null) {
      incomparable++;
      return true;
    }
    for (const [bound, sign] of [[f.since, 1], [f.until, -1]] as const) {
      if (!bound) continue;
      const c = compareTime(k, bound);
      if (c === null) {
        incomparable++;
        return true;
      }
      if (c * sign < 0) return false;
    }
    return true;
  });
  return { events: out, incomparable };
}

/**
 * Replaces hosts, IP addresses, user names (home directories, `user=`), Kubernetes pod UIDs and
 * container ids with stable placeholders (`host-1`, `ip-2`, …) so a report can go into a ticket.
 * The same value always gets the same placeholder within one redactor.
 */
export class Redactor {
  private maps = new Map<string, Map<string, string>>();

  constructor(private hosts: string[] = []) {}

  addHost(host: string): void {
    if (!this.hosts.includes(host)) this.hosts.push(host);
  }

  private token(kind: string, value: string): string {
    let m = this.maps.get(kind);
    if (!m) this.maps.set(kind, (m = new Map()));
    let v = m.get(value);
    if (!v) m.set(value, (v = `${kind}-${m.size + 1}`));
    return v;
  }

  redact(s: string): string {
    let out = s;
    for (const h of [...this.hosts].sort((a, b) => b.length - a.length)) {
      if (h.length < 2) continue;
      // Whole names only: a host called `node` must not turn `nodemask` into `host-1mask`.
      const re = new RegExp(`(?<![\\w.-])${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-]|\\.\\w)`, 'g');
      out = out.replace(re, () => this.token('host', h));
    }
    out = out
      .replace(/(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])/g, (ip) => this.token('ip', ip))
      .replace(/(?<![\w:])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}(?![\w:])/g, (ip) => (/^\d+:\d+$/.test(ip) ? ip : this.token('ip', ip)))
      .replace(/(\/home\/|\/Users\/)([^/\s"',)]+)/g, (_, p: string, u: string) => p + this.token('user', u))
      .replace(/\b(user[= ]|USER=|uname=)([A-Za-z_][\w.-]*)/g, (_, p: string, u: string) => (/^\d+$/.test(u) ? p + u : p + this.token('user', u)))
      .replace(/pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})/g, (_, id: string) => 'pod' + this.token('pod', id))
      .replace(/\b[0-9a-f]{64}\b/g, (id) => this.token('container', id));
    return out;
  }
}
