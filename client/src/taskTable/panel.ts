/**
 * "Kernel Triage: Show Tasks Table": a webview panel beside the editor with the tasks table and
 * memory picture of one OOM event, asked of the language server (`kernelTriage/tasksTable`). It
 * follows the active editor, the cursor (into another OOM event) and edits of the document.
 *
 * The webview is untrusted in both directions: what it shows is log text, and what it sends is
 * validated (isWebviewMessage, then against the document) before anything happens. Its state
 * (event, sort, filter, scroll) lives in the webview's setState, which the serializer gets back
 * after a window reload; retainContextWhenHidden stays off.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  isPanelState,
  isTasksTableResult,
  isWebviewMessage,
  TasksTableRequest,
  type HostMessage,
  type TasksTableParams,
  type TasksTableResult,
  type ThemeKind,
  type WebviewMessage,
} from '../../../server/src/webviewProtocol.js';
import { newNonce, webviewHtml } from './html.js';

export const TASK_TABLE_VIEW_TYPE = 'kernelTriage.tasksTable';
export const SHOW_TASK_TABLE_COMMAND = 'kernelTriage.showTasksTable';

const LOG_LANGUAGES = new Set(['kernel-log', 'log']);
const FOLLOW_DELAY_MS = 250;
const EDIT_DELAY_MS = 400;

type GetClient = () => LanguageClient | undefined;

function themeKind(k: vscode.ColorThemeKind): ThemeKind {
  switch (k) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'dark';
  }
}

function fmt(template: string, ...args: (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

class TaskTablePanel {
  static current: TaskTablePanel | undefined;

  private uri: vscode.Uri | undefined;
  private result: TasksTableResult | undefined;
  private seq = 0;
  private followTimer: ReturnType<typeof setTimeout> | undefined;
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly getClient: GetClient,
  ) {
    const out = vscode.Uri.joinPath(context.extensionUri, 'media', 'out');
    const webview = panel.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [out] };
    webview.html = webviewHtml({
      cspSource: webview.cspSource,
      nonce: newNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(out, 'taskTable.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(out, 'taskTable.css')).toString(),
      title: 'Tasks table',
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      vscode.window.onDidChangeActiveColorTheme((t) => this.post({ type: 'theme', kind: themeKind(t.kind) })),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        if (ed && LOG_LANGUAGES.has(ed.document.languageId) && ed.document.uri.toString() !== this.uri?.toString()) void this.load(ed.document.uri, { line: ed.selection.active.line });
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.onSelection(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() !== this.uri?.toString() || e.contentChanges.length === 0) return;
        if (this.editTimer) clearTimeout(this.editTimer);
        this.editTimer = setTimeout(() => {
          const sel = this.result?.selected;
          const ev = this.result?.events.find((x) => x.index === sel);
          if (this.uri) void this.load(this.uri, { ...(sel != null ? { index: sel } : {}), ...(ev ? { line: ev.startLine } : {}) });
        }, EDIT_DELAY_MS);
      }),
    );
  }

  private post(m: HostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  /** Ask the server for the events of `uri` and the model of one; newer requests win. */
  async load(uri: vscode.Uri, at: { line?: number; index?: number }): Promise<void> {
    const seq = ++this.seq;
    this.uri = uri;
    try {
      const client = this.getClient();
      if (!client) throw new Error('the language server is not running');
      // The server only knows documents that are open: make sure this one is (after a reload it may not be).
      await vscode.workspace.openTextDocument(uri);
      const params: TasksTableParams = { uri: uri.toString(), ...at };
      const res: unknown = await client.sendRequest(TasksTableRequest, params);
      if (seq !== this.seq) return;
      if (!isTasksTableResult(res)) throw new Error('unexpected answer from the language server');
      this.result = res;
      this.panel.title = `${res.labels.title}: ${baseName(uri)}`;
      this.send();
    } catch (e) {
      if (seq !== this.seq) return;
      const msg = e instanceof Error ? e.message : String(e);
      if (this.result) this.post({ type: 'status', level: 'error', text: fmt(this.result.labels.failed, msg) });
      else void vscode.window.showErrorMessage(vscode.l10n.t('Could not load the tasks table: {0}', msg));
    }
  }

  private send(): void {
    const r = this.result;
    if (!r || !this.uri) return;
    this.post({ type: 'events', uri: this.uri.toString(), fileName: baseName(this.uri), events: r.events, selected: r.selected, labels: r.labels });
    this.post({ type: 'model', model: r.model });
  }

  private onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    if (e.textEditor.document.uri.toString() !== this.uri?.toString() || !this.result) return;
    if (e.kind === vscode.TextEditorSelectionChangeKind.Command) return; // our own reveal
    const line = e.selections[0]?.active.line;
    if (line === undefined) return;
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = setTimeout(() => {
      const r = this.result;
      const ev = r?.events.find((x) => x.startLine <= line && line <= x.endLine);
      if (ev && ev.index !== r?.selected && this.uri) void this.load(this.uri, { index: ev.index });
    }, FOLLOW_DELAY_MS);
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isWebviewMessage(raw)) return; // Malformed or unknown: ignored.
    const m: WebviewMessage = raw;
    switch (m.type) {
      case 'ready':
        this.post({ type: 'theme', kind: themeKind(vscode.window.activeColorTheme.kind) });
        if (this.result) this.send();
        break;
      case 'pick':
        // Only an event the picker offered.
        if (this.uri && this.result?.events.some((x) => x.index === m.index)) await this.load(this.uri, { index: m.index });
        break;
      case 'reveal':
        await this.reveal(m.line);
        break;
      case 'copyMarkdown':
        await vscode.env.clipboard.writeText(m.text);
        if (this.result) this.post({ type: 'status', level: 'info', text: fmt(this.result.labels.copied, m.rows) });
        break;
      case 'saveCsv':
        await this.saveCsv(m.text, m.rows);
        break;
    }
  }

  /** Show a 0-based line of the document: only a whole number within the document. */
  private async reveal(line: number): Promise<void> {
    if (!this.uri || !Number.isSafeInteger(line) || line < 0) return;
    const doc = await vscode.workspace.openTextDocument(this.uri);
    if (line >= doc.lineCount) return;
    const range = doc.lineAt(line).range;
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const editor = await vscode.window.showTextDocument(doc, {
      viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One,
      preserveFocus: false,
      selection: new vscode.Selection(range.start, range.start),
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async saveCsv(text: string, rows: number): Promise<void> {
    const r = this.result;
    if (!r || !this.uri) return;
    const n = r.selected !== null ? r.events.findIndex((x) => x.index === r.selected) + 1 : 0;
    const stem = baseName(this.uri).replace(/\.[^.]*$/, '') || 'kernel';
    const name = `${stem}-oom-${n}-tasks.csv`;
    const defaultUri = this.uri.scheme === 'file' ? vscode.Uri.joinPath(this.uri, '..', name) : undefined;
    const target = await vscode.window.showSaveDialog({ ...(defaultUri ? { defaultUri } : {}), filters: { [r.labels.csvFiles]: ['csv'] }, saveLabel: r.labels.saveCsv });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      this.post({ type: 'status', level: 'info', text: fmt(r.labels.saved, rows, target.scheme === 'file' ? target.fsPath : target.toString()) });
    } catch (e) {
      this.post({ type: 'status', level: 'error', text: fmt(r.labels.failed, e instanceof Error ? e.message : String(e)) });
    }
  }

  dispose(): void {
    if (TaskTablePanel.current === this) TaskTablePanel.current = undefined;
    if (this.followTimer) clearTimeout(this.followTimer);
    if (this.editTimer) clearTimeout(this.editTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * Registers the `kernelTriage.showTasksTable` command and the panel serializer. Call it during
 * activation, before awaiting the language client's start, so a panel restored after a window
 * reload finds its serializer.
 */
export function registerTaskTable(context: vscode.ExtensionContext, getClient: GetClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_TASK_TABLE_COMMAND, async (arg?: unknown) => {
      const ed = vscode.window.activeTextEditor;
      const cur = TaskTablePanel.current;
      // From a code lens: `{ uri, line }` of the storm's first event, validated; else the cursor.
      const lens = arg && typeof arg === 'object' && typeof (arg as { uri?: unknown }).uri === 'string' && Number.isInteger((arg as { line?: unknown }).line) ? (arg as { uri: string; line: number }) : null;
      const fromLens = lens !== null && ed !== undefined && ed.document.uri.toString() === lens.uri;
      if (!ed) {
        if (cur) cur.panel.reveal(undefined, false);
        else void vscode.window.showInformationMessage(vscode.l10n.t('Open a kernel log to see the tasks of its OOM events.'));
        return;
      }
      const at = { line: fromLens ? lens.line : ed.selection.active.line };
      if (cur) {
        cur.panel.reveal(vscode.ViewColumn.Beside, true);
        await cur.load(ed.document.uri, at);
        return;
      }
      const panel = vscode.window.createWebviewPanel(
        TASK_TABLE_VIEW_TYPE,
        vscode.l10n.t('Tasks table'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableCommandUris: false, retainContextWhenHidden: false, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media', 'out')] },
      );
      const p = new TaskTablePanel(panel, context, getClient);
      TaskTablePanel.current = p;
      await p.load(ed.document.uri, at);
    }),
    vscode.window.registerWebviewPanelSerializer(TASK_TABLE_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        TaskTablePanel.current?.panel.dispose();
        const p = new TaskTablePanel(panel, context, getClient);
        TaskTablePanel.current = p;
        if (!isPanelState(state)) return;
        let uri: vscode.Uri;
        try {
          uri = vscode.Uri.parse(state.uri, true);
        } catch {
          return;
        }
        // The state comes from the webview: open only local or unsaved documents from it.
        if (uri.scheme !== 'file' && uri.scheme !== 'untitled') return;
        await p.load(uri, state.index !== null ? { index: state.index } : {});
      },
    }),
  );
}
