/** The command line: formats, exit codes, stdin, unreadable files, untrusted text in output. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../../server/src/cli/main.js';
import { ROOT } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kernel-triage-cli-'));
const LOG = [
  'Dec  4 00:01:23 web-01 kernel: evil|name<img invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
  'Dec  4 00:01:23 web-01 kernel: CPU: 2 PID: 999 Comm: evil|name<img Not tainted 5.10.0-21-amd64 #1',
  'Dec  4 00:01:23 web-01 kernel: memory: usage 1048576kB, limit 1048576kB, failcnt 10',
  'Dec  4 00:01:23 web-01 kernel: Tasks state (memory values in pages):',
  'Dec  4 00:01:23 web-01 kernel: [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  'Dec  4 00:01:23 web-01 kernel: [    999]  1000   999   300000   250000  2200000        0             0 evil|name<img',
  'Dec  4 00:01:23 web-01 kernel: [   1000]  1000  1000    30000    10000   220000        0             0 helper',
  'Dec  4 00:01:23 web-01 kernel: oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/app,task_memcg=/app,task=evil|name<img,pid=999,uid=1000',
  'Dec  4 00:01:23 web-01 kernel: oom_reaper: reaped process 999 (evil|name<img), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
  'Dec  4 00:01:25 web-01 systemd[1]: app.service: A process of this unit has been killed by the OOM killer.',
].join('\n');
const file = join(dir, 'kern.log');
writeFileSync(file, LOG + '\n');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

describe('cli', async () => {
  test('--json follows the kernel-triage/1 contract', async () => {
    const r = (await run([file, '--json']));
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out);
    assert.equal(j.schema, 'kernel-triage/1');
    assert.equal(j.files.length, 1);
    const f = j.files[0];
    assert.deepEqual([f.file, f.lines, f.error], [file, 10, null]);
    const ev = f.events[0];
    assert.deepEqual([ev.kind, ev.startLine, ev.endLine, ev.time, ev.host, ev.boot, ev.complete], ['oom', 1, 9, 'Dec  4 00:01:23', 'web-01', 0, true]);
    assert.deepEqual(ev.kernel, { release: '5.10.0-21-amd64', arch: 'x86_64', tainted: 'Not tainted', source: 'cpu-line' });
    assert.deepEqual(ev.killed, { pid: 999, comm: 'evil|name<img', uid: 1000, totalVmKb: null, anonRssKb: 0, fileRssKb: 0, shmemRssKb: 0, pgtablesKb: null, oomScoreAdj: 0, anonRssSource: 'reaper', score: null });
    assert.deepEqual(ev.memcg.oomMemcg, '/app');
    assert.deepEqual(ev.tasks.map((t: { pid: number; line: number }) => [t.pid, t.line]), [[999, 6], [1000, 7]]);
    assert.ok(ev.parts.every((p: { startLine: number; endLine: number }) => p.startLine >= 1 && p.endLine <= 10));
  });

  test('the summary uses the table row, not the post-reap 0 kB', async () => {
    const r = (await run([file]));
    assert.equal(r.code, 0);
    assert.match(r.out, /resident 976\.6 MiB from its tasks-table row/);
    assert.doesNotMatch(r.out, /resident 0\.0 MiB/);
    assert.match(r.out, /usage 1024\.0 MiB of limit 1024\.0 MiB \(100\.0%\)/);
  });

  test('--jsonl: one event per line, each with its file', async () => {
    const r = (await run([file, file, '--jsonl']));
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 2);
    assert.ok(rows.every((x) => x.file === file && x.kind === 'oom'));
  });

  test('--markdown escapes table cells and markup from the log', async () => {
    const r = (await run([file, '--markdown']));
    assert.ok(!r.out.includes('<'), 'no raw HTML from the log');
    assert.ok(r.out.includes('evil\\|name&lt;img'));
    for (const row of r.out.split('\n').filter((l) => l.startsWith('| 999'))) {
      assert.equal(row.split(/(?<!\\)\|/).length, 8, 'a row keeps its 6 cells');
    }
  });

  test('an unreadable file: exit 2, message on stderr, the others still analysed', async () => {
    const r = (await run([join(dir, 'missing.log'), file, '--json']));
    assert.equal(r.code, 2);
    assert.match(r.err, /missing\.log: no such file/);
    const j = JSON.parse(r.out);
    assert.equal(j.files[0].error, 'no such file');
    assert.equal(j.files[1].events.length, 1);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--bogus', file])).code, 2);
    assert.equal((await run(['--help'])).code, 0);
  });

  test('the bundled CLI reads stdin with -', async () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), '-', '--json'], { input: LOG, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).files[0].events[0].killed.pid, 999);
  });

  test('a reader that stops early (| head) ends the run quietly, without a stack trace', async () => {
    // Enough events that the output outlasts the reader: 2,000 copies of the report.
    const many = join(dir, 'many.log');
    writeFileSync(many, (LOG + '\n').repeat(2000));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), many, '--jsonl'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(err, '', 'nothing on stderr');
    assert.equal(code, 0);
  });

  test('output waits for a slow reader between pieces instead of queueing it in memory', async () => {
    const many = join(dir, 'many-ready.log');
    writeFileSync(many, (LOG + '\n').repeat(8000)); // about 5 MiB: three 2 MiB pieces
    let waits = 0;
    let out = 0;
    let outAtWait = -1;
    const code = await main([many, '--jsonl'], {
      out: (s) => void (out += s.length),
      err: () => undefined,
      ready: async () => {
        waits++;
        outAtWait = out;
      },
    });
    assert.equal(code, 0);
    assert.ok(waits >= 3, `asked the output whether it can take more after each piece (${waits})`);
    assert.ok(outAtWait > 0, 'after output was written');
  });

  test('binary junk and a 10 MB line: no crash, a clear note', async () => {
    const junk = join(dir, 'junk.log');
    writeFileSync(junk, Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]), Buffer.from('x'.repeat(10 * 1024 * 1024)), Buffer.from('\n' + LOG)]));
    const r = (await run([junk, '--json']));
    assert.equal(r.code, 0);
    const f = JSON.parse(r.out).files[0];
    assert.equal(f.events.length, 1, 'the report after the junk is still found');
    assert.ok(f.problems.some((p: { message: string }) => /not look like a text log/.test(p.message)));
    assert.ok(f.problems.some((p: { line: number; message: string }) => p.line === 1 && /characters long/.test(p.message)));
  });

  const MIXED = [
    '[  100.000000] a.out[4242]: segfault at 0 ip 0000000000401126 sp 00007ffc9d5e6a50 error 6 in a.out[401000+1000]',
    '[  200.000000] Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled',
  ].join('\n');
  const mixed = join(dir, 'mixed.log');
  writeFileSync(mixed, MIXED + '\n');

  test('--kind keeps only those kinds; unknown kinds are an error', async () => {
    const j = JSON.parse((await run([mixed, '--json', '--kind', 'panic'])).out);
    assert.deepEqual(j.files[0].events.map((e: { kind: string }) => e.kind), ['panic']);
    assert.equal((await run([mixed, '--kind', 'nope'])).code, 2);
  });

  test('--since/--until in the log\'s own time format', async () => {
    const kinds = async (args: string[]): Promise<string[]> => JSON.parse((await run([mixed, '--json', ...args])).out).files[0].events.map((e: { kind: string }) => e.kind);
    assert.deepEqual(await kinds(['--since', '150']), ['panic']);
    assert.deepEqual(await kinds(['--until', '150']), ['segfault']);
    const wall = async (args: string[]): Promise<number> => JSON.parse((await run([file, '--json', ...args])).out).files[0].events.length;
    assert.equal(await wall(['--since', 'Dec  4 00:01:00']), 1);
    assert.equal(await wall(['--since', 'Dec  4 00:02:00']), 0);
    assert.equal(await wall(['--until', 'Dec 3 23:00']), 0);
    assert.equal((await run([file, '--since', 'yesterday'])).code, 2);
  });

  test('--fail-on exits 1 when such events are found', async () => {
    assert.equal((await run([mixed, '--fail-on', 'panic,oops'])).code, 1);
    assert.equal((await run([mixed, '--fail-on', 'oom'])).code, 0);
  });

  test('--redact replaces hosts, addresses, user names, pod and container ids consistently', async () => {
    const log = join(dir, 'redact.log');
    const pod = 'podcabf8137-c743-4923-96bd-1e59c6ac4a83';
    const cid = 'a'.repeat(64);
    writeFileSync(
      log,
      [
        `Dec  4 00:01:23 db-7.example.com kernel: oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=${cid},mems_allowed=0,oom_memcg=/kubepods/${pod},task_memcg=/kubepods/${pod}/${cid},task=java,pid=42,uid=0`,
        'Dec  4 00:01:23 db-7.example.com kernel: Memory cgroup out of memory: Killed process 42 (java) total-vm:100kB, anon-rss:80kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0',
      ].join('\n') + '\n',
    );
    const out = (await run([log, '--json', '--redact'])).out;
    for (const secret of ['db-7.example.com', pod.slice(3), cid]) assert.ok(!out.includes(secret), `${secret} redacted`);
    const ev = JSON.parse(out).files[0].events[0];
    assert.equal(ev.host, 'host-1');
    assert.equal(ev.memcg.oomMemcg, '/kubepods/podpod-1');
    assert.equal(ev.memcg.taskMemcg, '/kubepods/podpod-1/container-1', 'the same id gets the same placeholder');
  });

  test('.gz rotated logs are read directly', async () => {
    const gz = join(dir, 'kern.log.2.gz');
    writeFileSync(gz, gzipSync(Buffer.from(LOG + '\n')));
    const j = JSON.parse((await run([gz, '--json'])).out);
    assert.equal(j.files[0].events.length, 1);
  });

  test('--lang zh-cn, and the default from the locale', async () => {
    const zh = (await run([file, '--lang', 'zh-cn'])).out;
    const en = (await run([file, '--lang', 'en'])).out;
    assert.notEqual(zh, en);
    assert.match(zh, /[\u4e00-\u9fff]/, 'Chinese text');
    let out = '';
    await main([file], { out: (s) => void (out += s), err: () => undefined }, { LANG: 'zh_CN.UTF-8' });
    assert.equal(out, zh);
    assert.equal((await run([file, '--lang', 'fr'])).code, 2);
  });
});
