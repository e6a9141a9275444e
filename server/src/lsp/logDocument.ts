/**
 * A text document for logs of any size: positions go through our LineIndex, which an edit patches
 * (LineIndex.edited) instead of rescanning the text. vscode-languageserver-textdocument computes
 * every line offset on first use, which holds the event loop for 150 ms on a 48 MiB log. The text
 * is kept in pieces (ChunkedText): an edit copies one piece, not the whole text.
 */
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ChunkedText } from '../core/text/chunked.js';
import { LineIndex } from '../core/text/lines.js';
import { offsetAt, positionAt } from './convert.js';

export class LogDocument {
  private text: ChunkedText;
  private idx: LineIndex | null = null;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    text: string,
  ) {
    this.text = ChunkedText.from(text);
  }

  /** The text, in pieces: read it with slice, charCodeAt and indexOf. */
  get source(): ChunkedText {
    return this.text;
  }

  get length(): number {
    return this.text.length;
  }

  /** The line index: adopted from an analysis of this text, else built on first need. */
  get index(): LineIndex {
    this.idx ??= new LineIndex(this.text);
    return this.idx;
  }

  /** An index built elsewhere for exactly this text (the analysis builds one piece by piece). */
  adopt(index: LineIndex): void {
    if (index.text === this.text) this.idx = index;
  }

  get lineCount(): number {
    return this.index.count;
  }

  offsetAt(p: Position): number {
    // LSP positions may point past a line's end or at its break; clamp as TextDocument does.
    const idx = this.index;
    if (p.line >= idx.count) return this.text.length;
    if (p.line < 0) return 0;
    return offsetAt(idx, p);
  }

  positionAt(offset: number): Position {
    return positionAt(this.index, Math.max(0, Math.min(offset, this.text.length)));
  }

  /**
   * Applies one change and returns the edit as offsets in the text before it (null for a
   * whole-text replacement).
   */
  apply(change: TextDocumentContentChangeEvent, version: number): { start: number; end: number; text: string } | null {
    this.version = version;
    if (!('range' in change)) {
      this.text = ChunkedText.from(change.text);
      this.idx = null;
      return null;
    }
    const start = this.offsetAt(change.range.start);
    const end = Math.max(start, this.offsetAt(change.range.end));
    const next = this.text.edit(start, end, change.text);
    this.idx = this.index.edited(next, start, end, change.text);
    this.text = next;
    return { start, end, text: change.text };
  }
}
