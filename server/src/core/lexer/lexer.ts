/**
 * One Chevrotain lexer per process (Chevrotain docs, guide/performance: build once, reuse), fed one
 * line or line segment at a time. Returns the line's prefix (time, host, tag, level) and the
 * message tokens, with offsets relative to the segment start (`base` makes them absolute).
 */
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

let lexer: Lexer | undefined;

function getLexer(): Lexer {
  // Built lazily: the CLI's --help and error paths should not pay for it.
  lexer ??= new Lexer(T.allTokens, {
    positionTracking: 'onlyOffset',
    ensureOptimizations: true,
    skipValidations: process.env.KERNEL_TRIAGE_VALIDATE_LEXER !== '1',
  });
  return lexer;
}

/** Build the lexer with Chevrotain's grammar validations on (tests call this once). */
export function validateLexer(): void {
  new Lexer(T.allTokens, { positionTracking: 'onlyOffset', ensureOptimizations: true, skipValidations: false });
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

export interface LexedLine {
  prefix: Prefix;
  /** Absolute offset of the segment start; token offsets are relative to it. */
  base: number;
  /** Message tokens (after the prefix). */
  tokens: IToken[];
  /** Absolute offset where the message starts (first non-blank after the prefix), = end when empty. */
  msgStart: number;
  /** Count of characters the lexer could not place (never happens with the catch-all tokens, kept for safety). */
  errors: number;
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
 * Lexes `text.slice(start, end)`. With `withPrefix` false the segment is a continuation (after
 * `#012` or `\x0a`) and carries the prefix of its physical line instead.
 */
export function lexSegment(text: string, start: number, end: number, inherited?: Prefix): LexedLine {
  const src = text.slice(start, end);
  const result = getLexer().tokenize(src);
  const all = result.tokens;
  let i = 0;
  let prefix: Prefix = inherited ?? NO_PREFIX;
  if (!inherited && all.length > 0 && T.isPrefixToken(all[0]!.tokenType)) {
    const p: Prefix = { kind: 'none', time: null, monotonic: null, host: null, tag: null, level: null, callerId: null };
    for (; i < all.length && T.isPrefixToken(all[i]!.tokenType); i++) {
      const tok = all[i]!;
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
    prefix = p;
  }
  const tokens = i === 0 ? all : all.slice(i);
  const msgStart = tokens.length > 0 ? start + tokens[0]!.startOffset : end;
  return { prefix, base: start, tokens, msgStart, errors: result.errors.length };
}
