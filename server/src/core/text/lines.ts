/**
 * Physical lines as VS Code sees them: breaks are `\n`, `\r\n` and a lone `\r`; offsets are UTF-16
 * code units (CONVENTIONS.md "Positions").
 */
import type { TextSource } from './chunked.js';

export class LineIndex {
  /** Start offset of each line. */
  readonly starts: Uint32Array;
  /** End offset of each line's content (before its break). */
  readonly ends: Uint32Array;
  readonly count: number;

  constructor(
    readonly text: TextSource,
    arrays?: { starts: Uint32Array; ends: Uint32Array },
  ) {
    const { starts, ends } = arrays ?? scanLines(text, 0, text.length, true);
    this.starts = starts;
    this.ends = ends;
    this.count = starts.length;
  }

  /**
   * The index of `text` after replacing `[start, end)` of the old text by `inserted`: only the
   * lines the edit touched are scanned again, from the old text and the inserted one, so the new
   * text (a concatenation V8 would copy whole on first access) is not read.
   */
  edited(text: TextSource, start: number, end: number, inserted: string): LineIndex {
    let a = this.lineAt(start);
    // A `\n` inserted right after a lone `\r` joins it into one break: rescan the line before too.
    if (a > 0 && this.starts[a] === start && this.text.charCodeAt(start - 1) === 13) a--;
    const b = this.lineAt(end);
    const delta = inserted.length - (end - start);
    const from = this.starts[a]!;
    const last = b + 1 >= this.count;
    const oldTo = last ? this.text.length : this.starts[b + 1]!;
    const piece = this.text.slice(from, start) + inserted + this.text.slice(end, oldTo);
    // The piece is the whole text only when the edit left it empty (then one empty line).
    const region = scanLines(piece, 0, piece.length, last && from === 0);
    const tail = last ? 0 : this.count - (b + 1);
    const n = a + region.starts.length + tail;
    const starts = new Uint32Array(n);
    const ends = new Uint32Array(n);
    starts.set(this.starts.subarray(0, a));
    ends.set(this.ends.subarray(0, a));
    for (let i = 0; i < region.starts.length; i++) {
      starts[a + i] = region.starts[i]! + from;
      ends[a + i] = region.ends[i]! + from;
    }
    const at = a + region.starts.length;
    for (let i = 0; i < tail; i++) {
      starts[at + i] = this.starts[b + 1 + i]! + delta;
      ends[at + i] = this.ends[b + 1 + i]! + delta;
    }
    return new LineIndex(text, { starts, ends });
  }

  /** 0-based line containing `offset` (binary search). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  lineText(line: number): string {
    return this.text.slice(this.starts[line]!, this.ends[line]!);
  }
}

/**
 * The lines of `text[from, to)`. `atEnd`: the range ends the text, so an empty text is one empty
 * line; otherwise the range ends right after a line break.
 */
function scanLines(text: TextSource, from: number, to: number, atEnd: boolean): { starts: Uint32Array; ends: Uint32Array } {
  let starts = new Uint32Array(1024);
  let ends = new Uint32Array(1024);
  let n = 0;
  const push = (s: number, e: number): void => {
    if (n === starts.length) {
      const ns = new Uint32Array(n * 2);
      ns.set(starts);
      starts = ns;
      const ne = new Uint32Array(n * 2);
      ne.set(ends);
      ends = ne;
    }
    starts[n] = s;
    ends[n] = e;
    n++;
  };
  // Look for a CR only inside the range: an edit's few lines must not scan a 50 MiB text.
  let hasCR = false;
  if (to - from < 1 << 16) {
    for (let i = from; i < to && !hasCR; i++) hasCR = text.charCodeAt(i) === 13;
  } else {
    const i = text.indexOf('\r', from);
    hasCR = i !== -1 && i < to;
  }
  if (!hasCR) {
    let pos = from;
    while (pos < to) {
      const nl = text.indexOf('\n', pos);
      if (nl === -1 || nl >= to) {
        push(pos, to);
        break;
      }
      push(pos, nl);
      pos = nl + 1;
    }
  } else {
    let s = from;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        push(s, i);
        s = i + 1;
      } else if (c === 13) {
        push(s, i);
        if (i + 1 < to && text.charCodeAt(i + 1) === 10) i++;
        s = i + 1;
      }
    }
    if (s < to) push(s, to);
  }
  // An empty text is one empty line (as an editor shows it); text ending in a break has no extra line.
  if (n === 0 && atEnd && from === 0) push(from, from);
  return { starts: starts.slice(0, n), ends: ends.slice(0, n) };
}
