/**
 * GFP mask decoding (kernel-log-formats.md §5). The first groups run everywhere (inputs copied from
 * shared/corpus logs and kernel sources); the last one replays every required_checks and
 * decode_examples entry of ../shared/reference/gfp-flags.json and is skipped in a clone without it.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeGfp, GFP_LAYOUTS, gfpFlagInfo, gfpLayoutFor } from '../../server/src/core/knowledge/gfp.js';
import { SHARED } from '../helpers.js';

const GFP_JSON = join(SHARED, 'reference', 'gfp-flags.json');
const hasJson = existsSync(GFP_JSON);
const NO_JSON = `../shared/reference/gfp-flags.json not found next to this clone (expected at ${GFP_JSON}); reference checks need it`;

const flags = (mask: string, release: string | null, printed?: string[] | null) => decodeGfp(mask, release, printed)?.flags.join('|');

describe('decodeGfp: corpus values', () => {
  test('RHEL 7.3 0x201da (no names printed) = GFP_HIGHUSER_MOVABLE|__GFP_COLD', () => {
    assert.deepEqual(decodeGfp('0x201da', '3.10.0-514.6.1.el7.x86_64'), {
      flags: ['GFP_HIGHUSER_MOVABLE', '__GFP_COLD'],
      layout: 'rhel7.3-7.7',
      exact: true,
      unknownBits: null,
    });
    // RHEL 7.9 moved ___GFP_ACCOUNT to 0x100000 but 0x201da reads the same there.
    assert.equal(flags('0x201da', '3.10.0-1160.el7.x86_64'), 'GFP_HIGHUSER_MOVABLE|__GFP_COLD');
    assert.equal(flags('0x280da', '3.10.0-1160.el7.x86_64'), 'GFP_HIGHUSER_MOVABLE|__GFP_ZERO');
  });

  test('Alibaba 5.10 and 5.2-rc7: 0x100cca = GFP_HIGHUSER_MOVABLE, matching what was printed', () => {
    for (const rel of ['5.10.112-005.ali5000.al8.aarch64', '5.2.0-rc7']) {
      const d = decodeGfp('0x100cca', rel, ['GFP_HIGHUSER_MOVABLE']);
      assert.deepEqual(d, { flags: ['GFP_HIGHUSER_MOVABLE'], layout: '5.2-5.12', exact: true, unknownBits: null });
    }
  });

  test('arch 6.1.1: 0x140dca = GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO', () => {
    const printed = ['GFP_HIGHUSER_MOVABLE', '__GFP_COMP', '__GFP_ZERO'];
    assert.deepEqual(decodeGfp('0x140dca', '6.1.1-arch1-1', printed), { flags: printed, layout: '5.18-6.2', exact: true, unknownBits: null });
    assert.deepEqual(decodeGfp('0x140dca', '6.1.1-arch1-1')?.flags, printed);
  });

  test('proxmox 5.15: 0x1100cca is GFP_HIGHUSER_MOVABLE (it includes __GFP_SKIP_KASAN_POISON there)', () => {
    assert.deepEqual(decodeGfp('0x1100cca', '5.15.158-2-pve', ['GFP_HIGHUSER_MOVABLE']), {
      flags: ['GFP_HIGHUSER_MOVABLE'],
      layout: '5.14-5.17',
      exact: true,
      unknownBits: null,
    });
    assert.equal(flags('0x100cca', '5.15.158-2-pve'), 'GFP_HIGHUSER|__GFP_MOVABLE');
    assert.equal(flags('0x1000000', '5.15.0'), '__GFP_SKIP_KASAN_POISON');
    assert.equal(flags('0x1000000', '6.1.0'), '0x1000000');
  });

  test('Ubuntu 5.13 lies between two reads that differ: printed names pass through, layout unknown', () => {
    assert.deepEqual(decodeGfp('0xcc0', '5.13.0-19-generic', ['GFP_KERNEL']), {
      flags: ['GFP_KERNEL'],
      layout: 'unknown',
      exact: false,
      unknownBits: '0xcc0',
    });
    assert.equal(decodeGfp('0xcc0', '5.13.0-19-generic'), null);
    assert.deepEqual(gfpLayoutFor('5.13.0-19-generic'), { id: 'unknown', from: '5.12', to: '5.14', verified: false });
  });

  test('android 4.1 mode:0x2000d1 (hex only) = GFP_KERNEL|GFP_DMA|__GFP_NOTRACK in the 4.1-4.3 layout', () => {
    assert.deepEqual(decodeGfp('0x2000d1', '4.1.0'), {
      flags: ['GFP_KERNEL', 'GFP_DMA', '__GFP_NOTRACK'],
      layout: '4.1-4.3',
      exact: true,
      unknownBits: null,
    });
    assert.deepEqual(gfpLayoutFor('4.1.15-perf'), { id: '4.1-4.3', from: '4.1', to: '4.3', verified: true });
  });

  test('3.4 mode:0x4020 = GFP_ATOMIC|__GFP_COMP (GFP_ATOMIC is just __GFP_HIGH before 4.4)', () => {
    assert.deepEqual(decodeGfp('0x4020', '3.4.0'), { flags: ['GFP_ATOMIC', '__GFP_COMP'], layout: '3.4-3.5', exact: true, unknownBits: null });
    // 0x200000 (NOTRACK) needs CONFIG_KMEMCHECK=y in 3.4: unnamed in the assumed config.
    assert.deepEqual(decodeGfp('0x200020', '3.4.0'), { flags: ['GFP_ATOMIC', '0x200000'], layout: '3.4-3.5', exact: false, unknownBits: '0x200000' });
  });
});

describe('decodeGfp: GFP_KERNEL and friends in every layout', () => {
  const kernel: [string, string, string][] = [
    ['3.4.113', '0xd0', '3.4-3.5'],
    ['3.10.0', '0xd0', '3.8-3.14'],
    ['3.10.0-957.el7.x86_64', '0xd0', 'rhel7.3-7.7'],
    ['3.18.140', '0xd0', '3.16-4.0'],
    ['4.1.15', '0xd0', '4.1-4.3'],
    ['4.4.0-210-generic', '0x24000c0', '4.4'],
    ['4.5.7', '0x24000c0', '4.5'],
    ['4.7.10', '0x24000c0', '4.6-4.7'],
    ['4.9.0-8-amd64', '0x24000c0', '4.8-4.9'],
    ['4.10.17', '0x14000c0', '4.10-4.12'],
    ['4.13.16', '0x14000c0', '4.13'],
    ['4.14.336', '0x14000c0', '4.14'],
    ['4.15.0-213-generic', '0x14000c0', '4.15-4.17'],
    ['4.18.0-147.el8.x86_64', '0x6000c0', 'rhel8.1-8.3'],
    ['4.19.0-26-amd64', '0x6000c0', '4.18-5.0'],
    ['5.0.21', '0x6000c0', '4.18-5.0'],
    ['5.3.18', '0xcc0', '5.2-5.12'],
    ['5.15.0-91-generic', '0xcc0', '5.14-5.17'],
    ['6.1.0-18-amd64', '0xcc0', '5.18-6.2'],
    ['6.6.30', '0xcc0', '6.3-6.6'],
    ['6.8.0-31-generic', '0xcc0', '6.8-6.9'],
    ['6.12.10', '0xcc0', '6.10-6.14'],
    ['6.18.2', '0xcc0', '6.17-6.19'],
  ];
  for (const [rel, mask, layout] of kernel) {
    test(`${rel}: ${mask} = GFP_KERNEL (${layout})`, () => {
      assert.deepEqual(decodeGfp(mask, rel), { flags: ['GFP_KERNEL'], layout, exact: true, unknownBits: null });
      assert.equal(gfpFlagInfo('GFP_KERNEL', rel)?.bit, mask);
    });
  }

  test('the 4.4 reorganisation: 0xd0 is no longer GFP_KERNEL', () => {
    assert.equal(flags('0xd0', '4.4.0'), '__GFP_RECLAIMABLE|__GFP_IO|__GFP_FS');
    assert.equal(flags('0x24000c0', '4.3.0'), '__GFP_IO|__GFP_FS|__GFP_NO_KSWAPD|0x2000000');
  });

  test('4.9 → 4.10 (__GFP_OTHER_NODE removed) and 4.12 → 4.13 (__GFP_REPEAT renamed) change the names', () => {
    assert.equal(flags('0x800000', '4.9.0'), '__GFP_OTHER_NODE');
    assert.equal(flags('0x800000', '4.10.0'), '__GFP_WRITE');
    assert.equal(flags('0x400', '4.12.0'), '__GFP_REPEAT');
    assert.equal(flags('0x400', '4.13.0'), '__GFP_RETRY_MAYFAIL');
    assert.equal(flags('0x100', '4.14.0'), '__GFP_COLD');
    assert.equal(flags('0x100', '4.15.0'), '0x100');
  });

  test('combinations come first, exactly as %pGg prints them', () => {
    assert.equal(flags('0x400dc0', '5.10.0'), 'GFP_KERNEL_ACCOUNT|__GFP_ZERO');
    assert.equal(flags('0x40cc0', '5.10.0'), 'GFP_KERNEL|__GFP_COMP');
    assert.equal(flags('0x1c24ca', '5.10.0'), 'GFP_TRANSHUGE');
    assert.equal(flags('0xa20', '5.10.0'), 'GFP_ATOMIC');
    assert.equal(flags('0xa20', '6.6.0'), 'GFP_ATOMIC|0x200');
    assert.equal(flags('0x2800', '6.12.0'), 'GFP_NOWAIT');
    assert.equal(flags('0x2800', '6.6.0'), 'GFP_NOWAIT|__GFP_NOWARN');
    assert.equal(flags('0xc00', '6.18.0'), 'GFP_NOIO');
    assert.equal(flags('0x14200ca', '6.18.0'), '__GFP_HIGHMEM|__GFP_MOVABLE|__GFP_IO|__GFP_FS|__GFP_MEMALLOC|__GFP_ACCOUNT|__GFP_NO_OBJ_EXT');
  });

  test('a zero mask prints nothing', () => {
    assert.deepEqual(decodeGfp('0x0', '5.10.0', []), { flags: [], layout: '5.2-5.12', exact: true, unknownBits: null });
  });
});

describe('decodeGfp: unknown releases, unknown bits, disagreements', () => {
  test('a bit no layout names stays a hex rest and makes the result inexact', () => {
    for (const rel of ['3.10.0', '4.9.0', '5.10.0', '6.18.0']) {
      const d = decodeGfp('0x80000cc0', rel);
      assert.equal(d?.exact, false, rel);
      assert.equal(d?.unknownBits, '0x80000000', rel);
      assert.equal(d?.flags.at(-1), '0x80000000', rel);
    }
    assert.deepEqual(decodeGfp('0x80000cc0', '5.10.0')?.flags, ['GFP_KERNEL', '0x80000000']);
  });

  test('no release: printed names pass through, nothing is guessed', () => {
    assert.deepEqual(decodeGfp('0x100cca', null, ['GFP_HIGHUSER_MOVABLE']), {
      flags: ['GFP_HIGHUSER_MOVABLE'],
      layout: 'unknown',
      exact: false,
      unknownBits: '0x100cca',
    });
    assert.equal(decodeGfp('0x100cca', null), null);
    assert.equal(decodeGfp('0x100cca', null, null), null);
    assert.equal(gfpLayoutFor(null), null);
  });

  test('releases outside every verified range', () => {
    assert.deepEqual(gfpLayoutFor('7.1.0'), { id: 'unknown', from: '6.19', to: '', verified: false });
    assert.deepEqual(gfpLayoutFor('2.6.32-754.el6.x86_64'), { id: 'unknown', from: '', to: '3.4', verified: false });
    assert.deepEqual(gfpLayoutFor('5.1.21'), { id: 'unknown', from: '5.0', to: '5.2', verified: false });
    assert.deepEqual(gfpLayoutFor('6.7.12'), { id: 'unknown', from: '6.6', to: '6.8', verified: false });
    assert.deepEqual(gfpLayoutFor('6.16.1'), { id: 'unknown', from: '6.14', to: '6.17', verified: false });
    assert.deepEqual(gfpLayoutFor('3.10.0-327.el7.x86_64'), { id: 'unknown', from: '', to: '3.10.0-514.el7', verified: false });
    assert.deepEqual(gfpLayoutFor('4.18.0-513.5.1.el8_9.x86_64'), { id: 'unknown', from: '4.18.0-240.el8', to: '', verified: false });
    assert.deepEqual(gfpLayoutFor('5.14.0-427.13.1.el9_4.x86_64'), { id: 'unknown', from: '', to: '', verified: false });
    assert.equal(decodeGfp('0xd0', '3.10.0-327.el7.x86_64'), null);
    assert.equal(gfpLayoutFor('not a release'), null);
  });

  test('vendor suffixes that are not RHEL use the upstream layout', () => {
    assert.equal(gfpLayoutFor('4.14.35-1902.el7uek.x86_64')?.id, '4.14');
    assert.equal(gfpLayoutFor('5.10.112-005.ali5000.al8.aarch64')?.id, '5.2-5.12');
    assert.equal(gfpLayoutFor('3.10.0')?.id, '3.8-3.14');
  });

  test('when the kernel printed something else, its names win and the result is inexact', () => {
    // A 6.12 kernel with CONFIG_LOCKDEP=y numbers __GFP_NO_OBJ_EXT 0x2000000, which 6.12 leaves unnamed.
    const printed = ['GFP_KERNEL', '0x2000000'];
    assert.deepEqual(decodeGfp('0x2000cc0', '6.12.0', printed), { flags: printed, layout: '6.10-6.14', exact: false, unknownBits: '0x2000000' });
    assert.deepEqual(decodeGfp('0xcc0', '5.10.0', ['GFP_NOFS', '__GFP_FS']), { flags: ['GFP_NOFS', '__GFP_FS'], layout: '5.2-5.12', exact: false, unknownBits: null });
  });

  test('masks that are not hex are refused', () => {
    assert.equal(decodeGfp('GFP_KERNEL', '5.10.0'), null);
    assert.equal(decodeGfp('0x123456789', '5.10.0'), null);
    assert.deepEqual(decodeGfp('CC0', '5.10.0')?.flags, ['GFP_KERNEL']);
  });
});

describe('gfpFlagInfo and the tables', () => {
  test('hover facts: value in the release and a two-language meaning', () => {
    const io = gfpFlagInfo('__GFP_IO', '5.10.112-005.ali5000.al8.aarch64');
    assert.equal(io?.bit, '0x40');
    assert.match(io?.meaning.en ?? '', /I\/O/);
    assert.match(io?.meaning['zh-cn'] ?? '', /内存回收/);
    assert.equal(gfpFlagInfo('___GFP_DIRECT_RECLAIM', '4.9.0')?.bit, '0x400000');
    assert.equal(gfpFlagInfo('__GFP_DIRECT_RECLAIM', '5.10.0')?.bit, '0x400');
    assert.equal(gfpFlagInfo('GFP_HIGHUSER_MOVABLE', '5.15.0')?.bit, '0x1100cca');
    assert.equal(gfpFlagInfo('GFP_NOWAIT', '3.10.0')?.bit, '0x0');
    assert.equal(gfpFlagInfo('__GFP_KMEMCG', '3.10.0-514.el7')?.bit, '0x100000');
    assert.equal(gfpFlagInfo('__GFP_ACCOUNT', '3.10.0-1160.el7')?.bit, '0x100000');
    assert.match(gfpFlagInfo('__GFP_NOLOCKDEP', '5.10.0')?.bit ?? '', /^0x800000 with CONFIG_LOCKDEP=y/);
    assert.equal(gfpFlagInfo('__GFP_COLD', '5.10.0')?.bit, '');
    assert.equal(gfpFlagInfo('__GFP_IO', '5.13.0')?.bit, '0x40'); // unverified release, but every layout agrees
    assert.equal(gfpFlagInfo('__GFP_ZERO', '5.13.0')?.bit, ''); // unverified and the layouts disagree
    assert.equal(gfpFlagInfo('GFP_BOGUS', '5.10.0'), null);
  });

  test('every name a table can print, and every bit, has a meaning in both languages', () => {
    for (const l of GFP_LAYOUTS) {
      const names = [...l.table.map((e) => e[0]), ...Object.keys(l.bits).map((b) => b.slice(1)), ...Object.keys(l.configBits).map((b) => b.slice(1))];
      for (const n of names) {
        const info = gfpFlagInfo(n, null);
        assert.ok(info, `${l.id}: no meaning for ${n}`);
        assert.ok(info.meaning.en.length > 20 && /[\u4e00-\u9fff]/.test(info.meaning['zh-cn']), `${l.id}: ${n}`);
      }
    }
    for (const n of ['GFP_KERNEL', 'GFP_ATOMIC', 'GFP_NOFS', 'GFP_NOIO', 'GFP_HIGHUSER_MOVABLE', 'GFP_KERNEL_ACCOUNT', 'GFP_NOWAIT', 'GFP_DMA', 'GFP_DMA32', 'GFP_TRANSHUGE', 'GFP_TRANSHUGE_LIGHT']) {
      assert.ok(gfpFlagInfo(n, '6.1.0'), n);
    }
  });

  test('tables hold no zero masks (format_flags would print them for every mask) and no bits outside gfp_t', () => {
    for (const l of GFP_LAYOUTS) {
      for (const [name, mask] of l.table) assert.ok(mask > 0 && mask <= 0xffffffff, `${l.id} ${name}`);
      for (const [name, bit] of Object.entries(l.bits)) assert.ok(bit > 0 && (bit & (bit - 1)) === 0, `${l.id} ${name} is one bit`);
      const single = Object.values(l.bits);
      assert.equal(new Set(single).size, single.length, `${l.id}: two flags share a bit`);
    }
  });

  test('layout ranges do not overlap and every bit of every layout decodes to its own name', () => {
    const up = GFP_LAYOUTS.filter((l) => !('rhel' in l.range));
    for (let i = 1; i < up.length; i++) {
      const a = up[i - 1]!.range as { to: [number, number] };
      const b = up[i]!.range as { from: [number, number] };
      assert.ok(a.to[0] < b.from[0] || (a.to[0] === b.from[0] && a.to[1] < b.from[1]), `${up[i - 1]!.id} / ${up[i]!.id}`);
    }
    for (const l of GFP_LAYOUTS) {
      const rel = 'rhel' in l.range ? `${l.from}.x86_64` : `${l.from}.0`;
      assert.equal(gfpLayoutFor(rel)?.id, l.id, rel);
      for (const [name, bit] of Object.entries(l.bits)) {
        const d = decodeGfp(`0x${bit.toString(16)}`, rel);
        if (l.id === '6.10-6.14' && name === '___GFP_NO_OBJ_EXT') {
          // mmflags.h names it only from 6.17 (TRACE_GFP_FLAGS); these kernels print the hex.
          assert.deepEqual(d, { flags: ['0x1000000'], layout: l.id, exact: false, unknownBits: '0x1000000' });
          continue;
        }
        assert.equal(d?.exact, true, `${l.id} ${name}`);
        assert.ok(d.flags.length === 1, `${l.id} ${name}: ${d.flags}`);
        assert.equal(gfpFlagInfo(d.flags[0]!, rel)?.bit, `0x${bit.toString(16)}`, `${l.id} ${name} → ${d.flags[0]}`);
      }
    }
  });
});

interface RefVersion {
  bits: Record<string, string>;
  composites: Record<string, string>;
  pGg_supported: boolean;
  pGg_table?: { name: string; mask: string }[];
}
interface RefJson {
  required_checks: { version: string; mask: string; pGg: string }[];
  decode_examples: { version: string; mask: string; pGg: string }[];
  versions: Record<string, RefVersion>;
}

/** A release string for a gfp-flags.json version label. */
function releaseOf(label: string): string {
  if (label === '3.10-el7') return '3.10.0-1160.el7.x86_64';
  if (label === '4.18-el8') return '4.18.0-240.el8.x86_64';
  return `${label}.0`;
}

