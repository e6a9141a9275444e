/**
 * The TextMate grammar (syntaxes/kernel-log.tmLanguage.json) tokenized by the engine VS Code 1.100
 * itself uses — vscode-textmate 9.2.0 on vscode-oniguruma 1.7.0 — so what is asserted here is what
 * an editor shows without the language server (server off, crashed, or another editor).
 *
 * One representative line per prefix style and per report line, with the scopes of specific
 * substrings; then every line of the shared corpus and of test/fixtures, timed per line as a guard
 * against catastrophic regexes (VS Code runs the grammar on every line the user scrolls to).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, test } from 'node:test';
import type { IGrammar, IRawGrammar } from 'vscode-textmate';
import { CORPUS, FIXTURES, ROOT } from '../helpers.js';

// Both packages are CommonJS bundles whose exports Node's ESM loader cannot list: require them.
const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate') as typeof import('vscode-textmate');
const onig = require('vscode-oniguruma') as typeof import('vscode-oniguruma');

const SCOPE = 'source.kernel-log';
const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'kernel-log.tmLanguage.json');
const WASM_PATH = join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');
/** Per-line budget; a catastrophic regex costs seconds, an ordinary line well under a millisecond. */
const MS_PER_LINE = 5;

async function loadGrammar(): Promise<IGrammar> {
  const wasm = readFileSync(WASM_PATH);
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new onig.OnigScanner(sources),
      createOnigString: (text: string) => new onig.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === SCOPE ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar(SCOPE);
  assert.ok(grammar, `grammar ${SCOPE} not loaded`);
  return grammar;
}

const grammar = await loadGrammar();

interface Token {
  text: string;
  start: number;
  end: number;
  scopes: string[];
}

/** Tokenizes one line from the initial state, as VS Code does for a line after a line that closed every rule. */
function tokenize(line: string): Token[] {
  const result = grammar.tokenizeLine(line, vsctm.INITIAL);
  assert.equal(result.stoppedEarly, false, `tokenization stopped early on ${JSON.stringify(line)}`);
  // Every rule ends with its line: nothing may leak into the next line.
  assert.equal(result.ruleStack.depth, 1, `rule stack left open after ${JSON.stringify(line)}`);
  return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes }));
}

/** `scope` or a more specific scope below it (`comment.timestamp` matches `comment.timestamp.monotonic.kernel-log`). */
function hasScope(scopes: string[], scope: string): boolean {
  return scopes.some((s) => s === scope || s.startsWith(`${scope}.`));
}

/** The tokens covering the `nth` occurrence of `needle` in `line`. */
function tokensOf(line: string, needle: string, nth = 0): Token[] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = line.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `${JSON.stringify(needle)} (#${nth}) not in ${JSON.stringify(line)}`);
  }
  const end = at + needle.length;
  return tokenize(line).filter((t) => t.end > at && t.start < end);
}

