/**
 * The extension: starts the language client, keeps the `kernelTriage.hasEvents` context key in
 * step with the active document. Everything about logs happens in the server.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { EventCountsNotification, type EventCounts } from '../../server/src/protocol.js';
import { registerTaskTable } from './taskTable/panel.js';

let client: LanguageClient | undefined;
/** Latest event counts per document URI. */
const counts = new Map<string, EventCounts>();

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
  client = new LanguageClient('kernelTriage', vscode.l10n.t('Kernel Log Triage'), serverOptions, clientOptions);
  context.subscriptions.push(
    client.onNotification(EventCountsNotification, (c: EventCounts) => {
      counts.set(c.uri, c);
      updateContext();
    }),
    vscode.window.onDidChangeActiveTextEditor(updateContext),
    vscode.workspace.onDidCloseTextDocument((d) => {
      counts.delete(d.uri.toString());
      updateContext();
    }),
  );
  // Before start: a tasks-table panel restored after a reload must find its serializer.
  registerTaskTable(context, () => client);
  await client.start();
  updateContext();
}

function updateContext(): void {
  const uri = vscode.window.activeTextEditor?.document.uri.toString();
  const c = uri ? counts.get(uri) : undefined;
  void vscode.commands.executeCommand('setContext', 'kernelTriage.hasEvents', (c?.total ?? 0) > 0);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
