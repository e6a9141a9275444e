/**
 * `key=value` and `key:value` pairs from a line's tokens, each with its located value. Used for the
 * OOM trigger line (fields in any order), `oom-kill:`, kill and reaper lines, Mem-Info and memcg lines.
 */
import type { IToken } from 'chevrotain';
import { Comma, KeyColon, KeyEq, LParen, RParen } from '../lexer/tokens.js';

export interface KV {
  key: string;
  /** Value text as printed (may be empty). */
  value: string;
  /** Absolute offsets of the key start and the value. */
  keyStart: number;
  start: number;
  end: number;
}

/**
 * Values end at a comma (outside parentheses) or where the next key begins; `key:value` values
 * also end at a blank. A comma followed by
 * something that is not a key stays in the value, so `task=a,b,pid=1` keeps the comm `a,b` and
 * a cgroup path with commas survives.
 */
export function keyValues(text: string, tokens: IToken[], base: number, from = 0): KV[] {
  const out: KV[] = [];
  const n = tokens.length;
  let i = from;
  while (i < n) {
    const t = tokens[i]!;
    if (t.tokenType !== KeyEq && t.tokenType !== KeyColon) {
      if (isFlagWord(t)) out.push({ key: t.image, value: '', keyStart: base + t.startOffset, start: base + end(t), end: base + end(t) });
      i++;
      continue;
    }
    // `key=value` lists are comma-separated and a value may hold blanks (a comm, a cgroup name);
    // `key:value` lists are blank-separated, with at most one blank after the colon.
    const blankEnds = t.tokenType === KeyColon;
    const key = t.image.slice(0, -1);
    const keyStart = base + t.startOffset;
    let j = i + 1;
    let depth = 0;
    let last = -1;
    for (; j < n; j++) {
      const u = tokens[j]!;
      const ty = u.tokenType;
      if (depth === 0 && (ty === KeyEq || ty === KeyColon)) {
        // `key:value key2:value2` (separated by blanks) or `a=b,c=d` handled by the comma rule.
        if (u.startOffset > end(tokens[j - 1]!) || j === i + 1) break;
      }
      if (blankEnds && j > i + 1 && depth === 0 && u.startOffset > end(tokens[j - 1]!)) break;
      if (ty === LParen) depth++;
      else if (ty === RParen) depth = Math.max(0, depth - 1);
      else if (ty === Comma && depth === 0) {
        const next = tokens[j + 1];
        if (next === undefined || next.tokenType === KeyEq || next.tokenType === KeyColon || isFlagWord(next) || next.startOffset > end(u)) break;
      }
      last = j;
    }
    if (last === -1) {
      const at = base + end(t);
      out.push({ key, value: '', keyStart, start: at, end: at });
    } else {
      const s = base + tokens[i + 1]!.startOffset;
      const e = base + end(tokens[last]!);
      out.push({ key, value: text.slice(s, e), keyStart, start: s, end: e });
    }
    i = j;
  }
  return out;
}

/** Bare words that stand as fields between commas in `oom-kill:` (`global_oom`). */
function isFlagWord(t: IToken): boolean {
  return t.image === 'global_oom';
}

/** Exclusive end offset (the lexer tracks start offsets only, which is cheaper). */
export function end(t: IToken): number {
  return t.startOffset + t.image.length;
}

export function kvMap(list: KV[]): Map<string, KV> {
  const m = new Map<string, KV>();
  for (const kv of list) if (!m.has(kv.key)) m.set(kv.key, kv);
  return m;
}

/** `123kB` / `123KB` / `123` → 123; anything else → null. */
export function num(v: string | undefined): number | null {
  if (v === undefined) return null;
  const m = /^(-?\d+)(?:[kK]B)?$/.exec(v.trim());
  return m ? Number(m[1]) : null;
}