function describeTokens(tokens: Token[]): string {
  return tokens.map((t) => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n  ');
}

/** Every token of `needle` carries `scope`. */
function expectScope(line: string, needle: string, scope: string, nth = 0): void {
  const tokens = tokensOf(line, needle, nth);
  assert.ok(
    tokens.every((t) => hasScope(t.scopes, scope)),
    `${JSON.stringify(needle)} should be ${scope} in ${JSON.stringify(line)}:\n  ${describeTokens(tokens)}`,
  );
}

/** Every token of `needle`, taken inside the first occurrence of `context`, carries `scope`. */
function expectScopeIn(line: string, context: string, needle: string, scope: string): void {
  const at = line.indexOf(context);
  assert.notEqual(at, -1, `${JSON.stringify(context)} not in ${JSON.stringify(line)}`);
  const start = at + context.indexOf(needle);
  assert.ok(start >= at, `${JSON.stringify(needle)} not in ${JSON.stringify(context)}`);
  const tokens = tokenize(line).filter((t) => t.end > start && t.start < start + needle.length);
  assert.ok(
    tokens.every((t) => hasScope(t.scopes, scope)),
    `${JSON.stringify(needle)} of ${JSON.stringify(context)} should be ${scope}:\n  ${describeTokens(tokens)}`,
  );
}

/** No token of `needle` carries `scope`. */
function expectNoScope(line: string, needle: string, scope: string, nth = 0): void {
  const tokens = tokensOf(line, needle, nth);
  assert.ok(
    tokens.every((t) => !hasScope(t.scopes, scope)),
    `${JSON.stringify(needle)} should not be ${scope} in ${JSON.stringify(line)}:\n  ${describeTokens(tokens)}`,
  );
}

/** `needle` is exactly one token (so a theme colours it as a whole). */
function expectOneToken(line: string, needle: string, nth = 0): void {
  const tokens = tokensOf(line, needle, nth);
  assert.equal(tokens.length, 1, `${JSON.stringify(needle)} should be one token:\n  ${describeTokens(tokens)}`);
  assert.equal(tokens[0]!.text, needle);
}

const TIMESTAMP = 'comment.timestamp';
const HOST = 'variable.other.host';
const TAG = 'entity.name.tag.syslog';
const LEVEL = 'constant.language.level';
const KEY = 'support.type.property-name';
const VALUE = 'string.unquoted.value';
const HEX = 'constant.numeric.hex';
const NUMBER = 'constant.numeric';
const SIZE = 'constant.numeric.size';
const PROCESS = 'entity.name.type.process';
const FUNCTION = 'entity.name.function';
const MODULE = 'entity.name.namespace.module';
const KILL = 'invalid.illegal.oom';
const TRIGGER = 'keyword.control.oom.trigger';
const FATAL = 'invalid.illegal';
const WARN = 'markup.deleted';
const HEADING = 'markup.heading';
const REGISTER = 'variable.language.register';

const TRIGGER_LINE = '[ 1234.567890] java invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0';

describe('grammar file', () => {
  const raw = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as IRawGrammar & { repository: Record<string, unknown> };

  test('declares source.kernel-log', () => {
    assert.equal(raw.scopeName, SCOPE);
  });

  /** Collects every string under the given keys, anywhere in the grammar. */
  function collect(node: unknown, keys: Set<string>, out: string[] = []): string[] {
    if (Array.isArray(node)) for (const n of node) collect(n, keys, out);
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (keys.has(k) && typeof v === 'string') out.push(v);
        else collect(v, keys, out);
      }
    }
    return out;
  }

  test('every scope name carries the .kernel-log suffix', () => {
    const names = collect(raw, new Set(['name', 'contentName'])).filter((n) => n !== 'Kernel Log');
    assert.ok(names.length > 50);
    for (const name of names) for (const part of name.split(/\s+/)) assert.match(part, /\.kernel-log$/, `scope ${part}`);
  });

  test('every regex compiles in Oniguruma', () => {
    // vscode-oniguruma does not throw on a bad pattern: it matches the empty string everywhere.
    // No pattern of this grammar can match the empty string at the start of "\x01".
    const regexes = collect(raw, new Set(['match', 'begin', 'end']));
    assert.ok(regexes.length > 50);
    for (const source of regexes) {
      const scanner = new onig.OnigScanner([source]);
      const m = scanner.findNextMatchSync('\x01', 0);
      scanner.dispose();
      assert.ok(!(m && m.captureIndices[0]!.start === 0 && m.captureIndices[0]!.end === 0), `pattern does not compile: ${source}`);
    }
  });
});

