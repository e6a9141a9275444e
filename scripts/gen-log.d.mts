/** Types of scripts/gen-log.mjs (the deterministic kernel-log generator) for the TypeScript tests. */

/** One OOM kill the analysis should find (1-based physical lines). */
export interface TruthOom {
  startLine: number;
  /** Last line of the event as printed before anything else began (kill or reaper line). */
  endLine: number;
  /** The `invoked oom-killer` comm; null for a rate-limited kill that printed only kill lines. */
  triggerComm: string | null;
  killedPid: number | null;
  killedComm: string | null;
  /** Rows of the event's tasks table; null when none was printed. */
  taskRows: number | null;
}

export interface Truth {
  bytes: number;
  lines: number;
  oom: TruthOom[];
  /** Events per kind, named as in CONVENTIONS.md (`oom`, `page-alloc-failure`, `oops`, …). */
  kinds: Record<string, number>;
  /** Bytes of the lines inside OOM events (from their first to their last line, and late reaper lines). */
  oomBytes: number;
  /** Task rows of all OOM tables. */
  taskRows: number;
  /** GENERATOR_VERSION that wrote it. */
  generator: number;
  /** The size asked for (the log ends at the first event boundary past it). */
  size: number;
  seed: number;
}

export const GENERATOR_VERSION: number;
export function generate(options: { sizeBytes: number; seed: number }): { text: string; truth: Truth };
export function generateToFile(options: { sizeBytes: number; seed: number; out: string }): Truth;
export function parseSize(s: string): number;
export function truthPathFor(out: string): string;
