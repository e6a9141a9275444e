/**
 * Per-version analysis cache (vscode-extension-samples lsp-embedded-language-service
 * languageModelCache.ts style). A document is analysed once per version, in pieces of about
 * 128 KiB with a turn of the event loop between them, so hovers and other requests are answered
 * during a long first analysis, and a newer version stops an older one.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LogDocument } from './logDocument.js';
import { Analyzer } from '../core/analyze.js';
import { reanalyseSteps, type Edit } from '../core/incremental.js';
import type { Analysis } from '../core/model/events.js';
import type { TextSource } from '../core/text/chunked.js';
import { LineIndex } from '../core/text/lines.js';

export interface Analysed {
  version: number;
  analysis: Analysis;
  index: LineIndex;
  text: TextSource;
}

/** About 10–20 ms of analysis: the longest the event loop is held. */
const PIECE = 128 * 1024;
/** Longest stretch of re-analysis between pauses. */
const STEP_MS = 15;

export class Cancelled extends Error {}

export interface Progress {
  report(fraction: number): void;
}

/** Above this many edits since the last analysis, a full analysis is cheaper than replaying them. */
const MAX_REPLAY = 64;

export class AnalysisCache {
  private cache = new Map<string, Analysed>();
  private running = new Map<string, { version: number; promise: Promise<Analysed> }>();
  /** What a running first analysis has settled so far: hovers need not wait for the rest. */
  private partial = new Map<string, Analysed>();
  /** Edits since the cached analysis, per document: offsets in the text before each edit. */
  private edits = new Map<string, { version: number; edits: Edit[] | null }>();

  /**
   * The TextDocuments `update` hook: applies the changes one by one, noting each as an offset
   * edit, so the next analysis can re-analyse only around them.
   */
  update(doc: LogDocument, changes: TextDocumentContentChangeEvent[], version: number): LogDocument {
    const log = this.edits.get(doc.uri) ?? { version: doc.version, edits: [] };
    for (const c of changes) {
      const edit = doc.apply(c, version);
      // A whole-text replacement, or too many edits: analyse again.
      if (edit && log.edits && log.edits.length < MAX_REPLAY) log.edits.push(edit);
      else log.edits = null;
    }
    this.edits.set(doc.uri, log);
    return doc;
  }

  /** The analysis of the document's current version (its last one while a newer is under way, when `stale` is allowed). */
  peek(uri: string): Analysed | undefined {
    return this.cache.get(uri);
  }

  isRunning(uri: string): boolean {
    return this.running.has(uri);
  }

  /** The settled part of a running analysis (events up to some line), when there is no finished one. */
  peekPartial(uri: string): Analysed | undefined {
    return this.partial.get(uri);
  }

  get(doc: LogDocument, kernel: string, current: () => number | undefined, progress?: Progress): Promise<Analysed> {
    const hit = this.cache.get(doc.uri);
    if (hit && hit.version === doc.version) return Promise.resolve(hit);
    const run = this.running.get(doc.uri);
    if (run && run.version === doc.version) return run.promise;
    const text = doc.source;
    // One analysis of a document at a time: a re-analysis pauses to let requests in, and the next
    // one starts from its result (a full first analysis stops by itself when it is superseded).
    const before = run?.promise.then(
      () => undefined,
      () => undefined,
    );
    const promise = (before ? before.then(() => this.analyse(doc, kernel, current, progress)) : this.analyse(doc, kernel, current, progress)).finally(() => {
      if (this.running.get(doc.uri)?.promise === promise) this.running.delete(doc.uri);
      // A cancelled or failed run must not leave its partial answers behind.
      if (this.partial.get(doc.uri)?.text === text) this.partial.delete(doc.uri);
    });
    this.running.set(doc.uri, { version: doc.version, promise });
    return promise;
  }

  /** Bumped per document when it is closed (all when the settings change): analyses begun before do not store their result. */
  private generations = new Map<string, number>();
  private generationAll = 0;

  private generationOf(uri: string): string {
    return `${this.generationAll}/${this.generations.get(uri) ?? 0}`;
  }

