/**
 * Kernel taint flags: decode the `Not tainted` / `Tainted: G        W  OE    ` field of the CPU:,
 * hung-task and WARNING lines, and the 6.12+ legend line (kernel-log-formats.md §6).
 *
 * print_tainted() (kernel/panic.c) prints `Tainted: ` followed by exactly one character per entry
 * of the kernel's taint table, in bit order: the entry's letter when the bit is set, otherwise its
 * "unset" character — a space, except bit 0 which prints `G`, and RHEL placeholder bits which
 * print `-` (`?` when set). The field is therefore fixed-width, so position i is bit i of the
 * release's table. Logs often damage it: a trimmed field loses only trailing positions (harmless
 * for positions), but syslog daemons may squeeze runs of spaces (`Tainted: G OE K`), after which
 * only the letters are left.
 *
 * Pure data and functions: no editor or LSP imports.
 */

/** One set taint bit, explained. */
export interface TaintFlag {
  bit: number;
  letter: string;
  name: string;
  meaning: { en: string; 'zh-cn': string };
}

export interface TaintDecoded {
  tainted: boolean;
  /** Set flags, in bit order. */
  flags: TaintFlag[];
  /**
   * position: the printed field kept its width and the version table is known; letter: spaces were
   * collapsed (e.g. syslog squeezed "Tainted: G OE K") or the version is unknown, so flags are
   * matched by letter where the letter is unambiguous.
   */
  method: 'position' | 'letter';
  /** Table used (or preferred, for letters): "3.10", "4.14", "4.19-5.15", "6.1-6.12", "6.18", "rhel7", "rhel8", "rhel9", "unknown". */
  layout: string;
  /** Letters that could not be placed. */
  unknown: string[];
  /** What the reader should know about how this was decoded, or null. */
  note: string | null;
}

/** One entry of a taint table, as print_tainted() prints it. */
export interface TaintEntry {
  bit: number;
  /** Character printed when the bit is set (c_true). */
  set: string;
  /** Character printed when it is not (c_false): 'G' for bit 0, '-' for RHEL placeholders, else ' '. */
  unset: string;
  /** TAINT_* name without the prefix (the same text the 6.12+ legend prints). */
  name: string;
}

export interface TaintLayout {
  id: string;
  /** Kernel tree and files the table was read from. */
  source: string;
  /** Index i is bit i; the printed width is entries.length. */
  entries: readonly TaintEntry[];
}

type Meaning = { en: string; 'zh-cn': string };

const UNVERIFIED_EN = ' (Red Hat–specific bit; meaning inferred from its name only, unverified.)';
const UNVERIFIED_ZH = '（Red Hat 特有位；含义仅据名称推断，未经验证。）';

/**
 * What each taint tells an on-call engineer. Wording of the facts follows
 * Documentation/admin-guide/tainted-kernels.rst; zh-cn terms follow glossary-zh-cn.md.
 */