describe('line prefixes', () => {
  test('raw dmesg time stamp', () => {
    expectScope(TRIGGER_LINE, '[ 1234.567890]', TIMESTAMP);
    expectOneToken(TRIGGER_LINE, '[ 1234.567890]');
    expectScope('[    0.000000] Linux version 6.1.0', '[    0.000000]', TIMESTAMP);
    expectScope('[123456.789012] x', '[123456.789012]', TIMESTAMP);
  });

  test('caller id after the time stamp', () => {
    const line = '[  214.409199][  C240] watchdog: BUG: soft lockup - CPU#240 stuck for 22s! [irq/149-hisi_sa:3211]';
    expectScope(line, '[  214.409199]', TIMESTAMP);
    expectScope(line, '[  C240]', 'comment.caller-id');
    expectNoScope(line, '[  C240]', TIMESTAMP);
    expectScope('[ 9026.825040][T23340] java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0', '[T23340]', 'comment.caller-id');
  });

  test('syslog level <N> and dmesg -r', () => {
    const line = '<4>[ 8812.104083] java invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0';
    expectScope(line, '<4>', LEVEL);
    expectScope(line, '[ 8812.104083]', TIMESTAMP);
    expectScope(line, 'java', PROCESS);
    expectScope('<6>e1000e: eth0 NIC Link is Up', '<6>', LEVEL);
  });

  test('dmesg -T in any language', () => {
    for (const stamp of ['[Wed Dec  4 00:01:23 2024]', '[Di Aug 12 03:54:03 2025]', '[mer. déc.  4 02:17:45 2024]', '[三 12月  4 07:56:12 2024]']) {
      const line = `${stamp} php-fpm invoked oom-killer: gfp_mask=0x1100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0`;
      expectScope(line, stamp, TIMESTAMP);
      expectOneToken(line, stamp);
      expectScope(line, 'php-fpm', PROCESS);
    }
  });

  test('dmesg -x facility:level and -d deltas', () => {
    const line = 'kern  :warn  : [ 1234.567890] WARNING: CPU: 1 PID: 0 at mm/page_alloc.c:4567 __alloc_pages+0x2d5/0x320';
    expectScope(line, 'kern  :warn  :', LEVEL);
    expectScope(line, '[ 1234.567890]', TIMESTAMP);
    expectScope('[ 1234.567890 <    0.000123>] x', '[ 1234.567890 <    0.000123>]', TIMESTAMP);
  });

  test('dmesg --time-format iso has no host', () => {
    const line = '2024-12-04T00:01:23,123456+08:00 java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0';
    expectScope(line, '2024-12-04T00:01:23,123456+08:00', TIMESTAMP);
    expectScope(line, 'java', PROCESS);
    expectNoScope(line, 'java', HOST);
  });

  test('rsyslog RFC 3164: time, host and tag scoped separately', () => {
    const line = 'Dec  4 00:01:23 phyhost-ecs.na610 kernel: oom_reaper: reaped process 161175 (java), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB';
    expectScope(line, 'Dec  4 00:01:23', TIMESTAMP);
    expectScope(line, 'phyhost-ecs.na610', HOST);
    expectNoScope(line, 'phyhost-ecs.na610', TAG);
    expectScope(line, 'kernel:', TAG);
    expectNoScope(line, 'kernel:', HOST);
    expectOneToken(line, 'phyhost-ecs.na610');
    // rsyslog without a padded day, as in the seed log
    expectScope('Dec 4 00:01:23 host kernel: x', 'host', HOST);
    // a user-space tag with a pid
    const daemon = 'Dec  4 03:02:53 ip-10-0-12-34 dockerd[3340]: time="2024-12-04T03:02:53Z" level=warning msg="Health check error"';
    expectScope(daemon, 'dockerd[3340]:', TAG);
    expectScope(daemon, '"Health check error"', 'string.quoted');
  });

  test('rsyslog keeping the kernel time stamp after the tag', () => {
    const line = 'Dec  4 00:00:02 k8s-worker-07 kernel: [1176358.617211] Memory cgroup out of memory: Killed process 3911207 (python) total-vm:3609324kB';
    expectScope(line, 'Dec  4 00:00:02', TIMESTAMP);
    expectScope(line, 'k8s-worker-07', HOST);
    expectScope(line, '[1176358.617211]', TIMESTAMP);
    expectScope(line, 'Killed process', KILL);
  });

  test('RFC 3339 (rsyslog FileFormat, journalctl short-iso[-precise])', () => {
    for (const stamp of ['2024-12-04T00:01:23.123456+08:00', '2024-12-04T00:47:17+0100', '2024-12-04T10:36:23+00:00', '2024-12-04T00:01:23Z']) {
      const line = `${stamp} db-prod-03 kernel: Killed process 4417 (mysqld) total-vm:15669136kB, anon-rss:12482164kB`;
      expectScope(line, stamp, TIMESTAMP);
      expectScope(line, 'db-prod-03', HOST);
      expectScope(line, 'kernel:', TAG);
      expectScope(line, 'mysqld', PROCESS);
    }
  });

  test('journalctl short, short-precise, short-monotonic, short-unix, short-full', () => {
    expectScope('Dec 04 14:15:45 hpc-login-02 kernel: python3 invoked oom-killer: gfp_mask=0x6200ca(GFP_HIGHUSER_MOVABLE), order=0', 'hpc-login-02', HOST);
    const precise = 'Dec 04 09:43:24.333242 search-01 kernel: elasticsearch[s invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0';
    expectScope(precise, 'Dec 04 09:43:24.333242', TIMESTAMP);
    expectScope(precise, 'search-01', HOST);
    expectScope(precise, 'elasticsearch[s', PROCESS);
    const mono = '[14657.449214] ci-runner-02 kernel: rustc invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0';
    expectScope(mono, '[14657.449214]', TIMESTAMP);
    expectScope(mono, 'ci-runner-02', HOST);
    expectScope(mono, 'kernel:', TAG);
    expectScope(mono, 'rustc', PROCESS);
    const unix = '1733270483.123456 myhost kernel: Out of memory: Killed process 12 (stress) total-vm:1kB';
    expectScope(unix, '1733270483.123456', TIMESTAMP);
    expectScope(unix, 'myhost', HOST);
    const full = 'Wed 2024-12-04 00:01:23 CST myhost kernel: Out of memory: Killed process 12 (stress) total-vm:1kB';
    expectScope(full, 'Wed 2024-12-04 00:01:23 CST', TIMESTAMP);
    expectScope(full, 'myhost', HOST);
  });

  test('a dmesg message that looks like "host tag:" is not a host', () => {
    const line = '[    3.018311] scsi host8: Virtio SCSI HBA';
    expectNoScope(line, 'scsi', HOST);
    expectNoScope(line, 'host8:', TAG);
  });

  test('/dev/kmsg records', () => {
    const line = '6,4884,22023784404,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice/app.scope,task=Isolated Web Co,pid=6120,uid=1000';
    expectScope(line, '6', LEVEL);
    expectScope(line, '22023784404', TIMESTAMP);
    expectScope(line, 'oom-kill', KILL);
    expectScope(line, 'constraint', KEY);
    expectScope(line, 'CONSTRAINT_NONE', VALUE);
    expectScope(line, 'task_memcg', KEY);
    expectScope(line, '/user.slice/app.scope', 'string.unquoted.path');
    expectScope(line, 'Isolated Web Co', PROCESS);
    expectScope(line, '6120', NUMBER);
    expectScope('6,4811,20311402118,c,caller=T1;x', 'caller=T1', 'comment.caller-id');
    expectScope(' SUBSYSTEM=pci', 'SUBSYSTEM', KEY);
    // embedded newlines are escaped as \x0a
    const block = '4,4836,22023784142,-;active_anon:62635 inactive_anon:1344713 isolated_anon:0\\x0a active_file:441324';
    expectScope(block, '\\x0a', 'constant.character.escape');
    expectScope(block, 'active_file', KEY);
  });

  test('Android vendor prefix', () => {
    const line = '07-13 08:41:51.341 <4>[309805.658142s][pid:1361,cpu5,sManagerService]sManagerService: page allocation failure: order:2, mode:0x2000d1';
    expectScope(line, '07-13 08:41:51.341', TIMESTAMP);
    expectScope(line, '[309805.658142s]', TIMESTAMP);
    expectScope(line, '[pid:1361,cpu5,sManagerService]', 'comment.context');
    expectScope(line, 'page allocation failure', WARN);
    expectScope(line, '0x2000d1', HEX);
  });
});

