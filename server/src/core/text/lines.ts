/**
 * Physical lines as VS Code sees them: breaks are `\n`, `\r\n` and a lone `\r`; offsets are UTF-16
 * code units (CONVENTIONS.md "Positions").
 */
export class LineIndex {
  /** Start offset of each line. */
  readonly starts: Uint32Array;
  /** End offset of each line's content (before its break). */
  readonly ends: Uint32Array;
  readonly count: number;

  constructor(readonly text: string) {
    let starts = new Uint32Array(1024);
    let ends = new Uint32Array(1024);
    let n = 0;
    const len = text.length;
    const hasCR = text.indexOf('\r') !== -1;
    let pos = 0;
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
    if (!hasCR) {
      while (pos <= len) {
        const nl = text.indexOf('\n', pos);
        if (nl === -1) {
          if (pos < len) push(pos, len);
          break;
        }
        push(pos, nl);
        pos = nl + 1;
      }
    } else {
      let s = 0;
      for (let i = 0; i < len; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) {
          push(s, i);
          s = i + 1;
        } else if (c === 13) {
          push(s, i);
          if (i + 1 < len && text.charCodeAt(i + 1) === 10) i++;
          s = i + 1;
        }
      }
      if (s < len) push(s, len);
    }
    if (n === 0) push(0, 0);
    this.starts = starts.subarray(0, n);
    this.ends = ends.subarray(0, n);
    this.count = n;
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
