import { main } from './main.js';

void main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`kernel-triage: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 2;
  },
);
// For `npm run bench`: the peak resident set of this run (getrusage maxrss, kB on Linux).
if (process.env.KERNEL_TRIAGE_STATS === '1') {
  process.on('exit', () => process.stderr.write(`kernel-triage-stats maxRssKb=${process.resourceUsage().maxRSS}\n`));
}
