/**
 * The bundled language server over stdio: initialize, didOpen/didChange, diagnostics, folding,
 * symbols and hovers in English and Chinese, errors that do not stop it, shutdown.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startClient, type Client } from './lspClient.js';

const URI = 'file:///tmp/kern.log';
const LOG = [
  'Dec  4 00:01:23 web-01 kernel: stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
  'Dec  4 00:01:23 web-01 kernel: CPU: 2 PID: 999 Comm: stress Not tainted 5.10.0-21-amd64 #1',
  'Dec  4 00:01:23 web-01 kernel: Call Trace:',
  'Dec  4 00:01:23 web-01 kernel:  dump_stack+0x6b/0x83',
  'Dec  4 00:01:23 web-01 kernel:  dump_header+0x4a/0x1f0',
  'Dec  4 00:01:23 web-01 kernel: memory: usage 1048576kB, limit 1048576kB, failcnt 10',
  'Dec  4 00:01:23 web-01 kernel: Tasks state (memory values in pages):',
  'Dec  4 00:01:23 web-01 kernel: [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  'Dec  4 00:01:23 web-01 kernel: [    999]  1000   999   300000   250000  2200000        0             0 stress',
  'Dec  4 00:01:23 web-01 kernel: [   1000]  1000  1000    30000    10000   220000        0             0 helper',
  'Dec  4 00:01:23 web-01 kernel: oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/app,task_memcg=/app,task=stress,pid=999,uid=1000',
  'Dec  4 00:01:23 web-01 kernel: Memory cgroup out of memory: Killed process 999 (stress) total-vm:1200000kB, anon-rss:999000kB, file-rss:1000kB, shmem-rss:0kB, UID:1000 pgtables:2148kB oom_score_adj:0',
].join('\n');

async function open(c: Client, text: string, version = 1): Promise<any> {
  await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'kernel-log', version, text } });
  return c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === version);
}

describe('language server over stdio', () => {
  let en: Client;
  before(async () => {
    en = await startClient({ locale: 'en' });
  });
  after(async () => {
    await en.stop();
  });

  test('diagnostics: one per OOM kill, on the trigger line, with the victim row as related information', async () => {
    const d = await open(en, LOG);
    assert.equal(d.diagnostics.length, 1);
    const x = d.diagnostics[0];
    assert.deepEqual([x.source, x.code, x.severity, x.range.start.line], ['kernel-triage', 'oom-kill', 1, 0]);
    assert.match(x.message, /stress \(pid 999\) killed, 976\.6 MiB resident, in memory cgroup \/app/);
    assert.deepEqual(x.relatedInformation.map((r: any) => r.location.range.start.line), [8]);
    const counts = await en.waitFor('kernelTriage/eventCounts', (p) => p.uri === URI);
    assert.deepEqual([counts.total, counts.byKind.oom], [1, 1]);
  });

  test('folding, symbols and hovers', async () => {
    const folds = await en.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.deepEqual((folds as any[]).map((f) => [f.startLine, f.endLine]), [[0, 11], [2, 4], [6, 9]]);
    const syms = (await en.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } })) as any[];
    assert.equal(syms.length, 1);
    assert.equal(syms[0].name, 'OOM 00:01:23 stress (999) killed in /app');
    assert.ok(syms[0].children.some((c: any) => c.name === 'tasks'));
    const at = (line: number, needle: string): { line: number; character: number } => ({ line, character: LOG.split('\n')[line]!.indexOf(needle) + 1 });
    const h = (await en.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: at(0, '0x100cca') })) as any;
    assert.match(h.contents.value, /gfp_mask/);
    assert.match(h.contents.value, /GFP_HIGHUSER_MOVABLE/);
    const lim = (await en.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: at(5, '1048576kB, failcnt') })) as any;
    assert.match(lim.contents.value, /1\.00 GiB/);
    const cell = (await en.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: at(8, '250000') })) as any;
    assert.match(cell.contents.value, /\*\*`rss`\*\*/);
    assert.match(cell.contents.value, /976\.6 MiB/);
    assert.match(cell.contents.value, /95\.4% of the cgroup limit/);
    assert.match(cell.contents.value, /Estimated badness/);
  });

  test('an edit re-analyses and republishes', async () => {
    const lines = LOG.split('\n');
    await en.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 11, character: 0 }, end: { line: 11, character: lines[11]!.length } }, text: 'truncated' }],
    });
    const d = await en.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI && p.version === 2);
    assert.ok(d.diagnostics.some((x: any) => x.code === 'oom-kill' && /stress \(pid 999\)/.test(x.message)), 'the oom-kill: line still names the victim');
  });

  test('a request that throws is answered with an error, and the server keeps serving', async () => {
    await assert.rejects(en.conn.sendRequest('textDocument/hover', { position: { line: 0, character: 0 } }));
    const folds = await en.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.ok(Array.isArray(folds));
  });
});

