/**
 * The language server over any connection (stdio, node-ipc, or an in-memory pair in tests):
 * capabilities, settings pulled per resource, per-version analysis, and the features of
 * ../features/ turned into LSP types. Only this folder knows LSP.
 */
import {
  DiagnosticSeverity,
  ErrorCodes,
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
import { TextDocument } from 'vscode-languageserver-textdocument';
import { langFromLocale, type Lang } from '../core/l10n/l10n.js';
import { diagnostics, type Severity } from '../features/diagnostics.js';
import { foldingRanges } from '../features/folding.js';
import { hover } from '../features/hover.js';
import { documentSymbols } from '../features/symbols.js';
import { tasksTableResult } from '../features/taskTable.js';
import { isTasksTableParams, TasksTableRequest, type TasksTableResult } from '../webviewProtocol.js';
import { EventCountsNotification, type EventCounts, type Settings } from '../protocol.js';
import { lineRange, linesRange, offsetAt, positionAt } from './convert.js';
import { AnalysisCache, type Analysed } from './documents.js';
import { DEFAULT_SETTINGS, normalizeSettings } from './settings.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Debounce of re-analysis while typing. */
const VALIDATE_DELAY_MS = 200;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const settings = new Map<string, Promise<Settings>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let canPullConfiguration = false;
  let clientLocale: string | undefined;

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    const opts = (params.initializationOptions ?? {}) as { locale?: string };
    clientLocale = opts.locale ?? params.locale;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        foldingRangeProvider: true,
        documentSymbolProvider: true,
        hoverProvider: true,
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
  function served(doc: TextDocument, s: Settings): boolean {
    return doc.languageId !== 'log' || s.plainLogFiles;
  }

  async function analysed(uri: string): Promise<{ a: Analysed; s: Settings } | null> {
    const doc = documents.get(uri);
    if (!doc) return null;
    const s = await getSettings(uri);
    if (!served(doc, s)) return null;
    return { a: cache.get(doc, s.kernel), s };
  }

  function schedule(doc: TextDocument, delay = VALIDATE_DELAY_MS): void {
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
    const { analysis, index } = cache.get(doc, s.kernel);
    const byKind: Record<string, number> = {};
    for (const ev of analysis.events) byKind[ev.kind] = (byKind[ev.kind] ?? 0) + 1;
    let limitReached = false;
    let diags: Diagnostic[] = [];
    if (s.diagnostics.enable) {
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
    }
    await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diags });
    const counts: EventCounts = { uri, version: doc.version, total: analysis.events.length, byKind, limitReached };
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
    const r = await analysed(p.textDocument.uri);
    if (!r) return null;
    const { index, text, analysis } = r.a;
    const offset = offsetAt(index, p.position);
    const line = index.lineAt(offset);
    const h = hover({ analysis, text, offset, line, lineStart: index.starts[line]!, lineEnd: index.ends[line]!, lang: langOf(r.s) });
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: positionAt(index, h.start), end: positionAt(index, h.end) } };
  });

  connection.onRequest(TasksTableRequest, async (p: unknown): Promise<TasksTableResult> => {
    if (!isTasksTableParams(p)) throw new ResponseError(ErrorCodes.InvalidParams, 'kernelTriage/tasksTable: expected { uri, line?, index? }');
    const r = await analysed(p.uri);
    const lang = langOf(r ? r.s : await getSettings(p.uri));
    return tasksTableResult(r ? r.a.analysis : null, p, lang);
  });

  documents.listen(connection);
}
