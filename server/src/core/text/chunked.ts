/**
 * A long text kept as a list of flat pieces of about 256 KiB, cut after line breaks. An edit
 * replaces the piece (or pieces) it touches; nothing builds the whole text again. A JS string edited
 * as `a.slice(0, s) + x + a.slice(e)` is a concatenation that V8 copies whole on its first read
 * (30 to 140 ms for 48 MiB, one block of the event loop); a piece is copied in well under a
 * millisecond.
 */

/** What the analysis and the features read from a text: a JS string is one. */
export interface TextSource {
  readonly length: number;
  slice(start?: number, end?: number): string;
  charCodeAt(index: number): number;
  indexOf(search: string, position?: number): number;
}

/** Pieces are cut at the first line break after this many characters (an edit copies one). */
const PIECE = 256 << 10;

export class ChunkedText implements TextSource {
  private constructor(
    private readonly pieces: readonly string[],
    /** Offset of each piece in the whole text. */
    private readonly starts: readonly number[],
    readonly length: number,
    /** Piece size (tests use small ones). */
    private readonly piece: number,
  ) {}

  static from(text: string, piece = PIECE): ChunkedText {
    const pieces = cut(text, piece);
    return new ChunkedText(pieces, offsets(pieces), text.length, piece);
  }

  /** The piece holding `offset` (the last piece for the end of the text). */
  private at(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  charCodeAt(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    const i = this.at(index);
    return this.pieces[i]!.charCodeAt(index - this.starts[i]!);
  }

  slice(start = 0, end = this.length): string {
    // String.prototype.slice bounds: negative counts from the end.
    const len = this.length;
    let a = start < 0 ? Math.max(len + start, 0) : Math.min(start, len);
    const b = end < 0 ? Math.max(len + end, 0) : Math.min(end, len);
    if (a >= b) return '';
    let i = this.at(a);
    let out = '';
    while (a < b) {
      const p = this.pieces[i]!;
      const ps = this.starts[i]!;
      const take = p.slice(a - ps, Math.min(b - ps, p.length));
      out = out === '' ? take : out + take;
      a = ps + p.length;
      i++;
    }
    return out;
  }

  indexOf(search: string, position = 0): number {
    let from = Math.max(0, Math.min(position, this.length));
    if (search.length === 0) return from;
    for (let i = this.at(from); i < this.pieces.length; i++) {
      const p = this.pieces[i]!;
      const ps = this.starts[i]!;
      const r = p.indexOf(search, from - ps);
      if (r !== -1) return ps + r;
      // A match that straddles this piece and the next.
      if (search.length > 1 && i + 1 < this.pieces.length) {
        const lo = Math.max(from, ps + p.length - search.length + 1);
        const r2 = this.slice(lo, ps + p.length + search.length - 1).indexOf(search);
        if (r2 !== -1) return lo + r2;
      }
      from = ps + p.length;
    }
    return -1;
  }

  /** The text with `[start, end)` replaced by `inserted`; this one is unchanged. */
  edit(start: number, end: number, inserted: string): ChunkedText {
    const a = this.at(start);
    const b = this.at(end);
    const merged = this.pieces[a]!.slice(0, start - this.starts[a]!) + inserted + this.pieces[b]!.slice(end - this.starts[b]!);
    const mid = merged.length > 2 * this.piece ? cut(merged, this.piece) : merged.length > 0 || this.pieces.length === b - a + 1 ? [flat(merged)] : [];
    const pieces = [...this.pieces.slice(0, a), ...mid, ...this.pieces.slice(b + 1)];
    return new ChunkedText(pieces, offsets(pieces), this.length - (end - start) + inserted.length, this.piece);
  }

  /** The whole text as one string (copies it: for tests and small texts). */
  toString(): string {
    return this.pieces.join('');
  }

  /** How many pieces (for tests). */
  get pieceCount(): number {
    return this.pieces.length;
  }
}

/** Pieces of about `piece` characters, each ending after a line break (the last may not). */
function cut(text: string, piece: number): string[] {
  if (text.length <= piece) return [text];
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    let e = text.indexOf('\n', pos + piece);
    e = e === -1 ? text.length : e + 1;
    out.push(text.slice(pos, e));
    pos = e;
  }
  return out;
}

function offsets(pieces: readonly string[]): number[] {
  const s: number[] = [];
  let at = 0;
  for (const p of pieces) {
    s.push(at);
    at += p.length;
  }
  return s;
}

/** Reading a character makes V8 flatten a concatenation: now, while it is one piece. */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}