const MEANINGS: Record<string, Meaning> = {
  PROPRIETARY_MODULE: {
    en: 'A proprietary (non-GPL) module such as nvidia or a closed vendor driver is loaded; kernel developers cannot read its code, so suspect it first if its symbols appear in the call trace.',
    'zh-cn': '加载了专有（非 GPL）模块，例如 nvidia 或厂商闭源驱动；内核开发者无法查看其代码，若调用栈中出现该模块的符号，应优先怀疑它。',
  },
  FORCED_MODULE: {
    en: 'A module was force-loaded (insmod -f / modprobe --force) past a version or symbol check, so its binary interface may not match this kernel.',
    'zh-cn': '有模块被强制加载（insmod -f / modprobe --force），跳过了版本或符号校验，其二进制接口可能与当前内核不一致。',
  },
  UNSAFE_SMP: {
    en: 'The SMP kernel is running on CPUs not designed for SMP (the old name of bit 2); the hardware setup is unsupported.',
    'zh-cn': 'SMP 内核运行在并非为多处理器设计的 CPU 上（bit 2 的旧名称），该硬件配置不受支持。',
  },
  CPU_OUT_OF_SPEC: {
    en: 'The kernel runs on a CPU or system out of specification (e.g. mismatched features between CPUs, forced PAE, MSRs poked from user space); hardware may misbehave.',
    'zh-cn': '内核运行在超出规格的 CPU 或系统上（例如各 CPU 特性不一致、强制开启 PAE、用户态直接写 MSR），硬件行为可能异常。',
  },
  FORCED_RMMOD: {
    en: 'A module was force-unloaded (rmmod -f); its code or data may still be referenced, so a later crash can be a use-after-free.',
    'zh-cn': '有模块被强制卸载（rmmod -f），其代码或数据可能仍被引用，之后的崩溃可能是释放后使用。',
  },
  MACHINE_CHECK: {
    en: 'A CPU reported a machine check exception (MCE), i.e. a hardware error; check mcelog/rasdaemon or BMC logs and treat the failure as possibly hardware.',
    'zh-cn': 'CPU 报告过机器检查异常（MCE），即硬件错误；请查看 mcelog/rasdaemon 或 BMC 日志，故障可能源于硬件。',
  },
  BAD_PAGE: {
    en: 'A bad page reference or unexpected page flags were found (look above for "BUG: Bad page state"): memory corruption, by hardware or a kernel bug.',
    'zh-cn': '发现了错误的页引用或异常的页标志（请向上查找 “BUG: Bad page state”），说明存在内存损坏，可能来自硬件或内核缺陷。',
  },
  USER: {
    en: 'User space asked for the taint (e.g. by writing /proc/sys/kernel/tainted); only whoever did it knows why.',
    'zh-cn': '由用户态请求设置（例如写入 /proc/sys/kernel/tainted），原因只有操作者知道。',
  },
  DIE: {
    en: 'The kernel already oopsed or hit a BUG earlier; what follows the first oops is suspect, so look above for the first "Oops"/"BUG:".',
    'zh-cn': '内核此前已经发生过 Oops 或 BUG；第一次 Oops 之后的信息都不可靠，请向上查找第一条 “Oops”/“BUG:”。',
  },
  OVERRIDDEN_ACPI_TABLE: {
    en: 'An ACPI table was overridden by the user (e.g. from the initrd), so firmware-described hardware may behave differently from the shipped BIOS.',
    'zh-cn': '有 ACPI 表被用户覆盖（例如从 initrd 加载），固件描述的硬件行为可能与原厂 BIOS 不同。',
  },
  WARN: {
    en: 'A kernel WARNING fired earlier; look above for "WARNING:" and its call trace, which may be the first sign of this problem.',
    'zh-cn': '内核此前触发过 WARNING；请向上查找 “WARNING:” 及其调用栈，它可能是本问题最早的迹象。',
  },
  CRAP: {
    en: 'A staging driver (drivers/staging, below mainline quality) was loaded.',
    'zh-cn': '加载了 staging 驱动（drivers/staging，质量未达到主线标准）。',
  },
  FIRMWARE_WORKAROUND: {
    en: 'The kernel is working around a severe bug in the platform firmware (BIOS/UEFI); a firmware update may be worth checking.',
    'zh-cn': '内核正在规避平台固件（BIOS/UEFI）的严重缺陷，可考虑检查固件更新。',
  },
  OOT_MODULE: {
    en: 'An out-of-tree module (built outside the kernel tree, typically a vendor or DKMS driver) is loaded; check whether it appears in the call trace.',
    'zh-cn': '加载了树外模块（不在内核源码树中构建，通常是厂商驱动或 DKMS 模块）；请检查调用栈中是否出现该模块。',
  },
  UNSIGNED_MODULE: {
    en: 'An unsigned module was loaded on a kernel that supports module signing — usually a vendor or self-built driver, often together with O.',
    'zh-cn': '在支持模块签名的内核上加载了未签名模块——通常是厂商或自行编译的驱动，常与 O 同时出现。',
  },
  SOFTLOCKUP: {
    en: 'A soft lockup happened earlier (a CPU stuck in kernel code for tens of seconds); look above for "soft lockup".',
    'zh-cn': '此前发生过软锁死（某个 CPU 在内核态持续运行数十秒）；请向上查找 “soft lockup”。',
  },
  LIVEPATCH: {
    en: 'The kernel has been live-patched (kpatch/livepatch), so the running code differs from the released build.',
    'zh-cn': '内核已被热补丁修改（kpatch/livepatch），运行中的代码与发布的构建不同。',
  },
  AUX: {
    en: 'Auxiliary taint defined by the distribution (SUSE, for instance, marks unsupported modules with it); its meaning depends on the distro.',
    'zh-cn': '发行版自定义的辅助污染标志（例如 SUSE 用它标记不受支持的模块），含义取决于发行版。',
  },
  RANDSTRUCT: {
    en: 'The kernel was built with structure layout randomization (randstruct), so struct offsets differ from other builds; crash tools need this exact build’s debug info.',
    'zh-cn': '内核使用结构体布局随机化（randstruct）构建，结构体偏移与其他构建不同，crash 等工具必须使用这一构建的调试信息。',
  },
  TEST: {
    en: 'An in-kernel test such as KUnit has run; this is a test system rather than a production state.',
    'zh-cn': '运行过内核内置测试（如 KUnit），这是测试环境而非生产状态。',
  },
  FWCTL: {
    en: 'User space used a mutating debug operation through fwctl, so device firmware state may have been changed.',
    'zh-cn': '用户态通过 fwctl 执行过会修改状态的调试操作，设备固件状态可能已被改变。',
  },
  HARDWARE_UNSUPPORTED: {
    en: 'The hardware is not supported by this RHEL kernel.' + UNVERIFIED_EN,
    'zh-cn': '该硬件不受此 RHEL 内核支持。' + UNVERIFIED_ZH,
  },
  TECH_PREVIEW: {
    en: 'Technology Preview code (not fully supported by Red Hat) was loaded.' + UNVERIFIED_EN,
    'zh-cn': '加载了技术预览（Technology Preview）代码，Red Hat 不提供完整支持。' + UNVERIFIED_ZH,
  },
  SUPPORT_REMOVED: {
    en: 'A driver or hardware whose support was removed from RHEL is in use.' + UNVERIFIED_EN,
    'zh-cn': '正在使用已被 RHEL 移除支持的驱动或硬件。' + UNVERIFIED_ZH,
  },
  UNPRIVILEGED_BPF: {
    en: 'Unprivileged BPF was enabled.' + UNVERIFIED_EN,
    'zh-cn': '启用了非特权 BPF。' + UNVERIFIED_ZH,
  },
};