  private async analyse(doc: LogDocument, kernel: string, current: () => number | undefined, progress?: Progress): Promise<Analysed> {
    const generation = this.generationOf(doc.uri);
    const store = (entry: Analysed): Analysed => {
      if (generation !== this.generationOf(doc.uri)) throw new Cancelled(`${doc.uri} was closed or the settings changed`);
      this.cache.set(doc.uri, entry);
      return entry;
    };
    const version = doc.version;
    const prev = this.cache.get(doc.uri);
    // An analysis that waited for the one before may find its version done already.
    if (prev && prev.version === version) return prev;
    const log = this.edits.get(doc.uri);
    this.edits.delete(doc.uri);
    if (prev && log && log.edits && log.version === prev.version) {
      // Only the events around the edits are analysed again, in steps of at most about STEP_MS
      // with requests let in between (more edits may arrive meanwhile: they wait for this result).
      let cur = { analysis: prev.analysis, index: prev.index, text: prev.text };
      const opts = kernel ? { kernel } : {};
      // The document already has the last text and its index.
      const source = doc.source;
      const docIndex = doc.index;
      let t = performance.now();
      for (const [i, e] of log.edits.entries()) {
        const last = i === log.edits.length - 1;
        const steps = reanalyseSteps(cur, e, opts, last ? source : undefined, last ? docIndex : undefined);
        let r = steps.next();
        while (!r.done) {
          if (performance.now() - t > STEP_MS) {
            await new Promise<void>((res) => setImmediate(res));
            t = performance.now();
          }
          r = steps.next();
        }
        cur = r.value;
      }
      const entry: Analysed = { version, analysis: cur.analysis, index: cur.index, text: source };
      doc.adopt(cur.index);
      return store(entry);
    }
    const text = doc.source;
    const a = new Analyzer({ fields: true, ...(kernel ? { kernel } : {}) });
    // Pieces end after a `\n`, so a `\r\n` pair never straddles two; each piece's line index is
    // made once, for the analysis and for the document's index.
    const starts: Uint32Array[] = [];
    const ends: Uint32Array[] = [];
    const settled: Analysis['events'] = [];
    let pos = 0;
    let line = 0;
    while (pos < text.length || line === 0) {
      const nl = text.indexOf('\n', Math.min(text.length, pos + PIECE));
      const end = nl === -1 ? text.length : nl + 1;
      const piece = text.slice(pos, end);
      const idx = new LineIndex(piece);
      a.feed(piece, line, pos, idx);
      starts.push(idx.starts.map((x) => x + pos));
      ends.push(idx.ends.map((x) => x + pos));
      line += idx.count;
      pos = end;
      if (pos >= text.length) break;
      settled.push(...a.drain());
      if (!this.cache.has(doc.uri) && settled.length > 0) {
        const last = settled[settled.length - 1]!;
        // The index of the lines so far is built when a request needs it, not after every piece.
        let index: LineIndex | null = null;
        const n = line;
        const parts = { starts: starts.slice(), ends: ends.slice() };
        this.partial.set(doc.uri, {
          version: -1,
          analysis: { lines: last.endLine + 1, events: settled.slice(), problems: [] },
          get index(): LineIndex {
            index ??= new LineIndex(text, { starts: concat(parts.starts, n), ends: concat(parts.ends, n) });
            return index;
          },
          text,
        });
      }
      progress?.report(pos / text.length);
      await new Promise<void>((r) => setImmediate(r));
      if (current() !== version) throw new Cancelled(`version ${version} superseded`);
    }
    const index = new LineIndex(text, { starts: concat(starts, line), ends: concat(ends, line) });
    const fin = a.finish();
    fin.events = [...settled, ...fin.events];
    this.partial.delete(doc.uri);
    const entry: Analysed = { version, analysis: fin, index, text };
    entry.analysis.lines = index.count;
    doc.adopt(index);
    return store(entry);
  }

  delete(uri: string): void {
    this.generations.set(uri, (this.generations.get(uri) ?? 0) + 1);
    this.cache.delete(uri);
    this.running.delete(uri);
    this.edits.delete(uri);
    this.partial.delete(uri);
  }

  clear(): void {
    this.generationAll++;
    this.cache.clear();
    this.running.clear();
    this.edits.clear();
    this.partial.clear();
  }
}

function concat(parts: Uint32Array[], n: number): Uint32Array {
  const out = new Uint32Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
