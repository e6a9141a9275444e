/**
 * Taint field decoding (kernel-log-formats.md §6). Inputs are copied from shared/corpus logs and
 * shared/reference so the test runs in a clone without ../shared.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeTaint, parseTaintLegend, TAINT_LAYOUTS, taintMeaning } from '../../server/src/core/knowledge/taint.js';

const names = (d: { flags: { name: string }[] }) => d.flags.map((f) => f.name);
const bits = (d: { flags: { bit: number }[] }) => d.flags.map((f) => f.bit);

describe('decodeTaint: corpus strings', () => {
  test('syslog squeezed "G OE K" (seed-memcg-5.10-arm64-syslog.log) decodes by letter', () => {
    const d = decodeTaint('Tainted: G OE K', '5.10.112-005.ali5000.al8.aarch64');
    assert.equal(d.tainted, true);
    assert.equal(d.method, 'letter');
    assert.equal(d.layout, '4.19-5.15');
    assert.deepEqual(names(d), ['OOT_MODULE', 'UNSIGNED_MODULE', 'LIVEPATCH']);
    assert.deepEqual(bits(d), [12, 13, 15]);
    assert.deepEqual(d.unknown, []);
    assert.match(d.note ?? '', /collapsed/);
  });

  test('proxmox 5.15 "P           O      " decodes by position', () => {
    const d = decodeTaint('Tainted: P           O      ', '5.15.158-2-pve');
    assert.equal(d.method, 'position');
    assert.equal(d.layout, '4.19-5.15');
    assert.deepEqual(names(d), ['PROPRIETARY_MODULE', 'OOT_MODULE']);
    assert.deepEqual(d.flags.map((f) => f.letter), ['P', 'O']);
    assert.equal(d.note, null);
  });

  test('arch 6.1.1 "G           OE     " decodes by position', () => {
    const d = decodeTaint('Tainted: G           OE     ', '6.1.1-arch1-1');
    assert.equal(d.method, 'position');
    assert.equal(d.layout, '6.1-6.12');
    assert.deepEqual(bits(d), [12, 13]);
  });

  test('android 4.1 "G        W      " decodes by position (4.14 table, range note)', () => {
    const d = decodeTaint('Tainted: G        W      ', '4.1.18-g09f547b');
    assert.equal(d.method, 'position');
    assert.equal(d.layout, '4.14');
    assert.deepEqual(names(d), ['WARN']);
    assert.match(d.note ?? '', /not verified for 4\.1/);
  });

  test('RHEL 9 hung-task field (lkml-5.14rt-hung-task-raw.log) decodes by letter, layout unverified', () => {
    const d = decodeTaint('Tainted: G          I      --------- ---', '5.14.0-31.rt21.31.el9.x86_64');
    assert.equal(d.method, 'letter');
    assert.equal(d.layout, 'rhel9');
    assert.deepEqual(names(d), ['FIRMWARE_WORKAROUND']);
    assert.deepEqual(d.unknown, []);
    assert.match(d.note ?? '', /RHEL 9.*not verified/);
  });

  test('Not tainted', () => {
    for (const rel of ['5.2.0-rc7', null]) {
      const d = decodeTaint('Not tainted', rel);
      assert.equal(d.tainted, false);
      assert.deepEqual(d.flags, []);
      assert.deepEqual(d.unknown, []);
    }
  });
});

describe('decodeTaint: position vs letter', () => {
  test('the same W/O/E field: full width, trimmed, squeezed, unknown release', () => {
    const rel = '5.4.0-100-generic';
    const full = decodeTaint('Tainted: G        W  OE    ', rel);
    const trimmed = decodeTaint('Tainted: G        W  OE', rel);
    const squeezed = decodeTaint('Tainted: G W OE', rel);
    const noRelease = decodeTaint('Tainted: G        W  OE    ', null);
    for (const d of [full, trimmed, squeezed, noRelease]) assert.deepEqual(bits(d), [9, 12, 13]);
    assert.equal(full.method, 'position');
    assert.equal(trimmed.method, 'position');
    assert.equal(squeezed.method, 'letter');
    assert.equal(noRelease.method, 'letter');
    assert.equal(noRelease.layout, 'unknown');
  });

  test('trimming cannot fake a position: squeezed "G D" is letter-decoded as DIE, not bit 2', () => {
    const d = decodeTaint('Tainted: G D', '6.6.57');
    assert.equal(d.method, 'letter');
    assert.deepEqual(names(d), ['DIE']);
  });

  test('field longer than the table falls back to letters', () => {
    const d = decodeTaint('Tainted: G                 W   ', '3.10.105'); // W beyond 13 positions
    assert.equal(d.method, 'letter');
    assert.deepEqual(names(d), ['WARN']);
    assert.match(d.note ?? '', /longer than the 13/);
  });

  test('caller passing the rest of the CPU line: cut at the release', () => {
    const d = decodeTaint('Tainted: P           O      5.15.158-2-pve #1', '5.15.158-2-pve');
    assert.equal(d.method, 'position');
    assert.deepEqual(names(d), ['PROPRIETARY_MODULE', 'OOT_MODULE']);
  });
});

describe('decodeTaint: RHEL layouts and ambiguous letters', () => {
  test('RHEL 7 width-30 example from the reference', () => {
    const d = decodeTaint('Tainted: G           OE  ------------  ', '3.10.0-1160.el7.x86_64');
    assert.equal(d.method, 'position');
    assert.equal(d.layout, 'rhel7');
    assert.deepEqual(names(d), ['OOT_MODULE', 'UNSIGNED_MODULE']);
  });

  test('RHEL 7 T at bit 29 is TECH_PREVIEW; H at bit 28 is HARDWARE_UNSUPPORTED; meanings say unverified', () => {
    const d = decodeTaint('Tainted: G               ------------HT', '3.10.0-1160.el7.x86_64');
    assert.equal(d.method, 'position');
    assert.deepEqual(bits(d), [28, 29]);
    assert.deepEqual(names(d), ['HARDWARE_UNSUPPORTED', 'TECH_PREVIEW']);
    for (const f of d.flags) assert.match(f.meaning.en, /unverified/);
  });

  test('squeezed T: release layout decides; unknown release reports it', () => {
    assert.deepEqual(names(decodeTaint('Tainted: G O T', '3.10.0-1160.el7.x86_64')), ['OOT_MODULE', 'TECH_PREVIEW']);
    assert.deepEqual(names(decodeTaint('Tainted: G O T', '4.18.0-240.el8.x86_64')), ['OOT_MODULE', 'RANDSTRUCT']);
    assert.deepEqual(names(decodeTaint('Tainted: G O T', '5.10.0')), ['OOT_MODULE', 'RANDSTRUCT']);
    const u = decodeTaint('Tainted: G O T', null);
    assert.deepEqual(names(u), ['OOT_MODULE']);
    assert.deepEqual(u.unknown, ['T']);
    assert.match(u.note ?? '', /T is RANDSTRUCT/);
  });

  test('RHEL 8 lowercase t/u/r positions', () => {
    const field = 'G' + ' '.repeat(17) + '-'.repeat(9) + 'r-tu-';
    const d = decodeTaint('Tainted: ' + field, '4.18.0-240.el8.x86_64');
    assert.equal(d.method, 'position');
    assert.equal(d.layout, 'rhel8');
    assert.deepEqual(names(d), ['SUPPORT_REMOVED', 'TECH_PREVIEW', 'UNPRIVILEGED_BPF']);
  });

  test('Oracle UEK (.el7uek) uses the mainline table', () => {
    const d = decodeTaint('Tainted: G           OE     ', '4.14.35-2047.510.5.el7uek.x86_64');
    assert.equal(d.layout, '4.14');
    assert.equal(d.method, 'position');
  });

  test('unknown release and letters', () => {
    const d = decodeTaint('Tainted: P    W Z?', 'weird');
    assert.equal(d.method, 'letter');
    assert.equal(d.layout, 'unknown');
    assert.deepEqual(names(d), ['PROPRIETARY_MODULE', 'WARN']);
    assert.deepEqual(d.unknown, ['Z', '?']);
  });
});

/**
 * Tables restated independently of the implementation (kernel-log-formats.md §6 widths and
 * taint-flags.json letters): for each, a field with one bit set decodes back to that bit alone,
 * at full width and with trailing spaces trimmed.
 */
