/**
 * Token types of the kernel-log lexer: one line (or one `#012`/`\x0a` segment of a line) at a time.
 *
 * A line is a run of prefix tokens (time stamps, host, tag, level, caller id — see
 * ../../../../shared/reference/kernel-log-formats.md §2 for every transport) followed by message
 * tokens. Prefix tokens are custom patterns that only match while every earlier token of the line
 * was a prefix token, so `[ 1234.567890]` is a time stamp at the start of a line and plain
 * brackets elsewhere. Order matters: Chevrotain takes the first token type that matches, so the
 * specific forms come before the generic ones (`Hex` before `Number`, `KeyEq` before `Word`).
 *
 * Tasks-table rows are one token each (`TaskRow`): they are the bulk of an OOM report, and their
 * columns are split by the row parser with the header's column list.
 */
import { createToken, Lexer, type IToken, type TokenType, type CustomPatternMatcherReturn } from 'chevrotain';

type Matcher = (text: string, offset: number, tokens: IToken[]) => CustomPatternMatcherReturn | RegExpExecArray | null;

/** Prefix token types, filled as they are created; the gate below consults it. */
const prefixTypes = new Set<TokenType>();
/** Time stamps of syslog and journal formats, which always put a host next (not `dmesg -T`/`--time-format iso`). */
const wallTypes = new Set<TokenType>();

function lastType(tokens: IToken[]): TokenType | undefined {
  return tokens.length === 0 ? undefined : tokens[tokens.length - 1]!.tokenType;
}

function atPrefixPosition(tokens: IToken[]): boolean {
  const t = lastType(tokens);
  return t === undefined || prefixTypes.has(t);
}

/** A sticky-regex matcher, built once (Chevrotain examples/lexer/custom_patterns). */
function sticky(source: RegExp, gate: (tokens: IToken[], text: string, offset: number) => boolean): Matcher {
  const re = new RegExp(source.source, 'y');
  return (text, offset, tokens) => {
    if (!gate(tokens, text, offset)) return null;
    re.lastIndex = offset;
    return re.exec(text);
  };
}

const DIGITS = '0123456789'.split('');
const LOWER = 'abcdefghijklmnopqrstuvwxyz'.split('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

function prefixToken(name: string, re: RegExp, hint: string[], gate: (tokens: IToken[], text: string, offset: number) => boolean = atPrefixPosition, wall = false): TokenType {
  const t = createToken({ name, pattern: { exec: sticky(re, gate) }, line_breaks: false, start_chars_hint: hint });
  prefixTypes.add(t);
  if (wall) wallTypes.add(t);
  return t;
}

/**
 * The patterns of the prefix tokens, shared with the lexer's fast path for common prefixes
 * (lexer.ts), which must take exactly what these tokens take.
 */
export const PREFIX_PATTERNS = {
  KmsgHeader: /\d{1,3},\d+,\d+,[-+c](?:,[\w=]*)*;/,
  Level: /<\d{1,3}>/,
  DecodedLevel: /[a-z]+ *:[a-z]+ *:(?= )/,
  AndroidTime: /\d\d-\d\d \d\d:\d\d:\d\d\.\d+/,
  IsoTime: /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?/,
  UnixTime: /\d{9,11}\.\d{6}(?= )/,
  SyslogTime: /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?/,
  FullTime: /[A-Z][a-z]{2} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?: [A-Z][A-Za-z+\-0-9]{1,5})?/,
  CallerId: /\[ *[TC]\d+\]/,
  AndroidContext: /\[pid:\d+,cpu\d+,[^\]\n]*\]/,
  Monotonic: /\[ *\d+\.\d+s?(?: <[ \d.+\-]*>)?\]/,
  CTime: /\[[^\]\n]{0,40}?\d{1,2}:\d\d:\d\d[^\]\n]{0,24}\]/,
  Host: /[A-Za-z0-9][\w.\-:]*(?= [\w.\-\/@()]+(?:\[\d+\])?: ?)/,
  Tag: /[\w.\-\/@()]+(?:\[\d+\])?:(?= |$)/,
} as const;
const P = PREFIX_PATTERNS;

export const WS = createToken({ name: 'WS', pattern: /[ \t]+/, group: Lexer.SKIPPED });

// ---- prefix tokens -------------------------------------------------------------------------

