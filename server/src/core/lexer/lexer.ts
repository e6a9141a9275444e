/**
 * One Chevrotain lexer per process (Chevrotain docs, guide/performance: build once, reuse), fed one
 * line or line segment at a time. Returns the line's prefix (time, host, tag, level) and the
 * message tokens, with offsets relative to the segment start (`base` makes them absolute).
 */
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

let lexer: Lexer | undefined;
let prefixLexer: Lexer | undefined;

/** The message lexer: every token type (built lazily: --help and error paths should not pay for it). */
function getLexer(): Lexer {
  lexer ??= new Lexer(T.allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });
  return lexer;
}

/** The prefix lexer: prefix tokens, then the rest of the line as one token. */
function getPrefixLexer(): Lexer {
  prefixLexer ??= new Lexer(T.prefixTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: true });
  return prefixLexer;
}

/** Builds both lexers with Chevrotain's validations on (tests call this once). */
export function validateLexer(): void {
  new Lexer(T.allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: false });
  new Lexer(T.prefixTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: false });
}

export type PrefixKind =
  | 'none'
  | 'raw-dmesg'
  | 'dmesg-T'
  | 'syslog'
  | 'iso'
  | 'kmsg'
  | 'journal-full'
  | 'unix'
  | 'android';

export interface Prefix {
  kind: PrefixKind;
  /** The printed wall-clock time, else the printed seconds since boot, else null. */
  time: string | null;
  /** Seconds since boot when printed (`[ 123.456]`, kmsg µs). */
  monotonic: number | null;
  host: string | null;
  /** Syslog tag without the colon (`kernel`, `systemd-coredump[7888]`). */
  tag: string | null;
  level: number | null;
  callerId: string | null;
}

/** A line (or segment): its prefix, where its message starts, and the message tokens on demand. */
export class LexedLine {
  private toks: IToken[] | null = null;
  private errs = 0;

  constructor(
    readonly text: string,
    readonly prefix: Prefix,
    /** Absolute offset where the message starts (first non-blank after the prefix), = end when empty. */
    readonly msgStart: number,
    readonly end: number,
  ) {}

  /** Absolute offset that token offsets are relative to: the message start. */
  get base(): number {
    return this.msgStart;
  }

  /** Message tokens, lexed on first use. */
  get tokens(): IToken[] {
    if (this.toks === null) {
      const r = getLexer().tokenize(this.text.slice(this.msgStart, this.end));
      this.toks = r.tokens;
      this.errs = r.errors.length;
    }
    return this.toks;
  }

  /** Characters the message lexer could not place (none with the catch-all tokens; kept for safety). */
  get errors(): number {
    void this.tokens;
    return this.errs;
  }
}

const NO_PREFIX: Prefix = Object.freeze({ kind: 'none', time: null, monotonic: null, host: null, tag: null, level: null, callerId: null }) as Prefix;

function prefixKindOf(t: TokenType): PrefixKind | undefined {
  switch (t) {
    case T.Monotonic:
      return 'raw-dmesg';
    case T.CTime:
      return 'dmesg-T';
    case T.SyslogTime:
      return 'syslog';
    case T.IsoTime:
      return 'iso';
    case T.KmsgHeader:
      return 'kmsg';
    case T.FullTime:
      return 'journal-full';
    case T.UnixTime:
      return 'unix';
    case T.AndroidTime:
      return 'android';
    default:
      return undefined;
  }
}

/**
 * Lexes the prefix of `text.slice(start, end)`. With `inherited` the segment is a continuation
 * (after `#012` or `\x0a`) and carries the prefix of its physical line instead.
 */
export function lexSegment(text: string, start: number, end: number, inherited?: Prefix): LexedLine {
  let i = start;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (inherited) return new LexedLine(text, inherited, i, end);
  return fastPrefix(text, start, end) ?? lexPrefix(text, start, end);
}

