/** The line lexer: every prefix form of kernel-log-formats.md §2, and the message after it. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lexSegment, validateLexer, type Prefix } from '../../server/src/core/lexer/lexer.js';

function lex(line: string): { prefix: Prefix; msg: string; tokens: string[] } {
  const lx = lexSegment(line, 0, line.length);
  return { prefix: lx.prefix, msg: line.slice(lx.msgStart), tokens: lx.tokens.map((t) => t.tokenType.name) };
}

const MSG = 'java invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0';

describe('lexer', () => {
  test('token definitions pass Chevrotain validation with first-char optimizations', () => {
    assert.doesNotThrow(() => validateLexer());
  });

  const cases: [string, string, Partial<Prefix>][] = [
    ['raw dmesg', `[ 1234.567890] ${MSG}`, { kind: 'raw-dmesg', time: '1234.567890', monotonic: 1234.56789 }],
    ['raw dmesg, 6-digit seconds', `[123456.789012] ${MSG}`, { kind: 'raw-dmesg', time: '123456.789012' }],
    ['caller id', `[  214.409199][  C240] ${MSG}`, { kind: 'raw-dmesg', callerId: 'C240' }],
    ['task caller id', `[    5.000001][    T1] ${MSG}`, { kind: 'raw-dmesg', callerId: 'T1' }],
    ['dmesg -r level', `<4>[ 1234.567890] ${MSG}`, { kind: 'raw-dmesg', level: 4 }],
    ['syslog(2) level only', `<6>${MSG}`, { kind: 'none', level: 6 }],
    ['dmesg -T English', `[Wed Dec  4 00:01:23 2024] ${MSG}`, { kind: 'dmesg-T', time: 'Wed Dec  4 00:01:23 2024' }],
    ['dmesg -T German', `[Di Aug 12 03:54:03 2025] ${MSG}`, { kind: 'dmesg-T', time: 'Di Aug 12 03:54:03 2025' }],
    ['dmesg -T Chinese', `[三 12月  4 00:01:23 2024] ${MSG}`, { kind: 'dmesg-T', time: '三 12月  4 00:01:23 2024' }],
    ['rsyslog traditional', `Dec  4 00:01:23 web-01 kernel: ${MSG}`, { kind: 'syslog', time: 'Dec  4 00:01:23', host: 'web-01', tag: 'kernel' }],
    ['rsyslog single-space day', `Dec 4 00:01:23 web-01 kernel: ${MSG}`, { kind: 'syslog', time: 'Dec 4 00:01:23', host: 'web-01' }],
    ['syslog with kernel time stamp', `Dec  4 00:01:23 web-01 kernel: [ 1234.567890] ${MSG}`, { kind: 'syslog', time: 'Dec  4 00:01:23', monotonic: 1234.56789, host: 'web-01' }],
    ['journalctl short', `Dec 04 00:01:23 web-01 kernel: ${MSG}`, { kind: 'syslog', time: 'Dec 04 00:01:23', host: 'web-01' }],
    ['journalctl short-precise', `Dec 04 00:01:23.123456 web-01 kernel: ${MSG}`, { kind: 'syslog', time: 'Dec 04 00:01:23.123456' }],
    ['rsyslog RFC 3339', `2024-12-04T00:01:23.123456+08:00 web-01 kernel: ${MSG}`, { kind: 'iso', time: '2024-12-04T00:01:23.123456+08:00', host: 'web-01' }],
    ['journalctl short-iso (v219-v254)', `2024-12-04T00:01:23+0800 web-01 kernel: ${MSG}`, { kind: 'iso', host: 'web-01' }],
    ['dmesg --time-format iso', `2024-12-04T00:01:23,123456+08:00 ${MSG}`, { kind: 'iso', host: null }],
    ['journalctl short-monotonic', `[ 1234.567890] web-01 kernel: ${MSG}`, { kind: 'raw-dmesg', host: 'web-01', tag: 'kernel' }],
    ['journalctl short-full', `Wed 2024-12-04 00:01:23 CST web-01 kernel: ${MSG}`, { kind: 'journal-full', host: 'web-01' }],
    ['/dev/kmsg', `4,1234,5678901234,-;${MSG}`, { kind: 'kmsg', level: 4, monotonic: 5678.901234 }],
    ['/dev/kmsg with caller', `4,1234,5678901234,-,caller=T42;${MSG}`, { kind: 'kmsg', callerId: 'T42' }],
    ['dmesg -x', `kern  :warn  : [ 1234.567890] ${MSG}`, { kind: 'raw-dmesg' }],
    ['Android vendor', `07-13 08:41:51.341 <4>[309805.658142s][pid:1361,cpu5,sManagerService]${MSG}`, { kind: 'android', level: 4 }],
    ['no prefix', MSG, { kind: 'none', time: null }],
    ['leading blanks', `   ${MSG}`, { kind: 'none' }],
  ];
  for (const [name, line, want] of cases) {
    test(`prefix: ${name}`, () => {
      const r = lex(line);
      for (const [k, v] of Object.entries(want)) assert.deepEqual(r.prefix[k as keyof Prefix], v, `${name}: ${k}`);
      assert.equal(r.msg, MSG, `${name}: message starts after the prefix`);
    });
  }

  test('a tasks-table row is one token, with or without a prefix', () => {
    assert.deepEqual(lex('[  23793]     0 23793   655928   126942  5226496   519670             0 leaker').tokens, ['TaskRow']);
    assert.deepEqual(lex('[337533.314407] [  23793]     0 23793   655928   126942  5226496   519670             0 leaker').tokens, ['TaskRow']);
    assert.deepEqual(lex('Dec 4 00:01:23 h kernel: [ 134996] 0 134996 201 1 32768 0 -998 pause').tokens, ['TaskRow']);
  });

  test('brackets inside a message are not a prefix', () => {
    const r = lex('[ 12.000000] foo: bar [ 1.500000] baz');
    assert.equal(r.prefix.kind, 'raw-dmesg');
    assert.equal(r.msg, 'foo: bar [ 1.500000] baz');
  });

  test('a colon-word message is not taken for a syslog host', () => {
    const r = lex('[    1.0] usb 1-1: new high-speed USB device');
    assert.equal(r.prefix.host, null);
    assert.equal(r.msg, 'usb 1-1: new high-speed USB device');
  });

  test('any character is tokenized: control bytes, U+FFFD, CJK', () => {
    const r = lexSegment('a\u0001b \ufffd\ufffd 进程 \u0000', 0, 13);
    assert.equal(r.errors, 0);
  });
});

describe('lexer: no host where the format has none', () => {
  for (const line of ['[Di Aug 12 03:54:03 2025] Hardware name: ASUS System Product Name', '2024-12-04T00:01:23,123456+08:00 Hardware name: QEMU', '[ 12.000000] Hardware name: QEMU']) {
    test(line, () => {
      const r = lex(line);
      assert.equal(r.prefix.host, null);
      assert.ok(r.msg.startsWith('Hardware name: '));
    });
  }
});

describe('lexer: the fast prefix path agrees with the Chevrotain prefix lexer', () => {
  test('every line of every fixture and corpus log', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { FIXTURES, CORPUS, hasCorpus } = await import('../helpers.js');
    const { lexPrefix } = await import('../../server/src/core/lexer/lexer.js');
    const files = [...readdirSync(FIXTURES).filter((f) => f.endsWith('.log')).map((f) => join(FIXTURES, f)), ...(hasCorpus ? readdirSync(CORPUS).filter((f) => f.endsWith('.log')).map((f) => join(CORPUS, f)) : [])];
    let checked = 0;
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split(/\r\n|\n|\r/)) {
        const a = lexSegment(line, 0, line.length);
        const b = lexPrefix(line, 0, line.length);
        assert.deepEqual([a.prefix, a.msgStart], [b.prefix, b.msgStart], `${f}: ${line}`);
        checked++;
      }
    }
    assert.ok(checked > 2000, `${checked} lines`);
  });

  test('every line of generated logs in every prefix style, and most lines take the fast path', async () => {
    const { generate } = await import('../../scripts/gen-log.mjs');
    const { fastPrefix, lexPrefix } = await import('../../server/src/core/lexer/lexer.js');
    let lines = 0;
    let fast = 0;
    const kinds = new Set<string>();
    for (const seed of [1, 2, 3]) {
      const { text } = generate({ sizeBytes: 1.5 * 2 ** 20, seed });
      for (const line of text.split('\n')) {
        lines++;
        const a = fastPrefix(line, 0, line.length);
        if (!a) continue;
        fast++;
        kinds.add(a.prefix.kind);
        const b = lexPrefix(line, 0, line.length);
        assert.deepEqual([a.prefix, a.msgStart], [b.prefix, b.msgStart], `seed ${seed}: ${line}`);
      }
    }
    assert.ok(fast > lines * 0.95, `${fast} of ${lines} lines on the fast path`);
    for (const k of ['raw-dmesg', 'dmesg-T', 'syslog', 'iso', 'none']) assert.ok(kinds.has(k), `the fast path reads ${k} prefixes`);
  });

  test('prefixes followed by messages that look like prefixes: the fast path agrees or leaves the line to the lexer', async () => {
    const { fastPrefix, lexPrefix } = await import('../../server/src/core/lexer/lexer.js');
    const heads = ['', '  ', '[ 1234.567890] ', '[    5.000001][    T1] ', '[  214.409199][  C240]\t', '<4>[ 1234.567890] ', '<6>', '[Wed Dec  4 00:01:23 2024] ',
      'Dec  4 00:01:23 web-01 kernel: ', 'Dec 04 00:01:23.123456 web-01 kernel: [ 1.000000] ', '2024-12-04T00:01:23.123456+08:00 web-01 kernel: ', '2024-12-04T00:01:23,123456+08:00 ',
      '2024-12-04T00:01:23+0800 web-01 systemd-coredump[7888]: ', '[ 1234.567890] web-01 kernel: ', 'Wed 2024-12-04 00:01:23 CST web-01 kernel: ', '4,1234,5678901234,-;'];
    const tails = ['', ' ', 'kernel:', 'Out of memory: Killed process 1 (a)', '[  pid  ]   uid  tgid total_vm', '[  23793]     0 23793   655928   126942  5226496   519670             0 leaker',
      '<3>x', '[ 1.5] x', '[ T7] x', '[pid:1,cpu2,x] y', '2024-01-01T00:00:00 x', '1733270483.123456 x', '07-13 08:41:51.341 x', 'Dec  4 00:01:23 h t: x', 'Wed 2024-12-04 00:01:23 x',
      'kern  :warn  : x', 'host tag: x', 'host tag:', 'host -bash: hello', 'host )x: y', '0 pages reserved', 'Mem-Info:', '\tx', '[Di Aug 12 03:54:03 2025] x', 'web-01 kernel: x'];
    let agreed = 0;
    for (const h of heads) {
      for (const t of tails) {
        for (const line of [h + t, h + t + ' #012next']) {
          const a = fastPrefix(line, 0, line.length);
          if (!a) continue;
          const b = lexPrefix(line, 0, line.length);
          assert.deepEqual([a.prefix, a.msgStart], [b.prefix, b.msgStart], JSON.stringify(line));
          agreed++;
        }
        // A segment that ends before the line does (`#012`): the fast path must not read past it.
        const line = h + t + '#012more: x';
        const end = line.length - '#012more: x'.length;
        const a = fastPrefix(line, 0, end);
        if (a) assert.deepEqual([a.prefix, a.msgStart], [lexPrefix(line, 0, end).prefix, lexPrefix(line, 0, end).msgStart], JSON.stringify(line.slice(0, end)));
      }
    }
    assert.ok(agreed > heads.length * tails.length, `${agreed} lines on the fast path`);
  });
});