describe('key=value and key:value', () => {
  test('keys and values are scoped differently', () => {
    expectScope(TRIGGER_LINE, 'gfp_mask', KEY);
    expectNoScope(TRIGGER_LINE, 'gfp_mask', VALUE);
    expectScope(TRIGGER_LINE, '0x100cca', HEX);
    expectNoScope(TRIGGER_LINE, '0x100cca', KEY);
    expectOneToken(TRIGGER_LINE, '0x100cca');
    expectScope(TRIGGER_LINE, 'GFP_HIGHUSER_MOVABLE', 'constant.language.gfp-flag');
    expectScope(TRIGGER_LINE, 'order', KEY);
    expectScope(TRIGGER_LINE, 'oom_score_adj', KEY);
    expectScopeIn(TRIGGER_LINE, 'order=0', '0', NUMBER);
  });

  test('key:value lists with sizes', () => {
    const line = 'Killed process 6576 (mysqld) total-vm:33914892kB, anon-rss:20629004kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:4528kB oom_score_adj:-997';
    expectScope(line, 'total-vm', KEY);
    expectScope(line, '33914892kB', SIZE);
    expectScope(line, 'kB', 'keyword.other.unit');
    expectScope(line, 'anon-rss', KEY);
    expectScope(line, 'UID', KEY);
    expectScope(line, '-997', NUMBER);
    const zone = 'Node 0 DMA32 free:59728kB min:7832kB isolated(anon):0kB reserved_highatomic:0KB';
    expectScope(zone, 'isolated(anon)', KEY);
    expectScope(zone, '0KB', SIZE);
  });

  test('gfp masks with several flags', () => {
    const line = 'kworker/u8:2: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0';
    expectScope(line, 'mode', KEY);
    expectScope(line, '0x40cc0', HEX);
    expectScope(line, 'GFP_KERNEL', 'constant.language.gfp-flag');
    expectScope(line, '__GFP_COMP', 'constant.language.gfp-flag');
    expectScope(line, '(null)', 'constant.language.null');
  });

  test('hex numbers', () => {
    expectScope('flags:0x00004000', '0x00004000', HEX);
    expectScope('[ 1.0] x ESR = 0x96000004', '0x96000004', HEX);
  });
});

