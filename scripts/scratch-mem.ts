import { Analyzer } from '../server/src/core/analyze.js';
import { readLogPieces } from '../server/src/node/readLog.js';
const a = new Analyzer({});
let n = 0, bytes = 0;
for await (const p of readLogPieces(process.argv[2]!)) {
  a.feed(p); a.drain(); bytes += p.length;
  if (++n % 100 === 0) { (globalThis as any).gc(); console.log((bytes / 2 ** 20).toFixed(0), 'MiB heapUsed', (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)); }
}
const r = a.finish();
(globalThis as any).gc(); console.log('end heapUsed', (process.memoryUsage().heapUsed / 2 ** 20).toFixed(1), 'problems', r.problems.length, 'events', r.events.length);
