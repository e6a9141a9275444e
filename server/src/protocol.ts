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

/** One event for the "Go to Event…" quick pick and the status bar. */
export interface EventEntry {
  index: number;
  kind: string;
  startLine: number;
  endLine: number;
  time: string | null;
  host: string | null;
  /** One line, in the explanation language. */
  summary: string;
}

/** `kernelTriage/events` — client → server: every event of an open document. */
export const EventsRequest = 'kernelTriage/events';
export interface EventsParams {
  uri: string;
}

/** `kernelTriage/summary` — client → server: the CLI's Markdown for the event at a line ("Copy Summary"). */
export const SummaryRequest = 'kernelTriage/summary';
export interface SummaryParams {
  uri: string;
  line: number;
}
export interface SummaryResult {
  markdown: string | null;
}

/**
 * `kernelTriage/analyseFile` — client → server: stream a file from disk through the core (for
 * documents too large to be synced), with work-done progress and cancellation.
 */
export const AnalyseFileRequest = 'kernelTriage/analyseFile';
export interface AnalyseFileParams {
  path: string;
}
export interface AnalyseFileResult {
  error: string | null;
  lines: number;
  events: EventEntry[];
  /** The Markdown incident report of the whole file. */
  markdown: string;
}