// The two commonest prefixes, recognised without the lexer; anything unusual after them (caller
// ids, a kernel time stamp after a syslog tag, a journal host after a dmesg stamp) goes to the
// lexer. test/core/lexer.test.ts checks that both paths agree on every fixture and corpus line.
const FAST_DMESG = /\[ *(\d+)\.(\d+)\] +/y;
const FAST_SYSLOG = /((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?) ([A-Za-z0-9][\w.\-:]*) ([\w.\-\/@()]+(?:\[\d+\])?): +/y;

function fastPrefix(text: string, start: number, end: number): LexedLine | null {
  const c = text.charCodeAt(start);
  if (c === 91 /* [ */) {
    FAST_DMESG.lastIndex = start;
    const m = FAST_DMESG.exec(text);
    if (!m || m.index + m[0].length > end) return null;
    const at = m.index + m[0].length;
    const next = text.charCodeAt(at);
    // `[..][ T123]` caller id, `<…>` delta, or `host kernel:` (journalctl short-monotonic): the lexer's job.
    if (next === 91 || at >= end || /^\S+ kernel:/.test(text.slice(at, Math.min(end, at + 80)))) return null;
    const time = `${m[1]}.${m[2]}`;
    return new LexedLine(text, { kind: 'raw-dmesg', time, monotonic: parseFloat(time), host: null, tag: null, level: null, callerId: null }, at, end);
  }
  if (c >= 65 && c <= 83 /* A..S */) {
    FAST_SYSLOG.lastIndex = start;
    const m = FAST_SYSLOG.exec(text);
    if (!m || m.index + m[0].length > end) return null;
    const at = m.index + m[0].length;
    if (at >= end || text.charCodeAt(at) === 91 /* a kernel time stamp follows */) return null;
    return new LexedLine(text, { kind: 'syslog', time: m[1]!, monotonic: null, host: m[2]!, tag: m[3]!, level: null, callerId: null }, at, end);
  }
  return null;
}

/** Lexes the prefix with the Chevrotain prefix lexer. */
export function lexPrefix(text: string, start: number, end: number): LexedLine {
  const all = getPrefixLexer().tokenize(text.slice(start, end)).tokens;
  if (all.length === 0) return new LexedLine(text, NO_PREFIX, end, end);
  if (all[0]!.tokenType === T.Rest) return new LexedLine(text, NO_PREFIX, start + all[0]!.startOffset, end);
  const p: Prefix = { kind: 'none', time: null, monotonic: null, host: null, tag: null, level: null, callerId: null };
  let msgStart = end;
  for (const tok of all) {
    if (tok.tokenType === T.Rest) {
      msgStart = start + tok.startOffset;
      break;
    }
    const img = tok.image;
    const kind = prefixKindOf(tok.tokenType);
    // The first time-like token names the prefix style; a syslog line that also carries the
    // kernel's `[ 123.456]` stays "syslog".
    if (kind && p.kind === 'none') p.kind = kind;
    switch (tok.tokenType) {
      case T.Monotonic: {
        const inner = img.slice(1, -1).trim();
        p.monotonic = parseFloat(inner);
        p.time ??= inner.split(' ')[0]!.replace(/s$/, '');
        break;
      }
      case T.KmsgHeader: {
        const parts = img.slice(0, -1).split(',');
        p.level = parseInt(parts[0]!, 10) & 7;
        p.monotonic = parseInt(parts[2]!, 10) / 1e6;
        p.time = p.monotonic.toFixed(6);
        const caller = parts.find((x) => x.startsWith('caller='));
        if (caller) p.callerId = caller.slice(7);
        break;
      }
      case T.Level:
        p.level = parseInt(img.slice(1, -1), 10) & 7;
        break;
      case T.CallerId:
        p.callerId = img.slice(1, -1).trim();
        break;
      case T.CTime:
        p.time = img.slice(1, -1).trim();
        break;
      case T.Host:
        p.host = img;
        break;
      case T.Tag:
        p.tag = img.slice(0, -1);
        break;
      case T.SyslogTime:
      case T.IsoTime:
      case T.FullTime:
      case T.UnixTime:
      case T.AndroidTime:
        p.time = img;
        break;
      default:
        break;
    }
  }
  return new LexedLine(text, p, msgStart, end);
}
