/** Navigation over LSP: definition, references, code lenses, and the custom requests. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FIXTURES } from '../helpers.js';
import { startClient, type Client } from './lspClient.js';

const FILE = join(FIXTURES, 'sample-kern.log');
const URI = 'file://' + FILE;
const TEXT = readFileSync(FILE, 'utf8');
const LINES = TEXT.split('\n');
/** Position of the first character of `needle` on the first line containing `within`. */
function pos(within: string, needle: string): { line: number; character: number } {
  const line = LINES.findIndex((l) => l.includes(within));
  assert.ok(line >= 0, within);
  return { line, character: LINES[line]!.indexOf(needle, LINES[line]!.indexOf(within)) + 1 };
}

describe('navigation over LSP', () => {
  let c: Client;
  before(async () => {
    c = await startClient({ locale: 'en' });
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'kernel-log', version: 1, text: TEXT } });
    await c.waitFor('textDocument/publishDiagnostics', (p) => p.uri === URI);
  });
  after(async () => {
    await c.stop();
  });

  test('definition: the pid of a kill line goes to its tasks-table row', async () => {
    const at = pos('Killed process 4021188', '4021188');
    const d = (await c.conn.sendRequest('textDocument/definition', { textDocument: { uri: URI }, position: at })) as any;
    assert.ok(d, 'a definition');
    assert.match(LINES[d.range.start.line]!, /\[ *4021188\]/);
  });

  test('references: every mention of that pid in its boot', async () => {
    const at = pos('Killed process 4021188', '4021188');
    const refs = (await c.conn.sendRequest('textDocument/references', { textDocument: { uri: URI }, position: at, context: { includeDeclaration: true } })) as any[];
    const lines = new Set(refs.map((r) => r.range.start.line));
    const expected = LINES.flatMap((l, i) => (/(?:pid=|process |\[ *)4021188\b/.test(l) ? [i] : []));
    assert.ok(expected.length >= 3, 'the sample mentions the pid in the table, oom-kill: and Killed lines');
    for (const l of expected) assert.ok(lines.has(l), `line ${l + 1} referenced: ${LINES[l]}`);
    for (const r of refs) assert.equal(LINES[r.range.start.line]!.slice(r.range.start.character, r.range.end.character), '4021188');
  });

  test('code lenses: one pair per storm group, not per kill', async () => {
    const lenses = (await c.conn.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as any[];
    const events = (await c.conn.sendRequest('kernelTriage/events', { uri: URI })) as any[];
    const ooms = events.filter((e) => e.kind === 'oom');
    assert.ok(lenses.length > 0 && lenses.length % 2 === 0);
    assert.ok(lenses.length / 2 < ooms.length, 'the storm at the top shares one pair');
    assert.deepEqual(new Set(lenses.map((l) => l.command.command)), new Set(['kernelTriage.showTasksTable', 'kernelTriage.copySummary']));
    assert.deepEqual(lenses[0].command.arguments, [{ uri: URI, line: ooms[0].startLine }]);
  });

  test('events and summary requests', async () => {
    const events = (await c.conn.sendRequest('kernelTriage/events', { uri: URI })) as any[];
    assert.ok(events.some((e) => e.kind === 'hung-task') && events.some((e) => e.kind === 'segfault'));
    const oom = events.find((e) => e.kind === 'oom' && /python3/.test(e.summary));
    const s = (await c.conn.sendRequest('kernelTriage/summary', { uri: URI, line: oom.startLine + 2 })) as any;
    assert.match(s.markdown, /^# Kernel log triage/);
    assert.match(s.markdown, /python3/);
    await assert.rejects(c.conn.sendRequest('kernelTriage/summary', { uri: URI }));
  });

  test('analyse a file on disk, and a missing one', async () => {
    const r = (await c.conn.sendRequest('kernelTriage/analyseFile', { path: FILE })) as any;
    assert.equal(r.error, null);
    const events = (await c.conn.sendRequest('kernelTriage/events', { uri: URI })) as any[];
    assert.deepEqual(r.events.map((e: any) => [e.kind, e.startLine]), events.map((e) => [e.kind, e.startLine]));
    assert.match(r.markdown, /OOM kill/);
    const missing = (await c.conn.sendRequest('kernelTriage/analyseFile', { path: join(FIXTURES, 'no-such.log') })) as any;
    assert.match(missing.error, /ENOENT|no such file/);
  });
});
