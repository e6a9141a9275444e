import { main } from './main.js';

// A reader that stops early (`kernel-triage big.log --jsonl | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`kernel-triage: cannot write the output: ${e.message}\n`);
  process.exit(2);
});

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