describe('language server: a burst of edits on a generated log', () => {
  test('edits sent faster than they are analysed end in the diagnostics of the final text', { timeout: 120_000 }, async () => {
    const { generate } = await import('../../scripts/gen-log.mjs');
    let text = generate({ sizeBytes: 3 * 2 ** 20, seed: 21 }).text;
    const c = await startClient({ locale: 'en' });
    try {
      const uri = 'file:///tmp/burst.log';
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kernel-log', version: 1, text } });
      await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === 1, 60_000);
      // 30 edits without waiting: deletions, insertions of report lines, a banner, typing.
      const inserts = ['x', '[    1.000000] Linux version 6.1.0-13-amd64 (a@b) #1 SMP\n', 'Dec  4 00:01:23 web-01 kernel: Out of memory: Killed process 4242 (java) total-vm:100kB, anon-rss:80kB, file-rss:0kB, shmem-rss:0kB\n', ''];
      let version = 1;
      for (let k = 0; k < 30; k++) {
        const lines = text.split('\n');
        const line = Math.floor(((k * 7919) % 1000) / 1000 * (lines.length - 1));
        const insert = inserts[k % inserts.length]!;
        const start = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
        const end = insert === '' ? start + lines[line]!.length + 1 : start;
        const range = { start: { line, character: 0 }, end: insert === '' ? { line: line + 1, character: 0 } : { line, character: 0 } };
        text = text.slice(0, start) + insert + text.slice(end);
        await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range, text: insert }] });
      }
      const got = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version, 60_000);
      // The same text opened as another document: a full analysis.
      const fresh = 'file:///tmp/burst-fresh.log';
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: fresh, languageId: 'kernel-log', version: 1, text } });
      const want = await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === fresh && p.version === 1, 60_000);
      const plain = (d: any[]): unknown => d.map((x) => ({ ...x, relatedInformation: x.relatedInformation?.map((r: any) => ({ range: r.location.range, message: r.message })) }));
      assert.ok(want.diagnostics.length > 20, `${want.diagnostics.length} diagnostics`);
      assert.deepEqual(plain(got.diagnostics), plain(want.diagnostics));
    } finally {
      await c.stop();
    }
  });
});

describe('language server in Chinese', () => {
  test('hovers and diagnostics follow the client locale', async () => {
    const zh = await startClient({ locale: 'zh-cn' });
    try {
      const d = await open(zh, LOG);
      assert.match(d.diagnostics[0].message, /OOM 杀进程/);
      const h = (await zh.conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: LOG.indexOf('order=0') + 6 } })) as any;
      assert.match(h.contents.value, /连续页/);
      assert.doesNotMatch(h.contents.value, /contiguous pages/, 'one language per hover');
    } finally {
      await zh.stop();
    }
  });
  test('the explanationLanguage setting wins over the locale', async () => {
    const c = await startClient({ locale: 'zh-cn', settings: { explanationLanguage: 'en' } });
    try {
      const d = await open(c, LOG);
      assert.match(d.diagnostics[0].message, /^OOM kill/);
    } finally {
      await c.stop();
    }
  });
});