/** `/dev/kmsg` record header `PRI,SEQ,TS_USEC,FLAG[,caller=T1];` (printk.c msg_print_ext_header / info_print_ext_header). */
export const KmsgHeader = prefixToken('KmsgHeader', P.KmsgHeader, DIGITS, (tokens) => tokens.length === 0);
/** syslog(2)-style level `<6>` (also `dmesg -r`). */
export const Level = prefixToken('Level', P.Level, ['<']);
/** `dmesg -x` facility:level `kern  :warn  : `. */
export const DecodedLevel = prefixToken('DecodedLevel', P.DecodedLevel, LOWER, (tokens) => tokens.length === 0);
/** Android vendor prefix `07-13 08:41:51.341` (seen on Huawei kernels, see the corpus). */
export const AndroidTime = prefixToken('AndroidTime', P.AndroidTime, DIGITS);
/** RFC 3164 `Dec  4 00:01:23` (rsyslog), journalctl short/short-precise `Dec 04 00:01:23.123456`. */
export const SyslogTime = prefixToken(
  'SyslogTime',
  P.SyslogTime,
  ['J', 'F', 'M', 'A', 'S', 'O', 'N', 'D'],
  atPrefixPosition,
  true,
);
/** RFC 3339 / ISO 8601 (rsyslog FileFormat, journalctl short-iso[-precise], dmesg --time-format iso). */
export const IsoTime = prefixToken('IsoTime', P.IsoTime, DIGITS, atPrefixPosition, true);
/** journalctl short-full `Wed 2024-12-04 00:01:23 CST`. */
export const FullTime = prefixToken('FullTime', P.FullTime, UPPER, atPrefixPosition, true);
/** journalctl short-unix `1733270483.123456`. */
export const UnixTime = prefixToken('UnixTime', P.UnixTime, DIGITS, atPrefixPosition, true);
/** Seconds since boot `[ 1234.567890]` (dmesg, console, journalctl short-monotonic), `dmesg -d` delta, Android `[309805.658142s]`. */
export const Monotonic = prefixToken('Monotonic', P.Monotonic, ['[']);
/** CONFIG_PRINTK_CALLER id `[ T1234]` / `[  C240]` right after the time stamp. */
export const CallerId = prefixToken('CallerId', P.CallerId, ['['], (tokens) => lastType(tokens) === Monotonic);
/** Android vendor context `[pid:1361,cpu5,comm]`. */
export const AndroidContext = prefixToken('AndroidContext', P.AndroidContext, ['['], (tokens) => lastType(tokens) === Monotonic);
/** `dmesg -T` wall clock in any language: `[Wed Dec  4 00:01:23 2024]`, `[Di Aug 12 03:54:03 2025]`. */
export const CTime = prefixToken('CTime', P.CTime, ['[']);
/**
 * Syslog host: right after a wall-clock time, or after a monotonic time when a `kernel:` tag
 * follows (journalctl short-monotonic). Must be followed by a tag.
 */
export const Host = prefixToken('Host', P.Host, [...LOWER, ...UPPER, ...DIGITS], (tokens, text, offset) => {
  const t = lastType(tokens);
  // `dmesg --time-format iso` writes `,uuuuuu` and no host; rsyslog and journalctl write `.` or no fraction.
  if (t !== undefined && wallTypes.has(t)) return !(t === IsoTime && tokens[tokens.length - 1]!.image.includes(','));
  return t === Monotonic && tokens.length === 1 && text.startsWith(' kernel:', text.indexOf(' ', offset));
});
/** Syslog tag `kernel:` or `systemd-coredump[7888]:` right after the host. */
export const Tag = prefixToken('Tag', P.Tag, [...LOWER, ...UPPER, ...DIGITS, '_', '(', '.', '/', '@'], (tokens) => lastType(tokens) === Host);

// ---- message tokens ------------------------------------------------------------------------

/** A whole tasks-table row `[  pid  ] uid tgid total_vm rss … name` (oom_kill.c dump_task). */
export const TaskRow = createToken({
  name: 'TaskRow',
  pattern: { exec: sticky(/\[ *\d+\](?:[ \t]+-?\d+){5,}(?:[ \t][^]*)?$/, atPrefixPosition) },
  line_breaks: false,
  start_chars_hint: ['['],
});
export const Hex = createToken({ name: 'Hex', pattern: /0x[0-9a-fA-F]+/ });
/** `12345kB` — every memory figure of the OOM report that is not in pages (K() macro). */
export const SizeKB = createToken({ name: 'SizeKB', pattern: /\d+[kK]B/ });
export const Number = createToken({ name: 'Number', pattern: /-?\d+(?:\.\d+)?/ });
export const KeyEq = createToken({ name: 'KeyEq', pattern: /[A-Za-z_][\w.\-]*=/ });
export const KeyColon = createToken({ name: 'KeyColon', pattern: /[A-Za-z_][\w.\-+]*(?:\(\w+\))?\??:/ });
export const Word = createToken({ name: 'Word', pattern: /[A-Za-z_$][\w.\-\/$]*/ });
export const Path = createToken({ name: 'Path', pattern: /\/[\w.\-\/@:%+~]*/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Punct = createToken({ name: 'Punct', pattern: /[[\]{}<>;:=|+*?#!%&~^@"'`\\.\-$]/ });
/** Anything outside ASCII (UTF-8 comm names, U+FFFD from undecodable bytes). */
export const NonAscii = createToken({ name: 'NonAscii', pattern: /[\u0080-\uffff]+/ });
export const Control = createToken({ name: 'Control', pattern: /[\x00-\x08\x0a-\x1f\x7f]+/, line_breaks: true });

export const allTokens: TokenType[] = [
  WS,
  KmsgHeader,
  Level,
  DecodedLevel,
  AndroidTime,
  IsoTime,
  UnixTime,
  SyslogTime,
  FullTime,
  CallerId,
  AndroidContext,
  Monotonic,
  CTime,
  Host,
  Tag,
  TaskRow,
  Hex,
  SizeKB,
  Number,
  KeyEq,
  KeyColon,
  Word,
  Path,
  LParen,
  RParen,
  Comma,
  Punct,
  NonAscii,
  Control,
];

/**
 * The rest of the line after the prefix, as one token: the prefix lexer's last token. Message
 * tokens are only made when a line needs them (key=value fields), which keeps the bulk of a
 * report (frames, stats, rows) cheap.
 */
export const Rest = createToken({
  name: 'Rest',
  pattern: { exec: (text: string, offset: number) => (offset < text.length ? [text.slice(offset)] as [string] : null) },
  line_breaks: true,
  // Every UTF-16 code unit may start the rest of a line; saying so keeps the lexer's
  // first-character optimization on.
  start_chars_hint: Array.from({ length: 0x10000 }, (_, i) => i),
});

/** Prefix tokens then the rest of the line; the full `allTokens` tokenizes messages. */
export const prefixTokens: TokenType[] = [WS, KmsgHeader, Level, DecodedLevel, AndroidTime, IsoTime, UnixTime, SyslogTime, FullTime, CallerId, AndroidContext, Monotonic, CTime, Host, Tag, Rest];
