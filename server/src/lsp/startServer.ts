/**
 * The language server over any connection (stdio, node-ipc, or an in-memory pair in tests):
 * capabilities, settings pulled per resource, per-version analysis, and the features of
 * ../features/ turned into LSP types. Only this folder knows LSP.
 */
import {
  CancellationToken,
  Command,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  DocumentSymbol,
  FoldingRangeKind,
  MarkupKind,
  SymbolKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { LogDocument } from './logDocument.js';
import { langFromLocale, t, type Lang } from '../core/l10n/l10n.js';
import { diagnostics, prepareDiagnostics, type Severity } from '../features/diagnostics.js';
import { foldingRanges } from '../features/folding.js';
import { hover } from '../features/hover.js';
import { documentSymbols } from '../features/symbols.js';
import { tasksTableResult } from '../features/taskTable.js';
import { isTasksTableParams, TasksTableRequest, type TasksTableResult } from '../webviewProtocol.js';
import { EventCountsNotification, type EventCounts, type Settings } from '../protocol.js';
import { lineRange, linesRange, offsetAt, positionAt } from './convert.js';
import { AnalysisCache, Cancelled, type Analysed } from './documents.js';
import { Analyzer } from '../core/analyze.js';
import { markdownReport, oneLine } from '../core/report/summary.js';
import type { KernelEvent } from '../core/model/events.js';
import { oomGroups } from '../features/diagnostics.js';
import { definition, references } from '../features/navigation.js';
import { readLogPieces } from '../node/readLog.js';
import {
  AnalyseFileRequest,
  EventsRequest,
  SummaryRequest,
  type AnalyseFileParams,
  type AnalyseFileResult,
  type EventEntry,
  type EventsParams,
  type SummaryParams,
  type SummaryResult,
} from '../protocol.js';
import { DEFAULT_SETTINGS, normalizeSettings } from './settings.js';
import { registerLoopStats } from './loopStats.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Delay before re-analysing after an edit. None: edits that arrive while an analysis runs wait for
 * it and are taken together (documents.ts), which is the debounce typing needs.
 */
const VALIDATE_DELAY_MS = 0;

export function startServer(connection: Connection): void {
  registerLoopStats(connection);
  const cache = new AnalysisCache();
  // The update hook lets the cache see each edit, for incremental re-analysis.
  const documents = new TextDocuments<LogDocument>({
    create: (uri, languageId, version, content) => new LogDocument(uri, languageId, version, content),
    update: (doc, changes, version) => cache.update(doc, changes, version),
  });
  const settings = new Map<string, Promise<Settings>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let canPullConfiguration = false;
  let canShowProgress = false;
  let clientLocale: string | undefined;

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    canShowProgress = params.capabilities.window?.workDoneProgress === true;
    const opts = (params.initializationOptions ?? {}) as { locale?: string };
    clientLocale = opts.locale ?? params.locale;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        foldingRangeProvider: true,
        documentSymbolProvider: true,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'kernel-triage', version: '0.1.0' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    cache.clear();
    for (const doc of documents.all()) schedule(doc, 0);
  });

  function getSettings(uri: string): Promise<Settings> {
    if (!canPullConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    let s = settings.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'kernelTriage' }).then(normalizeSettings, () => DEFAULT_SETTINGS);
      settings.set(uri, s);
    }
    return s;
  }

  function langOf(s: Settings): Lang {
    return s.explanationLanguage === 'auto' ? langFromLocale(clientLocale) : s.explanationLanguage;
  }

  /** Whether the server serves this document at all (plain `.log` files can be turned off). */
  function served(doc: LogDocument, s: Settings): boolean {
    return doc.languageId !== 'log' || s.plainLogFiles;
  }

  /** Documents above this size get a progress notification while they are analysed. */
  const PROGRESS_FROM = 4 * 1024 * 1024;

  async function analyse(doc: LogDocument, s: Settings): Promise<Analysed> {
    const current = (): number | undefined => documents.get(doc.uri)?.version;
    if (!canShowProgress || doc.length < PROGRESS_FROM || cache.peek(doc.uri)?.version === doc.version) return cache.get(doc, s.kernel, current);
    const p = await connection.window.createWorkDoneProgress();
    p.begin('Kernel Log Triage', 0, 'Analysing…', false);
    try {
      return await cache.get(doc, s.kernel, current, { report: (f) => p.report(Math.round(f * 100)) });
    } finally {
      p.done();
    }
  }

  /**
   * The analysis for a request. While a newer version is being analysed, requests are answered from
   * the last finished analysis (a hover during a long first analysis waits for it).
   */
  async function analysed(uri: string): Promise<{ a: Analysed; s: Settings } | null> {
    const doc = documents.get(uri);
    if (!doc) return null;
    const s = await getSettings(uri);
    if (!served(doc, s)) return null;
    const last = cache.peek(uri);
    if (last && last.version !== doc.version) return { a: last, s };
    try {
      return { a: await analyse(doc, s), s };
    } catch (e) {
      if (e instanceof Cancelled) {
        const again = documents.get(uri);
        return again ? { a: await analyse(again, s), s } : null;
      }
      throw e;
    }
  }

  function schedule(doc: LogDocument, delay = VALIDATE_DELAY_MS): void {
    const old = timers.get(doc.uri);
    if (old) clearTimeout(old);
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        validate(doc.uri).catch((e: unknown) => connection.console.error(`kernel-triage: analysis of ${doc.uri} failed: ${(e as Error).stack ?? e}`));
      }, delay),
    );
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const s = await getSettings(uri);
    if (!served(doc, s)) {
      await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    let a: Analysed;
    try {
      a = await analyse(doc, s);
    } catch (e) {
      if (e instanceof Cancelled) return; // a newer version is on its way
      throw e;
    }
    // The diagnostics in a task of their own: the analysis before them may have held the loop.
    // They are published only for the text the document has now: the document object is the same
    // across versions, so the analysis says which version it read; for an older one, the validation
    // scheduled by the newer edit publishes.
    await new Promise<void>((r) => setImmediate(r));
    const stale = (): boolean => documents.get(uri) !== doc || doc.version !== a.version;
    if (stale()) return;
    const { analysis, index } = a;
    const byKind: Record<string, number> = {};
    for (const ev of analysis.events) byKind[ev.kind] = (byKind[ev.kind] ?? 0) + 1;
    let limitReached = false;
    let diags: Diagnostic[] = [];
    if (s.diagnostics.enable) {
      // What the diagnostics need per event, in slices with pauses between (the first time on a
      // large log this is most of the work; then only for the events an edit re-analysed).
      let t0 = performance.now();
      for (let i = 0; i < analysis.events.length; i += 50) {
        prepareDiagnostics(analysis.events, i, i + 50, langOf(s));
        if (performance.now() - t0 > 15) {
          await new Promise<void>((r) => setImmediate(r));
          if (stale()) return;
          t0 = performance.now();
        }
      }
      const r = diagnostics(analysis, langOf(s), s.diagnostics.maxPerFile);
      limitReached = r.limitReached;
      diags = r.items.map((d) => ({
        severity: SEVERITY[d.severity],
        source: 'kernel-triage',
        code: d.code,
        message: d.message,
        range: lineRange(index, d.line),
        relatedInformation: d.related.map((x) => ({ location: { uri, range: lineRange(index, x.line) }, message: x.message })),
      }));
      // Serialising them is a task of its own.
      await new Promise<void>((r) => setImmediate(r));
      if (stale()) return;
    }
    await connection.sendDiagnostics({ uri, version: a.version, diagnostics: diags });
    const counts: EventCounts = { uri, version: a.version, total: analysis.events.length, byKind, limitReached };
    await connection.sendNotification(EventCountsNotification, counts);
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    settings.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onFoldingRanges(async (p) => {
    const r = await analysed(p.textDocument.uri);
    if (!r) return null;
    return foldingRanges(r.a.analysis).map((f) => ({ startLine: f.startLine, endLine: f.endLine, ...(f.kind ? { kind: FoldingRangeKind.Region } : {}) }));
  });

  connection.onDocumentSymbol(async (p) => {
    const r = await analysed(p.textDocument.uri);
    if (!r) return null;
    const { index } = r.a;
    return documentSymbols(r.a.analysis, langOf(r.s)).map((sym) =>
      DocumentSymbol.create(
        sym.name,
        sym.detail || undefined,
        SymbolKind.Event,
        linesRange(index, sym.startLine, sym.endLine),
        lineRange(index, sym.startLine),
        sym.children.map((c) => DocumentSymbol.create(c.name, undefined, SymbolKind.Field, linesRange(index, c.startLine, c.endLine), lineRange(index, c.startLine))),
      ),
    );
  });

  connection.onHover(async (p) => {
    // During a long first analysis, hovers are answered at once from the part already settled
    // (nothing yet further down: the editor asks again when the pointer moves).
    let r: { a: Analysed; s: Settings } | null;
    const big = (documents.get(p.textDocument.uri)?.length ?? 0) >= PROGRESS_FROM;
    if (!cache.peek(p.textDocument.uri) && (cache.isRunning(p.textDocument.uri) || big)) {
      const part = cache.peekPartial(p.textDocument.uri);
      if (!part || p.position.line >= part.analysis.lines) return null;
      r = { a: part, s: await getSettings(p.textDocument.uri) };
    } else r = await analysed(p.textDocument.uri);
    if (!r) return null;
    const { index, text, analysis } = r.a;
    const offset = offsetAt(index, p.position);
    const line = index.lineAt(offset);
    const h = hover({ analysis, text, offset, line, lineStart: index.starts[line]!, lineEnd: index.ends[line]!, lang: langOf(r.s) });
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: positionAt(index, h.start), end: positionAt(index, h.end) } };
  });

  connection.onDefinition(async (p) => {
    const r = await analysed(p.textDocument.uri);
    if (!r) return null;
    const { index, text, analysis } = r.a;
    const offset = offsetAt(index, p.position);
    const line = index.lineAt(offset);
    const d = definition(analysis, text, offset, line, index.starts[line]!);
    return d ? { uri: p.textDocument.uri, range: lineRange(index, d.line) } : null;
  });

  connection.onReferences(async (p) => {
    const r = await analysed(p.textDocument.uri);
    if (!r) return null;
    const { index, text, analysis } = r.a;
    const offset = offsetAt(index, p.position);
    return references(analysis, text, index.starts, index.ends, offset, index.lineAt(offset)).map((x) => ({
      uri: p.textDocument.uri,
      range: { start: { line: x.line, character: x.start ?? 0 }, end: { line: x.line, character: x.end ?? 0 } },
    }));
  });

  connection.onCodeLens(async (p) => {
    const r = await analysed(p.textDocument.uri);
    if (!r) return null;
    const lang = langOf(r.s);
    const { index } = r.a;
    // One pair of lenses per storm group, not per kill.
    return oomGroups(r.a.analysis).flatMap((g) => {
      const range = lineRange(index, g[0]!.startLine);
      const args = [{ uri: p.textDocument.uri, line: g[0]!.startLine }];
      const count = g.length > 1 ? ` (${g.length})` : '';
      return [
        { range, command: Command.create(t(lang, 'Show Tasks Table') + count, 'kernelTriage.showTasksTable', ...args) },
        { range, command: Command.create(t(lang, 'Copy Summary'), 'kernelTriage.copySummary', ...args) },
      ];
    });
  });

  const entry = (ev: KernelEvent, i: number, lang: Lang): EventEntry => ({ index: i, kind: ev.kind, startLine: ev.startLine, endLine: ev.endLine, time: ev.time, host: ev.host, summary: oneLine(ev, lang) });

  connection.onRequest(EventsRequest, async (p: EventsParams): Promise<EventEntry[]> => {
    if (!p || typeof p.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'kernelTriage/events: expected { uri }');
    const r = await analysed(p.uri);
    if (!r) return [];
    const lang = langOf(r.s);
    return r.a.analysis.events.map((ev, i) => entry(ev, i, lang));
  });

  connection.onRequest(SummaryRequest, async (p: SummaryParams): Promise<SummaryResult> => {
    if (!p || typeof p.uri !== 'string' || !Number.isInteger(p.line)) throw new ResponseError(ErrorCodes.InvalidParams, 'kernelTriage/summary: expected { uri, line }');
    const r = await analysed(p.uri);
    if (!r) return { markdown: null };
    const evs = r.a.analysis.events;
    // The event under the line, else the nearest one before it.
    let ev: KernelEvent | undefined = evs.find((e) => p.line >= e.startLine && p.line <= e.endLine);
    ev ??= [...evs].reverse().find((e) => e.startLine <= p.line) ?? evs[0];
    if (!ev) return { markdown: null };
    const name = decodeURIComponent(p.uri.slice(p.uri.lastIndexOf('/') + 1));
    return { markdown: markdownReport(name, [ev], langOf(r.s)) };
  });

  connection.onRequest(AnalyseFileRequest, async (p: AnalyseFileParams, token: CancellationToken): Promise<AnalyseFileResult> => {
    if (!p || typeof p.path !== 'string' || p.path.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, 'kernelTriage/analyseFile: expected { path }');
    const s = await getSettings(`file://${p.path}`);
    const lang = langOf(s);
    const a = new Analyzer(s.kernel ? { kernel: s.kernel } : {});
    const events: KernelEvent[] = [];
    let size = 0;
    try {
      const { statSync } = await import('node:fs');
      size = statSync(p.path).size;
    } catch {
      // reported by the reader below
    }
    const workDone = canShowProgress ? await connection.window.createWorkDoneProgress() : null;
    workDone?.begin('Kernel Log Triage', 0, p.path, false);
    let done = 0;
    try {
      for await (const piece of readLogPieces(p.path, 1 << 20)) {
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        a.feed(piece);
        events.push(...a.drain());
        done += piece.length;
        if (size > 0) workDone?.report(Math.min(99, Math.round((100 * done) / size)));
        await new Promise<void>((r) => setImmediate(r));
      }
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      return { error: (e as Error).message, lines: 0, events: [], markdown: '' };
    } finally {
      workDone?.done();
    }
    const fin = a.finish();
    events.push(...fin.events);
    const name = p.path.slice(p.path.lastIndexOf('/') + 1);
    return { error: null, lines: fin.lines, events: events.map((ev, i) => entry(ev, i, lang)), markdown: markdownReport(name, events, lang) };
  });

  connection.onRequest(TasksTableRequest, async (p: unknown): Promise<TasksTableResult> => {
    if (!isTasksTableParams(p)) throw new ResponseError(ErrorCodes.InvalidParams, 'kernelTriage/tasksTable: expected { uri, line?, index? }');
    const r = await analysed(p.uri);
    const lang = langOf(r ? r.s : await getSettings(p.uri));
    return tasksTableResult(r ? r.a.analysis : null, p, lang);
  });

  documents.listen(connection);
}