describe('OOM report', () => {
  test('trigger line', () => {
    expectScope(TRIGGER_LINE, 'java', PROCESS);
    expectScope(TRIGGER_LINE, 'invoked oom-killer', TRIGGER);
    expectScope(TRIGGER_LINE, 'gfp_mask', 'meta.oom.trigger');
    // a comm with blanks, no prefix
    const odd = 'python3 -m http invoked oom-killer: gfp_mask=0x140dca(GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO), order=0, oom_score_adj=0';
    expectScope(odd, 'python3 -m http', PROCESS);
    expectOneToken(odd, 'python3 -m http');
  });

  test('kill lines', () => {
    const killed = 'Out of memory: Killed process 6120 (Isolated Web Co) total-vm:11920056kB, anon-rss:1608924kB';
    expectScope(killed, 'Out of memory', KILL);
    expectScope(killed, 'Killed process', KILL);
    expectScope(killed, '6120', NUMBER);
    expectScope(killed, 'Isolated Web Co', PROCESS);
    expectOneToken(killed, 'Isolated Web Co');

    const memcg = 'Memory cgroup out of memory: Killed process 8811 (celery) total-vm:244008kB, anon-rss:40840kB, UID:998 pgtables:228kB oom_score_adj:0';
    expectScope(memcg, 'Memory cgroup out of memory', KILL);
    expectScope(memcg, 'celery', PROCESS);

    const sacrifice = 'Out of memory: Kill process 6576 (mysqld) score 651 or sacrifice child';
    expectScope(sacrifice, 'Kill process', KILL);
    expectScope(sacrifice, 'mysqld', PROCESS);
    expectScope(sacrifice, 'score', KEY);
    expectScope(sacrifice, '651', NUMBER);
    expectScope(sacrifice, 'or sacrifice child', KILL);

    const summary = 'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/kubepods/podcabf8137,task_memcg=/kubepods/podcabf8137/5496,task=java,pid=161175,uid=2405';
    expectScope(summary, 'oom-kill', KILL);
    expectScope(summary, 'oom_memcg', KEY);
    expectScope(summary, '/kubepods/podcabf8137', 'string.unquoted.path');
    expectScope(summary, 'java', PROCESS);

    const reaper = 'oom_reaper: reaped process 161175 (java), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB';
    expectScope(reaper, 'reaped process', KILL);
    expectScope(reaper, 'java', PROCESS);
    expectScope(reaper, 'anon-rss', KEY);

    expectScope('Tasks in /a/b are going to be killed due to memory.oom.group set', 'are going to be killed', KILL);
  });

  test('tasks table header and rows', () => {
    const header = '[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name';
    expectScope(header, header, HEADING);
    expectScope('[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name', '[ pid ]', HEADING);
    expectScope('Tasks state (memory values in pages):', 'Tasks state (memory values in pages):', HEADING);

    const row = '[337533.314333] [  23793]  1000 23793   529419   524523  4239360        0             0 leaker';
    expectScope(row, '[337533.314333]', TIMESTAMP);
    expectScope(row, '23793', NUMBER);
    expectScope(row, '529419', NUMBER);
    expectScope(row, 'leaker', PROCESS);
    const blanks = '[   4410]  1000  4410   812345   401234   401000      200        34   3448832        0             0 python3 -m http';
    expectScope(blanks, 'python3 -m http', PROCESS);
    const negative = '[  433]     0   433    11104        2      22      360         -1000 systemd-udevd';
    expectScope(negative, '-1000', NUMBER);
    expectScope(negative, 'systemd-udevd', PROCESS);
  });

  test('Mem-Info and memcg stats', () => {
    expectScope('[ 1.0] Mem-Info:', 'Mem-Info:', HEADING);
    const stats = 'Memory cgroup stats for /kubepods/podcabf8137-c743:';
    expectScope(stats, 'Memory cgroup stats for', HEADING);
    expectScope(stats, '/kubepods/podcabf8137-c743', 'string.unquoted.path');
    expectScope('anon 1234567', 'anon', KEY);
    expectScope('anon 1234567', '1234567', NUMBER);
    expectScope('memory: usage 1048576kB, limit 1048576kB, failcnt 153', 'memory', KEY);
    expectScope('memory: usage 1048576kB, limit 1048576kB, failcnt 153', 'usage', KEY);
    expectScope('Free swap  = 0kB', 'Free swap', KEY);
  });

  test('#012-joined records (rsyslog imjournal)', () => {
    const line = 'Dec  4 03:24:43 ip-10-0-12-34 kernel: active_anon:1738221 inactive_anon:289 isolated_anon:0#012 active_file:102 inactive_file:189';
    expectScope(line, '#012', 'constant.character.escape');
    expectOneToken(line, '#012');
    expectScopeIn(line, 'isolated_anon:0#012', '0', NUMBER);
    expectScopeIn(line, 'isolated_anon:0#012', '#012', 'constant.character.escape');
    expectNoScope(line, '#012', VALUE);
    expectScope(line, 'active_file', KEY);
    const stats = '2024-12-04T00:01:23.123456+08:00 host kernel: Memory cgroup stats for /pod1:#012anon 1234#012file 0';
    expectScope(stats, 'anon', KEY);
    expectScopeIn(stats, 'anon 1234', '1234', NUMBER);
    expectScope(stats, 'file', KEY);
    // a kernel version "#167-Ubuntu" is not an escape
    expectNoScope('CPU: 2 PID: 1937 Comm: java Not tainted 5.4.0-150-generic #167-Ubuntu', '#167', 'constant.character.escape');
  });
});

