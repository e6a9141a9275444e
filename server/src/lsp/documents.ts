/**
 * Per-version analysis cache (vscode-extension-samples lsp-embedded-language-service
 * languageModelCache.ts style). A document is analysed once per version, in pieces of about
 * 256 KiB with a turn of the event loop between them, so hovers and other requests are answered
 * during a long first analysis, and a newer version stops an older one.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer } from '../core/analyze.js';
import type { Analysis } from '../core/model/events.js';
import { LineIndex } from '../core/text/lines.js';

export interface Analysed {
  version: number;
  analysis: Analysis;
  index: LineIndex;
  text: string;
}

/** About 10–20 ms of analysis: the longest the event loop is held. */
const PIECE = 256 * 1024;

export class Cancelled extends Error {}

export interface Progress {
  report(fraction: number): void;
}

export class AnalysisCache {
  private cache = new Map<string, Analysed>();
  private running = new Map<string, { version: number; promise: Promise<Analysed> }>();

  /** The analysis of the document's current version (its last one while a newer is under way, when `stale` is allowed). */
  peek(uri: string): Analysed | undefined {
    return this.cache.get(uri);
  }

  get(doc: TextDocument, kernel: string, current: () => number | undefined, progress?: Progress): Promise<Analysed> {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return Promise.resolve(hit);
    const run = this.running.get(doc.uri);
    if (run && run.version === doc.version) return run.promise;
    const promise = this.analyse(doc, kernel, current, progress).finally(() => {
      if (this.running.get(doc.uri)?.promise === promise) this.running.delete(doc.uri);
    });
    this.running.set(doc.uri, { version: doc.version, promise });
    return promise;
  }

  private async analyse(doc: TextDocument, kernel: string, current: () => number | undefined, progress?: Progress): Promise<Analysed> {
    const version = doc.version;
    const text = doc.getText();
    const index = new LineIndex(text);
    const a = new Analyzer({ fields: true, ...(kernel ? { kernel } : {}) });
    let line = 0;
    while (line < index.count) {
      // A piece of whole lines of about PIECE characters.
      const start = index.starts[line]!;
      let last = index.lineAt(Math.min(text.length, start + PIECE));
      if (last < line) last = line;
      const end = last + 1 < index.count ? index.starts[last + 1]! : text.length;
      a.feed(text.slice(start, end), line, start);
      line = last + 1;
      if (line < index.count) {
        progress?.report(start / text.length);
        await new Promise<void>((r) => setImmediate(r));
        if (current() !== version) throw new Cancelled(`version ${version} superseded`);
      }
    }
    const entry: Analysed = { version, analysis: a.finish(), index, text };
    entry.analysis.lines = index.count;
    this.cache.set(doc.uri, entry);
    return entry;
  }

  delete(uri: string): void {
    this.cache.delete(uri);
    this.running.delete(uri);
  }

  clear(): void {
    this.cache.clear();
    this.running.clear();
  }
}