/** Meaning of a taint by name (as in TaintFlag.name or the 6.12+ legend); null when unknown. */
export function taintMeaning(name: string): Meaning | null {
  const m = MEANINGS[name];
  if (m) return m;
  const r = /^RESERVED_(\d+)$/.exec(name);
  if (r) {
    return {
      en: `Red Hat placeholder bit ${r[1]} is set; its meaning is not in our table.`,
      'zh-cn': `Red Hat 占位位 ${r[1]} 被置位，其含义不在本表中。`,
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Tables (taint-flags.json). Mainline tables only ever append bits, so each is a prefix of the
// newest one; bit 2 was TAINT_UNSAFE_SMP before it became TAINT_CPU_OUT_OF_SPEC.

/** 6.18 mainline order: kernel/panic.c taint_flags[], include/linux/panic.h TAINT_* (6.18.35). */
const MAINLINE: readonly (readonly [string, string])[] = [
  ['P', 'PROPRIETARY_MODULE'], // 0, unset 'G'
  ['F', 'FORCED_MODULE'], // 1
  ['S', 'CPU_OUT_OF_SPEC'], // 2 (UNSAFE_SMP in 3.10 and RHEL 7)
  ['R', 'FORCED_RMMOD'], // 3
  ['M', 'MACHINE_CHECK'], // 4
  ['B', 'BAD_PAGE'], // 5
  ['U', 'USER'], // 6
  ['D', 'DIE'], // 7
  ['A', 'OVERRIDDEN_ACPI_TABLE'], // 8
  ['W', 'WARN'], // 9
  ['C', 'CRAP'], // 10
  ['I', 'FIRMWARE_WORKAROUND'], // 11
  ['O', 'OOT_MODULE'], // 12
  ['E', 'UNSIGNED_MODULE'], // 13
  ['L', 'SOFTLOCKUP'], // 14
  ['K', 'LIVEPATCH'], // 15
  ['X', 'AUX'], // 16
  ['T', 'RANDSTRUCT'], // 17
  ['N', 'TEST'], // 18
  ['J', 'FWCTL'], // 19
];

function mainline(count: number, oldSmpName = false): TaintEntry[] {
  return MAINLINE.slice(0, count).map(([set, name], bit) => ({
    bit,
    set,
    unset: bit === 0 ? 'G' : ' ',
    name: bit === 2 && oldSmpName ? 'UNSAFE_SMP' : name,
  }));
}

/** RHEL placeholder entry: taint_flags[] slot without a RHEL name, printed '-' (or '?' if set). */
function reserved(bit: number): TaintEntry {
  return { bit, set: '?', unset: '-', name: `RESERVED_${bit}` };
}

function rhelBits(from: number, to: number): TaintEntry[] {
  const out: TaintEntry[] = [];
  for (let b = from; b <= to; b++) out.push(reserved(b));
  return out;
}

const L_3_10: TaintLayout = {
  id: '3.10',
  // 3.10.105 (gq213/linux-3.10.105): kernel/panic.c tnts[] (13 entries), include/linux/kernel.h.
  source: 'kernel/panic.c tnts[], include/linux/kernel.h — 3.10.105',
  entries: mainline(13, true),
};

const L_4_14: TaintLayout = {
  id: '4.14',
  // 4.14.177 (linuxzjs/linux-4.14): kernel/panic.c taint_flags[], include/linux/kernel.h; 16 entries.
  source: 'kernel/panic.c taint_flags[], include/linux/kernel.h — 4.14.177',
  entries: mainline(16),
};

const L_4_19: TaintLayout = {
  id: '4.19-5.15',
  // 4.19.304, 5.4.301, 5.10.265: kernel/panic.c taint_flags[], include/linux/kernel.h;
  // 5.15.215: include/linux/panic.h. 18 entries (adds X AUX, T RANDSTRUCT).
  source: 'kernel/panic.c taint_flags[], include/linux/kernel.h / panic.h — 4.19.304, 5.4.301, 5.10.265, 5.15.215',
  entries: mainline(18),
};

const L_6_1: TaintLayout = {
  id: '6.1-6.12',
  // 6.1.166, 6.6.57, 6.12.19: kernel/panic.c taint_flags[], include/linux/panic.h. 19 entries (adds N TEST).
  source: 'kernel/panic.c taint_flags[], include/linux/panic.h — 6.1.166, 6.6.57, 6.12.19',
  entries: mainline(19),
};

const L_6_18: TaintLayout = {
  id: '6.18',
  // 6.18.35: kernel/panic.c taint_flags[], include/linux/panic.h. 20 entries (adds J FWCTL).
  source: 'kernel/panic.c taint_flags[], include/linux/panic.h — 6.18.35',
  entries: mainline(20),
};

const L_RHEL7: TaintLayout = {
  id: 'rhel7',
  // 3.10.0-1160.el7 (tremb1e/linux-3.10.0-1160.el7): kernel/panic.c taint_flags[], include/linux/kernel.h.
  // TAINT_FLAGS_COUNT is 32 but only entries 0..29 are initialised; print_tainted() stops at the
  // zeroed entry 30 (its c_false NUL ends the string), so the field is 30 wide:
  // 16 letter positions, bits 16-27 '-', bit 28 'H', bit 29 'T'.
  source: 'kernel/panic.c taint_flags[], include/linux/kernel.h — 3.10.0-1160.el7',
  entries: [
    ...mainline(13, true),
    ...mainline(16).slice(13),
    ...rhelBits(16, 27),
    { bit: 28, set: 'H', unset: ' ', name: 'HARDWARE_UNSUPPORTED' },
    { bit: 29, set: 'T', unset: ' ', name: 'TECH_PREVIEW' },
  ],
};

const L_RHEL8: TaintLayout = {
  id: 'rhel8',
  // 4.18.0-240.el8 (dongzhiyan-stack/linux-4.18.0-240.el8): kernel/panic.c taint_flags[],
  // include/linux/kernel.h. 32 entries: mainline 0..17, bits 18-26/28/31 '-', 27 'r', 29 't', 30 'u'.
  source: 'kernel/panic.c taint_flags[], include/linux/kernel.h — 4.18.0-240.el8',
  entries: [
    ...mainline(18),
    ...rhelBits(18, 26),
    { bit: 27, set: 'r', unset: ' ', name: 'SUPPORT_REMOVED' },
    reserved(28),
    { bit: 29, set: 't', unset: ' ', name: 'TECH_PREVIEW' },
    { bit: 30, set: 'u', unset: ' ', name: 'UNPRIVILEGED_BPF' },
    reserved(31),
  ],
};

/** Every table, for tests and tools. */
export const TAINT_LAYOUTS: readonly TaintLayout[] = [L_3_10, L_4_14, L_4_19, L_6_1, L_6_18, L_RHEL7, L_RHEL8];

// ---------------------------------------------------------------------------------------------
// Which table a release uses.

interface LayoutChoice {
  /** null: no table for this release (letters only). */
  layout: TaintLayout | null;
  id: string;
  /** Why the choice is uncertain, or null. */
  note: string | null;
}

/** Mainline ranges. Read trees are the ones in each layout's source; the rest is extrapolated
 *  from the prefix property (positions keep their bit) — unverified for the widths in between. */
const MAINLINE_RANGES: { from: number; to: number; layout: TaintLayout; verified: (v: number) => boolean }[] = [
  { from: 302, to: 314, layout: L_3_10, verified: (v) => v === 310 },
  { from: 315, to: 414, layout: L_4_14, verified: (v) => v === 414 },
  { from: 415, to: 515, layout: L_4_19, verified: (v) => v >= 419 },
  { from: 516, to: 612, layout: L_6_1, verified: (v) => v >= 601 },
  { from: 613, to: Infinity, layout: L_6_18, verified: (v) => v === 618 },
];

function chooseLayout(release: string | null): LayoutChoice {
  const rel = release?.trim() ?? '';
  const ver = /^(\d+)\.(\d+)/.exec(rel);
  if (!ver) return { layout: null, id: 'unknown', note: 'kernel release unknown; decoded by letter' };
  const major = Number(ver[1]);
  const minor = Number(ver[2]);
  const mm = `${major}.${minor}`;
  // Red Hat and rebuilds (CentOS, Rocky, Alma) carry `.elN`; Oracle's UEK (`.el7uek`) is a
  // mainline-based kernel and keeps the upstream table.
  const el = /\.el(\d+)/.exec(rel);
  if (el && !/uek/i.test(rel)) {
    const n = Number(el[1]);
    if (n === 7 && mm === '3.10') return { layout: L_RHEL7, id: 'rhel7', note: null };
    if (n === 8 && mm === '4.18') return { layout: L_RHEL8, id: 'rhel8', note: null };
    if (n === 9) return { layout: null, id: 'rhel9', note: 'RHEL 9 taint layout not verified; decoded by letter' };
    return { layout: null, id: 'unknown', note: `no taint table for RHEL ${n} kernel ${mm}; decoded by letter` };
  }
  const v = major * 100 + minor;
  const r = MAINLINE_RANGES.find((x) => v >= x.from && v <= x.to);
  if (!r) return { layout: null, id: 'unknown', note: `no taint table for kernel ${mm}; decoded by letter` };
  const note = r.verified(v) ? null : `${r.layout.id} table applied to ${mm} (same bit positions; not verified for ${mm})`;
  return { layout: r.layout, id: r.layout.id, note };
}

// ---------------------------------------------------------------------------------------------
// Decoding.

function flagOf(e: TaintEntry): TaintFlag {
  return { bit: e.bit, letter: e.set, name: e.name, meaning: taintMeaning(e.name)! };
}

/** Union of all tables: letter → entries (distinct bits) that print it. Placeholders excluded. */
const BY_LETTER: Map<string, TaintEntry[]> = (() => {
  const m = new Map<string, TaintEntry[]>();
  // Newest first, so a bit's current name (CPU_OUT_OF_SPEC) wins over an older one (UNSAFE_SMP).
  for (const l of [...TAINT_LAYOUTS].reverse()) {
    for (const e of l.entries) {
      if (e.set === '?') continue;
      const list = m.get(e.set) ?? [];
      if (!list.some((x) => x.bit === e.bit)) list.push(e);
      m.set(e.set, list);
    }
  }
  return m;
})();

const joinNotes = (notes: (string | null)[]): string | null => {
  const n = notes.filter((x): x is string => !!x);
  return n.length ? n.join('; ') : null;
};

function decodeByPosition(field: string, layout: TaintLayout): TaintFlag[] | string {
  if (field.length > layout.entries.length) {
    return `field is ${field.length} characters, longer than the ${layout.entries.length} of the ${layout.id} table`;
  }
  const flags: TaintFlag[] = [];
  for (let i = 0; i < field.length; i++) {
    const e = layout.entries[i]!;
    const c = field[i]!;
    if (c === e.set) flags.push(flagOf(e));
    else if (c !== e.unset) return `'${c}' at position ${i} does not fit the ${layout.id} table`;
  }
  return flags;
}

function decodeByLetter(field: string, preferred: TaintLayout | null): { flags: TaintFlag[]; unknown: string[]; notes: string[] } {
  const byBit = new Map<number, TaintFlag>();
  const unknown: string[] = [];
  const notes: string[] = [];
  for (const c of field) {
    // ' ' and '-' are unset positions; 'G' is bit 0 unset (all modules GPL).
    if (c === ' ' || c === '-' || c === 'G') continue;
    let e = preferred?.entries.find((x) => x.set === c && x.set !== '?');
    if (!e) {
      const cands = BY_LETTER.get(c) ?? [];
      if (cands.length === 1) {
        e = cands[0]!;
        if (preferred) notes.push(`letter ${c} is not in the ${preferred.id} table`);
      }
    }
    if (e) byBit.set(e.bit, flagOf(e));
    else if (!unknown.includes(c)) unknown.push(c);
  }
  return { flags: [...byBit.values()].sort((a, b) => a.bit - b.bit), unknown, notes };
}

/**
 * printed: the taint text as it appears in the CPU line: "Not tainted" or
 * "Tainted: G        W  OE    " (may have lost its trailing spaces).
 * release: e.g. "5.10.112-005.ali5000.al8.aarch64" or null.
 */
export function decodeTaint(printed: string, release: string | null): TaintDecoded {
  const choice = chooseLayout(release);
  if (/^\s*Not tainted\b/.test(printed)) {
    return {
      tainted: false,
      flags: [],
      method: choice.layout ? 'position' : 'letter',
      layout: choice.id,
      unknown: [],
      note: null,
    };
  }
  let field = printed.replace(/^\s*Tainted: ?/, '');
  // Tolerate callers that pass the rest of the line: cut at the separator before the release.
  const rel = release?.trim();
  if (rel) {
    const at = field.indexOf(' ' + rel);
    if (at >= 0) field = field.slice(0, at);
  }
  field = field.replace(/[\r\n]+$/, '').replace(/ +$/, ''); // trailing positions carry no letter
  if (choice.layout) {
    const pos = decodeByPosition(field, choice.layout);
    if (typeof pos !== 'string') {
      return { tainted: true, flags: pos, method: 'position', layout: choice.id, unknown: [], note: choice.note };
    }
    const squeezed = field.includes(' ') && !field.includes('  ');
    const why = squeezed ? 'spaces were collapsed; decoded by letter' : `${pos}; decoded by letter`;
    const l = decodeByLetter(field, choice.layout);
    return { tainted: true, flags: l.flags, method: 'letter', layout: choice.id, unknown: l.unknown, note: joinNotes([why, choice.note, ...l.notes]) };
  }
  const l = decodeByLetter(field, null);
  const amb = l.unknown.filter((c) => (BY_LETTER.get(c)?.length ?? 0) > 1);
  const ambNote = amb.length
    ? `${amb.join(', ')}: meaning differs between kernel versions (e.g. T is RANDSTRUCT upstream, TECH_PREVIEW on RHEL 7)`
    : null;
  return { tainted: true, flags: l.flags, method: 'letter', layout: choice.id, unknown: l.unknown, note: joinNotes([choice.note, ambNote, ...l.notes]) };
}

/** Every name a letter can stand for, for completing a truncated legend entry. */
function namesForLetter(c: string): string[] {
  const out = new Set<string>();
  for (const l of TAINT_LAYOUTS) for (const e of l.entries) if (e.set === c) out.add(e.name);
  return [...out];
}

/**
 * The 6.12+ legend line `Tainted: [P]=PROPRIETARY_MODULE, [O]=OOT_MODULE` → its flags.
 * print_tainted_verbose() (kernel/panic.c print_tainted_seq(), 6.12.19 / 6.18.35) prints
 * `[%c]=%s` per set bit, joined by ", ", into a buffer of sizeof(taint_flags) bytes, so with many
 * bits set the last entry can be cut short; a cut name is completed when the letter allows.
 * Accepts the line with or without its log prefix; null when it is not a legend line.
 */
export function parseTaintLegend(line: string): { letter: string; name: string }[] | null {
  const at = line.search(/Tainted: \[/);
  if (at < 0) return null;
  const body = line.slice(at + 'Tainted: '.length).replace(/\s+$/, '');
  const out: { letter: string; name: string }[] = [];
  const re = /\[(.)\]=([A-Za-z0-9_]*)(, |$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    let name = m[2]!;
    const letter = m[1]!;
    if (!MEANINGS[name]) {
      const full = namesForLetter(letter).filter((n) => n.startsWith(name));
      if (name && full.length === 1) name = full[0]!;
    }
    if (name) out.push({ letter, name });
    if (m[3] === '') break;
  }
  return out.length ? out : null;
}