describe('call traces and registers', () => {
  test('frames', () => {
    const frame = '[337533.314258]  dump_stack+0x67/0x8e';
    expectScope(frame, 'dump_stack', FUNCTION);
    expectScope(frame, '0x67', HEX);
    expectScope(frame, '0x8e', HEX);
    expectScope('[ 1.0]  oom_kill_process.cold+0xb/0x10', 'oom_kill_process.cold', FUNCTION);
    const module = '[1298269.103070]  [<ffffffffa00c142b>] mlx4_en_alloc_frag+0x16b/0x1e0 [mlx4_en]';
    expectScope(module, 'ffffffffa00c142b', 'constant.numeric.hex.address');
    expectScope(module, 'mlx4_en_alloc_frag', FUNCTION);
    expectScope(module, 'mlx4_en', MODULE, 1);
    const buildId = ' nvkm_falcon_v1_wait_for_halt+0x1c/0x30 [nouveau 0123456789abcdef0123456789abcdef01234567]';
    expectScope(buildId, 'nouveau', MODULE);
    expectScope(buildId, '0123456789abcdef0123456789abcdef01234567', 'comment.build-id');
    expectScope(' show_stack+0x18/0x24 (C)', 'show_stack', FUNCTION);
  });

  test('unreliable frames', () => {
    const line = '[ 1873.243946]  ? resched_curr+0x20/0xe0';
    expectScope(line, '?', 'comment.unreliable');
    expectScope(line, 'resched_curr', FUNCTION);
    expectScope(line, 'resched_curr', 'meta.frame.unreliable');
    const old = ' [<ffffffff810eab9c>] ? ktime_get_ts64+0x4c/0xf0';
    expectScope(old, '?', 'comment.unreliable');
    expectScope(old, 'ktime_get_ts64', FUNCTION);
    expectNoScope('"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message?', '?', 'comment.unreliable');
  });

  test('stack markers', () => {
    expectScope(' <TASK>', '<TASK>', 'keyword.other.stack-marker');
    expectScope(' </TASK>', '</TASK>', 'keyword.other.stack-marker');
    const irq = '[1298269.103041]  <IRQ>  [<ffffffff810db746>] warn_alloc_failed+0xf6/0x160';
    expectScope(irq, '<IRQ>', 'keyword.other.stack-marker');
    expectScope(irq, 'warn_alloc_failed', FUNCTION);
    expectScope('Call Trace:', 'Call Trace:', HEADING);
    expectScope('[ 1.0] Call trace:', 'Call trace:', HEADING);
  });

  test('register lines', () => {
    const rip = '[    3.026727] RIP: 0010:dma_direct_max_mapping_size+0x2b/0x64';
    expectScope(rip, 'RIP', REGISTER);
    expectScope(rip, '0010', HEX);
    expectScope(rip, 'dma_direct_max_mapping_size', FUNCTION);
    const rsp = 'RSP: 0000:ffffb60d001ebc20 EFLAGS: 00010202';
    expectScope(rsp, 'EFLAGS', REGISTER);
    expectScope(rsp, 'ffffb60d001ebc20', HEX);
    expectScope('RAX: 0000000000000000 RBX: 0000000000000000 RCX: 0000000000000000', 'RCX', REGISTER);
    const pc = '[  214.575224][  C240] pc : fput_many+0x8c/0xdc';
    expectScope(pc, 'pc', REGISTER);
    expectScope(pc, 'fput_many', FUNCTION);
    expectScope('[  214.579480][  C240] lr : fput+0x1c/0xf0', 'lr', REGISTER);
    expectScope('[  214.587298][  C240] x29: ffff80002de2b900 x28: ffff1082aa412000', 'x28', REGISTER);
    const arm32 = '[    3.634041] pc : [<40419624>]    lr : [<40419624>]    psr: 60070013';
    expectScope(arm32, 'psr', REGISTER);
    expectScope(arm32, '40419624', 'constant.numeric.hex.address');
    expectScope('[    3.622743] PC is at jffs2_scan_dirty_space+0xc4/0xc8', 'PC', REGISTER);
    // x86/fpu is not an arm64 register
    expectNoScope('[    0.000000] x86/fpu: Supporting XSAVE feature 0x001', 'x86', REGISTER);
    const code = 'Code: 66 66 66 90 55 48 89 fd <48> 8b 00 48 85 c0';
    expectScope(code, 'Code', KEY);
    expectScope(code, '<48>', 'markup.bold');
    expectScope(code, 'fd', HEX);
  });

  test('raw stack words', () => {
    expectScope(' ffff880182272f10 00000000021dcb0a ffff880418207938 ffffffff816861ac', 'ffff880418207938', 'comment.stack-dump');
    expectScope('[    3.790513] 9dc0: 4298a000 95713a15 00000004 000000b5', '95713a15', 'comment.stack-dump');
  });

  test('CPU line', () => {
    const line = '[337533.314250] CPU: 3 PID: 23793 Comm: leaker Not tainted 5.2.0-rc7 #54';
    expectScope(line, 'CPU', KEY);
    expectScope(line, 'PID', KEY);
    expectScope(line, 'leaker', PROCESS);
    expectScope(line, 'Not tainted', 'markup.inserted');
    expectScope(line, '5.2.0-rc7', 'string.unquoted.kernel-release');
    const tainted = 'CPU: 7 UID: 1000 PID: 23340 Comm: java Tainted: P           O       6.12.19-1-lts #1';
    expectScope(tainted, 'P           O', 'constant.language.taint');
    expectScope(tainted, 'java', PROCESS);
    expectScope('Pid: 80, comm: kswapd1 Not tainted 3.4.9-2.rgm.fc16.x86_64 #1', 'kswapd1', PROCESS);
  });
});