const ML = 'PFSRMBUDAWCIOELKXTNJ';
const EXPECTED: Record<string, { release: string; set: string; unset: string }> = {
  '3.10': { release: '3.10.105', set: ML.slice(0, 13), unset: 'G' + ' '.repeat(12) },
  '4.14': { release: '4.14.177', set: ML.slice(0, 16), unset: 'G' + ' '.repeat(15) },
  '4.19-5.15': { release: '5.10.265', set: ML.slice(0, 18), unset: 'G' + ' '.repeat(17) },
  '6.1-6.12': { release: '6.12.19', set: ML.slice(0, 19), unset: 'G' + ' '.repeat(18) },
  '6.18': { release: '6.18.35', set: ML, unset: 'G' + ' '.repeat(19) },
  rhel7: {
    release: '3.10.0-1160.el7.x86_64',
    set: ML.slice(0, 16) + '?'.repeat(12) + 'HT',
    unset: 'G' + ' '.repeat(15) + '-'.repeat(12) + '  ',
  },
  rhel8: {
    release: '4.18.0-240.el8.x86_64',
    set: ML.slice(0, 18) + '?'.repeat(9) + 'r?tu?',
    unset: 'G' + ' '.repeat(17) + '-'.repeat(9) + ' -  -',
  },
};