describe('shared/reference/gfp-flags.json', { skip: hasJson ? false : NO_JSON }, () => {
  const ref: RefJson = hasJson ? JSON.parse(readFileSync(GFP_JSON, 'utf8')) : { required_checks: [], decode_examples: [], versions: {} };

  test('required_checks', () => {
    assert.ok(ref.required_checks.length >= 5);
    for (const c of ref.required_checks) {
      const d = decodeGfp(c.mask, releaseOf(c.version));
      assert.equal(d?.flags.join('|'), c.pGg, `${c.version} ${c.mask}`);
      assert.equal(d?.exact, true, `${c.version} ${c.mask}`);
    }
  });

  test('decode_examples, without and with the printed names', () => {
    assert.ok(ref.decode_examples.length >= 100);
    for (const e of ref.decode_examples) {
      const rel = releaseOf(e.version);
      const printed = e.pGg === '' ? [] : e.pGg.split('|');
      const hexRest = printed.find((p) => p.startsWith('0x')) ?? null;
      const d = decodeGfp(e.mask, rel);
      assert.equal(d?.flags.join('|'), e.pGg, `${e.version} ${e.mask}`);
      assert.equal(d?.exact, hexRest === null, `${e.version} ${e.mask}`);
      assert.equal(d?.unknownBits, hexRest, `${e.version} ${e.mask}`);
      assert.deepEqual(decodeGfp(e.mask, rel, printed), d, `${e.version} ${e.mask} with printed names`);
    }
  });

  test('our %pGg tables are the reference tables', () => {
    for (const [label, v] of Object.entries(ref.versions)) {
      if (!v.pGg_table) continue;
      const id = gfpLayoutFor(releaseOf(label))?.id;
      const layout = GFP_LAYOUTS.find((l) => l.id === id);
      assert.ok(layout?.printsNames, label);
      assert.deepEqual(
        layout.table.map(([n, m]) => [n, m]),
        v.pGg_table.map((e) => [e.name, Number.parseInt(e.mask, 16)]),
        label,
      );
    }
  });

  test('bit values and combinations per version', () => {
    for (const [label, v] of Object.entries(ref.versions)) {
      const rel = releaseOf(label);
      assert.equal(gfpLayoutFor(rel)?.verified, true, label);
      assert.equal(GFP_LAYOUTS.find((l) => l.id === gfpLayoutFor(rel)?.id)?.printsNames, v.pGg_supported, label);
      for (const [name, value] of Object.entries(v.bits)) {
        const info = gfpFlagInfo(name, rel);
        assert.ok(info, `${label} ${name}`);
        if (Number.parseInt(value, 16) !== 0) assert.equal(info.bit, `0x${Number.parseInt(value, 16).toString(16)}`, `${label} ${name}`);
        else assert.doesNotMatch(info.bit, /^0x[0-9a-f]+$/, `${label} ${name} is 0 in the assumed config`);
      }
      for (const [name, value] of Object.entries(v.composites)) {
        const info = gfpFlagInfo(name, rel);
        if (!info) continue; // GFP_IOFS, GFP_THISNODE: never printed, no hover text
        assert.equal(info.bit, `0x${Number.parseInt(value, 16).toString(16)}`, `${label} ${name}`);
      }
    }
  });
});