describe('errors', () => {
  test('oops, BUG, panic, general protection fault', () => {
    expectScope('[    3.022299] Oops: 0000 [#1] SMP PTI', 'Oops', FATAL);
    expectScope('[    3.019234] BUG: kernel NULL pointer dereference, address: 0000000000000000', 'BUG:', FATAL);
    expectScope('[    3.019234] BUG: kernel NULL pointer dereference, address: 0000000000000000', 'kernel NULL pointer dereference', FATAL);
    expectScope('BUG: unable to handle page fault for address: ffffb3a1c0e5f000', 'unable to handle page fault', FATAL);
    expectScope('[    4.060330] Kernel panic - not syncing: Fatal exception', 'Kernel panic - not syncing', FATAL);
    expectScope('general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] SMP NOPTI', 'general protection fault', FATAL);
    expectScope('[    3.597643] kernel BUG at /fs/jffs2/nodelist.c:670!', 'kernel BUG at', FATAL);
    expectScope('[    3.603092] Internal error: Oops - BUG: 0 [#1] SMP ARM', 'Internal error:', FATAL);
    expectScope('[ 1234.5] mce: [Hardware Error]: Machine check events logged', '[Hardware Error]', FATAL);
  });

  test('warnings, lockups, hung tasks, end markers', () => {
    const warning = 'WARNING: CPU: 2 PID: 1 at mm/page_alloc.c:4567 __alloc_pages+0x2d5/0x320';
    expectScope(warning, 'WARNING:', WARN);
    expectScope(warning, '__alloc_pages', FUNCTION);
    const lockup = '[  214.409199][  C240] watchdog: BUG: soft lockup - CPU#240 stuck for 22s! [irq/149-hisi_sa:3211]';
    expectScope(lockup, 'BUG:', FATAL);
    expectScope(lockup, 'soft lockup', WARN);
    expectScope(lockup, 'irq/149-hisi_sa', PROCESS);
    const hung = '[ 1873.243925] INFO: task kworker/u160:0:9 blocked for more than 622 seconds.';
    expectScope(hung, 'blocked for more than', WARN);
    expectScope(hung, 'kworker/u160:0', PROCESS);
    expectScope(hung, '622', NUMBER);
    expectScope('[ 1873.243929] task:kworker/u160:0  state:D stack:    0 pid:    9', 'kworker/u160:0', PROCESS);
    expectScope('[    3.055342] ---[ end trace c6389143c53d3973 ]---', '---[ end trace', WARN);
    expectScope('------------[ cut here ]------------', '------------[ cut here ]------------', WARN);
    expectScope('rcu: INFO: rcu_preempt self-detected stall on CPU', 'self-detected stall on CPU', WARN);
  });

  test('segfault line', () => {
    const line = '[Mon Jun 20 09:18:02 2016] systemd-network[19241]: segfault at 89 ip 000056362604cf6f sp 00007ffc1d2125c0 error 4 in systemd-networkd[56362600d000+c2000]';
    expectScope(line, 'systemd-network', PROCESS);
    expectScope(line, '19241', NUMBER);
    expectScope(line, 'segfault at', WARN);
    expectScope(line, 'ip', KEY);
    expectScope(line, '000056362604cf6f', HEX);
    expectScope(line, 'systemd-networkd', MODULE);
    const trap = 'traps: a.out[1234] trap divide error ip:401136 sp:7ffd2a2f8a40 error:0 in a.out[401000+1000]';
    expectScope(trap, 'a.out', PROCESS);
    expectScope(trap, 'trap divide error', WARN);
  });

  test('core dumps', () => {
    const line = '[ 9287.734430] systemd-coredump[7888]: Process 334 (systemd-journal) of user 0 dumped core.';
    expectScope(line, 'systemd-coredump', TAG);
    expectScope(line, 'systemd-journal', PROCESS);
    expectScope(line, 'dumped core', WARN);
    const frame = '[ 9287.734458] systemd-coredump[7888]: #3  0x000073c605f27d85 epoll_wait (libc.so.6 + 0x119d85)';
    expectScope(frame, 'epoll_wait', FUNCTION);
    expectScope(frame, 'libc.so.6', MODULE);
  });
});

