/**
 * The extension: starts the language client, keeps the `kernelTriage.hasEvents` context key and
 * the status bar in step with the active document, and owns the commands (Go to Event, Copy
 * Summary, Analyse File on Disk, Show Tasks Table). Everything about logs happens in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  AnalyseFileRequest,
  EventCountsNotification,
  EventsRequest,
  SummaryRequest,
  type AnalyseFileResult,
  type EventCounts,
  type EventEntry,
  type SummaryResult,
} from '../../server/src/protocol.js';
import { registerTaskTable } from './taskTable/panel.js';

let client: LanguageClient | undefined;
/** Latest event counts per document URI. */
const counts = new Map<string, EventCounts>();
let status: vscode.StatusBarItem | undefined;

const KIND_ICON: Record<string, string> = {
  oom: '$(flame)',
  panic: '$(error)',
  oops: '$(bug)',
  segfault: '$(debug-disconnect)',
  coredump: '$(file-binary)',
};

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Kernel logs, and VS Code's plain `log` language (the server skips those when
    // kernelTriage.plainLogFiles is off, and finds nothing quickly in logs without kernel events).
    documentSelector: [{ language: 'kernel-log' }, { language: 'log' }],
    synchronize: { configurationSection: 'kernelTriage' },
    initializationOptions: { locale: vscode.env.language },
    outputChannelName: 'Kernel Log Triage',
  };
  client = new LanguageClient('kernelTriage', 'Kernel Log Triage', serverOptions, clientOptions);
  status = vscode.window.createStatusBarItem('kernelTriage.events', vscode.StatusBarAlignment.Left, 50);
  status.name = vscode.l10n.t('Kernel events');
  status.command = 'kernelTriage.goToEvent';
  context.subscriptions.push(
    status,
    client.onNotification(EventCountsNotification, (c: EventCounts) => {
      counts.set(c.uri, c);
      updateContext();
    }),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.workspace.onDidCloseTextDocument((d) => {
      counts.delete(d.uri.toString());
      updateContext();
    }),
    vscode.commands.registerCommand('kernelTriage.goToEvent', goToEvent),
    vscode.commands.registerCommand('kernelTriage.copySummary', copySummary),
    vscode.commands.registerCommand('kernelTriage.analyseFileOnDisk', analyseFileOnDisk),
  );
  // Before start: a tasks-table panel restored after a reload must find its serializer.
  registerTaskTable(context, () => client);
  await client.start();
  updateContext();
}

function updateContext(): void {
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  const c = uri ? counts.get(uri) : undefined;
  const has = (c?.total ?? 0) > 0;
  void vscode.commands.executeCommand('setContext', 'kernelTriage.hasEvents', has);
  if (!status) return;
  if (!c || !has) {
    status.hide();
    return;
  }
  const parts = Object.entries(c.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${KIND_ICON[k] ?? '$(warning)'} ${n} ${k}`);
  status.text = parts.slice(0, 3).join('  ') + (parts.length > 3 ? ' …' : '');
  status.tooltip = vscode.l10n.t('Kernel events in this log: {0}. Click to go to one.', Object.entries(c.byKind).map(([k, n]) => `${n} ${k}`).join(', '));
  status.show();
}

/** A `{ uri, line }` argument from a code lens, validated; else the active editor's cursor. */
function target(arg: unknown): { uri: vscode.Uri; line: number } | null {
  if (arg && typeof arg === 'object' && typeof (arg as { uri?: unknown }).uri === 'string' && Number.isInteger((arg as { line?: unknown }).line)) {
    try {
      return { uri: vscode.Uri.parse((arg as { uri: string }).uri, true), line: (arg as { line: number }).line };
    } catch {
      return null;
    }
  }
  const ed = vscode.window.activeTextEditor;
  return ed ? { uri: ed.document.uri, line: ed.selection.active.line } : null;
}

async function goToEvent(): Promise<void> {
  const ed = vscode.window.activeTextEditor;
  if (!client || !ed) return;
  const events = await client.sendRequest<EventEntry[]>(EventsRequest, { uri: ed.document.uri.toString() });
  if (events.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No kernel events in this document.'));
    return;
  }
  const pick = await vscode.window.showQuickPick(
    events.map((e) => ({
      label: `${KIND_ICON[e.kind] ?? '$(warning)'} ${e.summary}`,
      description: [e.time, e.host].filter(Boolean).join(' · '),
      detail: vscode.l10n.t('lines {0}–{1}', e.startLine + 1, e.endLine + 1),
      event: e,
    })),
    { placeHolder: vscode.l10n.t('Go to a kernel event'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!pick) return;
  const pos = new vscode.Position(pick.event.startLine, 0);
  ed.selection = new vscode.Selection(pos, pos);
  ed.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
}

async function copySummary(arg?: unknown): Promise<void> {
  const at = target(arg);
  if (!client || !at) return;
  const r = await client.sendRequest<SummaryResult>(SummaryRequest, { uri: at.uri.toString(), line: at.line });
  if (!r.markdown) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No kernel events in this document.'));
    return;
  }
  await vscode.env.clipboard.writeText(r.markdown);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Event summary copied as Markdown.'), 3000);
}

/**
 * For logs too large for VS Code to hand to extensions (≥ 50 MiB): the URI comes from the
 * explorer or the active tab, since such documents have no text editor; the server streams the
 * file from disk.
 */
async function analyseFileOnDisk(arg?: unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (!uri && tab instanceof vscode.TabInputText) uri = tab.uri;
  uri ??= vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: vscode.l10n.t('Analyse') });
    uri = picked?.[0];
  }
  if (!uri || !client) return;
  if (uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Only files on disk can be analysed this way: {0}', uri.toString()));
    return;
  }
  const file = uri;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Analysing {0}', file.fsPath), cancellable: true },
    async (_progress, token) => {
      try {
        return await client!.sendRequest<AnalyseFileResult>(AnalyseFileRequest, { path: file.fsPath }, token);
      } catch (e) {
        if (token.isCancellationRequested) return null;
        throw e;
      }
    },
  );
  if (!result) return;
  if (result.error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not analyse {0}: {1}', file.fsPath, result.error));
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.window.showTextDocument(doc, { preview: false });
  void vscode.window.showInformationMessage(vscode.l10n.t('{0} kernel events in {1} lines.', result.events.length, result.lines));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
