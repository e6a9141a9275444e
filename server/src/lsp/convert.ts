/** Core offsets and 0-based lines → LSP positions and ranges: the only place that converts. */
import type { Position, Range } from 'vscode-languageserver';
import type { LineIndex } from '../core/text/lines.js';

export function lineRange(index: LineIndex, line: number): Range {
  const l = Math.max(0, Math.min(line, index.count - 1));
  return { start: { line: l, character: 0 }, end: { line: l, character: index.ends[l]! - index.starts[l]! } };
}

export function linesRange(index: LineIndex, startLine: number, endLine: number): Range {
  const a = lineRange(index, startLine);
  const b = lineRange(index, endLine);
  return { start: a.start, end: b.end };
}

export function positionAt(index: LineIndex, offset: number): Position {
  const line = index.lineAt(offset);
  return { line, character: Math.max(0, Math.min(offset, index.ends[line]!) - index.starts[line]!) };
}

export function offsetAt(index: LineIndex, p: Position): number {
  const line = Math.max(0, Math.min(p.line, index.count - 1));
  return Math.min(index.starts[line]! + p.character, index.ends[line]!);
}
