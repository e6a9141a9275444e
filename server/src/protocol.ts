/**
 * Custom messages between the client and the server, declared once (vscode-eslint
 * `$shared/customMessages.ts` style). The client imports these type-only, plus the method names.
 */

/** Counts of events per kind in one document. */
export interface EventCounts {
  uri: string;
  version: number;
  total: number;
  byKind: Record<string, number>;
  /** Set when the document was too big to diagnose every event (VS Code keeps 1,000 per file). */
  limitReached: boolean;
}

/**
 * `kernelTriage/eventCounts` — server → client notification, sent after each analysis of an open
 * document. Drives the `kernelTriage.hasEvents` context key and the status bar.
 */
export const EventCountsNotification = 'kernelTriage/eventCounts';

/** Settings the server reads (section `kernelTriage`), after `normalizeSettings`. */
export interface Settings {
  explanationLanguage: 'auto' | 'en' | 'zh-cn';
  diagnostics: { enable: boolean; maxPerFile: number };
  /** Analyse documents of VS Code's plain `log` language too. */
  plainLogFiles: boolean;
  /** Kernel release to assume where a log does not print one. */
  kernel: string;
}

/** `kernelTriage/tasksTable` — client → server request for the tasks-table webview (types in webviewProtocol.ts). */
export { TasksTableRequest, type TasksTableParams, type TasksTableResult } from './webviewProtocol.js';
