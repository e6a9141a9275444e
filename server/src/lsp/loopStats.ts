/**
 * How long the server's event loop is held, for `npm run bench` (scripts/bench-lsp.mjs): with
 * KERNEL_TRIAGE_STATS=1 the server samples its loop every millisecond (node:perf_hooks
 * monitorEventLoopDelay) and answers `kernelTriage/loopStats` with the longest hold since the last
 * reset. Off by default: nothing is measured or registered.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { RequestType, type Connection } from 'vscode-languageserver';

export interface LoopStatsParams {
  /** Start a new measurement after answering. */
  reset: boolean;
}

export interface LoopStatsResult {
  /** The longest time the loop was held (the longest delay of a 1 ms timer). */
  maxMs: number;
  p99Ms: number;
  /** Samples taken since the last reset. */
  samples: number;
}

export const LoopStatsRequest = new RequestType<LoopStatsParams, LoopStatsResult, void>('kernelTriage/loopStats');

export function registerLoopStats(connection: Connection, env: NodeJS.ProcessEnv = process.env): IntervalHistogram | null {
  if (env.KERNEL_TRIAGE_STATS !== '1') return null;
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  connection.onRequest(LoopStatsRequest, (p) => {
    const r: LoopStatsResult = { maxMs: h.count > 0 ? h.max / 1e6 : 0, p99Ms: h.count > 0 ? h.percentile(99) / 1e6 : 0, samples: h.count };
    if (p?.reset) h.reset();
    return r;
  });
  return h;
}