describe('scope names', () => {
  test('every token below the root scope carries the .kernel-log suffix', () => {
    const lines = [
      TRIGGER_LINE,
      'Dec  4 00:00:02 k8s-worker-07 kernel: [1176358.617211] Memory cgroup out of memory: Killed process 3911207 (python) total-vm:3609324kB',
      '6,4884,22023784404,-;oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task=Isolated Web Co,pid=6120,uid=1000',
      '[    3.634041] pc : [<40419624>]    lr : [<40419624>]    psr: 60070013',
      'CPU: 7 UID: 1000 PID: 23340 Comm: java Tainted: P           O       6.12.19-1-lts #1',
    ];
    for (const line of lines) {
      for (const t of tokenize(line)) {
        assert.equal(t.scopes[0], SCOPE);
        for (const s of t.scopes.slice(1)) assert.match(s, /\.kernel-log$/, `${s} in ${JSON.stringify(line)}`);
      }
    }
  });
});

// ---- every line of real logs, timed -----------------------------------------------------------

function logFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.log'))
        .sort()
        .map((f) => join(dir, f))
    : [];
}

/**
 * Milliseconds to tokenize `line`. A measurement above 1 ms (a garbage collection, a busy machine)
 * is repeated and the best kept: a catastrophic regex is slow every time.
 */
function timeLine(line: string): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 5 && best >= 1; attempt++) {
    const t0 = performance.now();
    grammar.tokenizeLine(line, vsctm.INITIAL);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function checkFiles(files: string[], t: { diagnostic(message: string): void }): void {
  let lines = 0;
  let slowest = { ms: 0, where: '' };
  for (const file of files) {
    // Line breaks as VS Code splits them.
    const text = readFileSync(file, 'utf8').split(/\r\n|\r|\n/);
    text.forEach((line, i) => {
      const ms = timeLine(line);
      lines++;
      if (ms > slowest.ms) slowest = { ms, where: `${file}:${i + 1}` };
      assert.ok(ms < MS_PER_LINE, `${file}:${i + 1} took ${ms.toFixed(1)} ms (budget ${MS_PER_LINE} ms per line)`);
      const result = grammar.tokenizeLine(line, vsctm.INITIAL);
      assert.equal(result.ruleStack.depth, 1, `${file}:${i + 1} left a rule open`);
      // Raw dmesg lines always start with their time stamp.
      if (/^\[ *\d+\.\d{6}\]/.test(line)) assert.ok(hasScope(result.tokens[0]!.scopes, TIMESTAMP), `${file}:${i + 1} time stamp not scoped`);
    });
  }
  assert.ok(lines > 0);
  t.diagnostic(`${files.length} files, ${lines} lines; slowest line ${slowest.ms.toFixed(2)} ms at ${slowest.where}`);
}

describe('real logs', () => {
  // Warm up: compile the scanners of every rule before anything is timed.
  for (const file of [...logFiles(FIXTURES), ...logFiles(CORPUS)]) for (const line of readFileSync(file, 'utf8').split(/\r\n|\r|\n/)) tokenize(line);

  const corpus = logFiles(CORPUS);
  test('every line of the shared corpus tokenizes fast', { skip: corpus.length === 0 ? `no corpus at ${CORPUS}` : false }, (t) => {
    checkFiles(corpus, t);
  });

  const fixtures = logFiles(FIXTURES);
  test('every line of test/fixtures tokenizes fast', { skip: fixtures.length === 0 ? `no fixtures at ${FIXTURES}` : false }, (t) => {
    checkFiles(fixtures, t);
  });

  test('adversarial lines stay linear', () => {
    const long = 4000;
    const lines = [
      'a'.repeat(long),
      '0'.repeat(long),
      'f'.repeat(long),
      ' '.repeat(long) + 'x',
      '['.repeat(long),
      '[ '.repeat(long / 2),
      '[ 1234.567890]'.repeat(long / 14),
      'x:'.repeat(long / 2),
      'a=b,'.repeat(long / 4),
      'ffffffff '.repeat(long / 9) + 'zz',
      'ffff880182272f10'.repeat(long / 16),
      'java invoked '.repeat(long / 13),
      'Killed process 1 ('.repeat(long / 18),
      'func+0x1/'.repeat(long / 9),
      '#01'.repeat(long / 3),
      'Dec  4 00:01:23 ' + 'host'.repeat(long / 4),
      '[Wed Dec  4 00:01:23 2024]' + ' aa:bb'.repeat(long / 6),
      '2024-12-04T00:01:23.123456+08:00 h kernel: ' + '(x'.repeat(long / 2),
      'CPU: 1 PID: 2 Comm: ' + 'x '.repeat(long / 2),
      '[ 1] ' + '1 '.repeat(long / 2) + 'x',
    ];
    for (const line of lines) {
      tokenize(line);
      // Generous: TextMate work grows with tokens × line length; exponential backtracking would take seconds.
      const ms = timeLine(line);
      assert.ok(ms < 250, `${JSON.stringify(line.slice(0, 40))}… (${line.length} chars) took ${ms.toFixed(1)} ms`);
    }
  });
});
