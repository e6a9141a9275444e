/** A minimal LSP client over the bundled server's stdio, for protocol tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ROOT } from '../helpers.js';

export interface Client {
  conn: MessageConnection;
  child: ChildProcess;
  notifications: { method: string; params: any }[];
  /** Resolves with the first notification matching, waiting for it if needed. */
  waitFor(method: string, pred?: (params: any) => boolean, timeoutMs?: number): Promise<any>;
  stop(): Promise<void>;
  stderr(): string;
}

export async function startClient(opts: { locale?: string; settings?: Record<string, unknown> } = {}): Promise<Client> {
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const notifications: { method: string; params: any }[] = [];
  const waiters: { method: string; pred: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  conn.onNotification((method, params) => {
    notifications.push({ method, params });
    for (const w of [...waiters]) {
      if (w.method === method && w.pred(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => opts.settings ?? {}));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    locale: opts.locale ?? 'en',
    capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
  });
  await conn.sendNotification('initialized', {});
  return {
    conn,
    child,
    notifications,
    waitFor(method, pred = () => true, timeoutMs = 20000) {
      const hit = notifications.find((n) => n.method === method && pred(n.params));
      if (hit) return Promise.resolve(hit.params);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}; stderr: ${err}`)), timeoutMs);
        waiters.push({ method, pred, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async stop() {
      await conn.sendRequest('shutdown');
      // The client sends no `exit` here (STYLE.md); ending stdin closes the server.
      conn.dispose();
      child.stdin!.end();
      await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    },
    stderr: () => err,
  };
}
