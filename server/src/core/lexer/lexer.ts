/**
 * One Chevrotain lexer per process (Chevrotain docs, guide/performance: build once, reuse), fed one
 * line or line segment at a time. Returns the line's prefix (time, host, tag, level) and the
 * message tokens, with offsets relative to the segment start (`base` makes them absolute).
 */
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';
import { PREFIX_PATTERNS } from './tokens.js';

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

// The common prefixes, recognised without running the Chevrotain lexer: the same patterns
// (tokens.ts PREFIX_PATTERNS), tried in the prefix lexer's order with the same gates, for the token
// types the logs we meet use (dmesg time stamps, caller ids and levels, `dmesg -T`, syslog and
// RFC 3339 times with host and tag). Any other prefix token matching, a match reaching past the
// segment, or an empty message sends the line to the lexer. test/core/lexer.test.ts checks that
// both paths agree on every fixture, corpus and generated line, in every prefix style.
const sticky = (r: RegExp): RegExp => new RegExp(r.source, 'y');
const F = {
  kmsg: sticky(PREFIX_PATTERNS.KmsgHeader),
  level: sticky(PREFIX_PATTERNS.Level),
  decoded: sticky(PREFIX_PATTERNS.DecodedLevel),
  android: sticky(PREFIX_PATTERNS.AndroidTime),
  iso: sticky(PREFIX_PATTERNS.IsoTime),
  unix: sticky(PREFIX_PATTERNS.UnixTime),
  syslog: sticky(PREFIX_PATTERNS.SyslogTime),
  full: sticky(PREFIX_PATTERNS.FullTime),
  caller: sticky(PREFIX_PATTERNS.CallerId),
  androidCtx: sticky(PREFIX_PATTERNS.AndroidContext),
  mono: sticky(PREFIX_PATTERNS.Monotonic),
  ctime: sticky(PREFIX_PATTERNS.CTime),
  host: sticky(PREFIX_PATTERNS.Host),
  tag: sticky(PREFIX_PATTERNS.Tag),
};

/** Where a match of `re` at `pos` ends; -1 for none, -2 when it reaches past `end` (the lexer decides). */
function matchEnd(re: RegExp, text: string, pos: number, end: number): number {
  re.lastIndex = pos;
  if (!re.test(text)) return -1;
  return re.lastIndex > end ? -2 : re.lastIndex;
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

type Last = 'none' | 'level' | 'mono' | 'caller' | 'ctime' | 'wall' | 'iso-comma' | 'host' | 'tag';

/** The characters the Tag token may start with (tokens.ts start_chars_hint): the lexer tries it on no others. */
function tagStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 /* _ */ || c === 40 /* ( */ || c === 46 /* . */ || c === 47 /* / */ || c === 64 /* @ */;
}

function blankPrefix(): Prefix {
  return { kind: 'none', time: null, monotonic: null, host: null, tag: null, level: null, callerId: null };
}

export function fastPrefix(text: string, start: number, end: number): LexedLine | null {
  let pos = skipBlanks(text, start, end);
  let last: Last = 'none';
  let n = 0;
  let p: Prefix | null = null;
  for (;;) {
    if (pos >= end) return null;
    const c = text.charCodeAt(pos);
    let e = -1;
    if (c >= 48 && c <= 57) {
      if (n === 0 && matchEnd(F.kmsg, text, pos, end) !== -1) return null;
      if (matchEnd(F.android, text, pos, end) !== -1) return null;
      if ((e = matchEnd(F.iso, text, pos, end)) >= 0) {
        const img = text.slice(pos, e);
        const q = (p ??= blankPrefix());
        if (q.kind === 'none') q.kind = 'iso';
        q.time = img;
        last = img.includes(',') ? 'iso-comma' : 'wall';
      } else if (e === -2 || matchEnd(F.unix, text, pos, end) !== -1) return null;
    } else if (c === 60 /* < */) {
      if ((e = matchEnd(F.level, text, pos, end)) >= 0) {
        (p ??= blankPrefix()).level = parseInt(text.slice(pos + 1, e - 1), 10) & 7;
        last = 'level';
      } else if (e === -2) return null;
    } else if (c >= 97 && c <= 122) {
      if (n === 0 && matchEnd(F.decoded, text, pos, end) !== -1) return null;
    } else if (c >= 65 && c <= 90) {
      if ((e = matchEnd(F.syslog, text, pos, end)) >= 0) {
        const q = (p ??= blankPrefix());
        if (q.kind === 'none') q.kind = 'syslog';
        q.time = text.slice(pos, e);
        last = 'wall';
      } else if (e === -2 || matchEnd(F.full, text, pos, end) !== -1) return null;
    } else if (c === 91 /* [ */) {
      if (last === 'mono') {
        if ((e = matchEnd(F.caller, text, pos, end)) >= 0) {
          (p ??= blankPrefix()).callerId = text.slice(pos + 1, e - 1).trim();
          last = 'caller';
        } else if (e === -2 || matchEnd(F.androidCtx, text, pos, end) !== -1) return null;
      }
      if (e < 0) {
        if ((e = matchEnd(F.mono, text, pos, end)) >= 0) {
          const inner = text.slice(pos + 1, e - 1).trim();
          const q = (p ??= blankPrefix());
          if (q.kind === 'none') q.kind = 'raw-dmesg';
          q.monotonic = parseFloat(inner);
          q.time ??= inner.split(' ')[0]!.replace(/s$/, '');
          last = 'mono';
        } else if (e === -2) return null;
        else if ((e = matchEnd(F.ctime, text, pos, end)) >= 0) {
          const q = (p ??= blankPrefix());
          if (q.kind === 'none') q.kind = 'dmesg-T';
          q.time = text.slice(pos + 1, e - 1).trim();
          last = 'ctime';
        } else if (e === -2) return null;
      }
    }
    if (e < 0) {
      // Host and Tag (tokens.ts gates): a host after a wall-clock time, or after a lone dmesg time
      // when ` kernel:` follows (journalctl short-monotonic); a tag after the host.
      let hostGate = last === 'wall';
      if (last === 'mono' && n === 1) {
        const sp = text.indexOf(' ', pos);
        if (sp === -1 || sp + 8 > end) return null;
        hostGate = text.startsWith(' kernel:', sp);
      }
      if (hostGate && (e = matchEnd(F.host, text, pos, end)) >= 0) {
        (p ??= blankPrefix()).host = text.slice(pos, e);
        last = 'host';
      } else if (last === 'host' && tagStart(c) && (e = matchEnd(F.tag, text, pos, end)) >= 0) {
        (p ??= blankPrefix()).tag = text.slice(pos, e - 1);
        last = 'tag';
      }
      if (e === -2 || (e === -1 && last === 'host')) return null;
      if (e < 0) break;
    }
    n++;
    pos = skipBlanks(text, e, end);
  }
  return new LexedLine(text, p ?? NO_PREFIX, pos, end);
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