describe('decodeTaint: one bit per table round-trips', () => {
  test('every exported table is covered, with the documented width', () => {
    assert.deepEqual(TAINT_LAYOUTS.map((l) => l.id).sort(), Object.keys(EXPECTED).sort());
    const widths = Object.fromEntries(TAINT_LAYOUTS.map((l) => [l.id, l.entries.length]));
    assert.deepEqual(widths, { '3.10': 13, '4.14': 16, '4.19-5.15': 18, '6.1-6.12': 19, '6.18': 20, rhel7: 30, rhel8: 32 });
  });

  for (const [id, t] of Object.entries(EXPECTED)) {
    test(`${id}: each single bit`, () => {
      assert.equal(t.set.length, t.unset.length);
      for (let bit = 0; bit < t.set.length; bit++) {
        const field = t.unset.slice(0, bit) + t.set[bit] + t.unset.slice(bit + 1);
        for (const text of [field, field.replace(/ +$/, '')]) {
          const d = decodeTaint('Tainted: ' + text, t.release);
          assert.equal(d.method, 'position', `${id} bit ${bit} ${JSON.stringify(text)}`);
          assert.equal(d.layout, id);
          assert.deepEqual(bits(d), [bit], `${id} bit ${bit} ${JSON.stringify(text)}`);
          assert.equal(d.flags[0]!.letter, t.set[bit]);
          assert.ok(d.flags[0]!.meaning.en && d.flags[0]!.meaning['zh-cn'], `${id} bit ${bit} has meanings`);
        }
      }
    });
  }
});

describe('parseTaintLegend', () => {
  test('6.12 legend line', () => {
    assert.deepEqual(parseTaintLegend('Tainted: [P]=PROPRIETARY_MODULE, [O]=OOT_MODULE'), [
      { letter: 'P', name: 'PROPRIETARY_MODULE' },
      { letter: 'O', name: 'OOT_MODULE' },
    ]);
  });

  test('with a log prefix, and the names have meanings', () => {
    const l = parseTaintLegend('[  123.456789] Tainted: [W]=WARN, [E]=UNSIGNED_MODULE');
    assert.deepEqual(l?.map((x) => x.letter), ['W', 'E']);
    for (const x of l ?? []) assert.ok(taintMeaning(x.name));
  });

  test('a truncated last entry is completed from its letter', () => {
    assert.deepEqual(parseTaintLegend('Tainted: [W]=WARN, [O]=OOT_MO'), [
      { letter: 'W', name: 'WARN' },
      { letter: 'O', name: 'OOT_MODULE' },
    ]);
  });

  test('not a legend: the taint field and other lines', () => {
    assert.equal(parseTaintLegend('CPU: 3 PID: 1 Comm: x Tainted: G        W  OE     6.12.19 #1'), null);
    assert.equal(parseTaintLegend('Not tainted'), null);
  });
});
