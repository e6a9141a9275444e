/**
 * GFP flags: what the `gfp_mask=0x…(…)` of an OOM trigger line and the `mode:0x…(…)` of a page
 * allocation failure mean, for the kernel release that printed them (kernel-log-formats.md §5).
 *
 * The kernel prints the mask with `%#x` and, from 4.6 on, its names with `%pGg`: lib/vsprintf.c
 * flags_string() → format_flags() walks gfpflag_names[] (mm/debug.c, = __def_gfpflag_names of
 * include/trace/events/mmflags.h) in order, prints every entry whose whole mask is still contained
 * in the remaining bits, clears those bits, joins the names with `|`, appends any unnamed rest as
 * one `%#lx` number, and stops as soon as no bits remain. decodeGfp() runs the same loop over the
 * table of the release's layout, so composite names come first exactly as the kernel prints them.
 *
 * Every bit value and table below was read from kernel source (include/linux/gfp.h, 6.0+ also
 * include/linux/gfp_types.h, include/trace/events/{gfpflags,mmflags}.h) of the trees named in the
 * comment above it, evaluated for a typical distribution config: CONFIG_NUMA=y, CONFIG_LOCKDEP=n,
 * CONFIG_KASAN_HW_TAGS=n, CONFIG_KMEMCHECK=n, CONFIG_MEMCG=y (so CONFIG_SLAB_OBJ_EXT=y on 6.10+).
 * A layout covers the releases from the first to the last tree read that had identical tables;
 * releases between two reads with different tables (3.7, 3.15, 5.1, 5.13, 6.7, 6.15, 6.16), before
 * 3.4 and after 6.19 are "unverified": we then never pick a layout, and only pass on the names the
 * kernel printed. Red Hat kernels (`.el7`, `.el8`) are matched by build number against the RHEL
 * trees read; other vendor suffixes (`-generic`, `.al8`, `-pve`, `-arch1`) use the upstream layout.
 *
 * Kernels before 4.6 print the mask in hex only. For them decodeGfp() names the bits with a table
 * built the way the 4.6+ tables are (combinations first, then single bits, see synthTable), from
 * that release's own gfp.h values: our rendering, not something the kernel printed.
 *
 * Pure data and functions: no editor or LSP imports.
 */

export interface GfpDecoded {
  /** Names in %pGg order (combinations first), then an unnamed rest as one hex number, e.g. ["GFP_ATOMIC", "0x200"]. */
  flags: string[];
  /** Layout id (see GFP_LAYOUTS), or "unknown" when the release has no verified layout. */
  layout: string;
  /** The release's layout is verified and every set bit has a name (and agrees with what the kernel printed). */
  exact: boolean;
  /** Bits no table entry names, as hex (`0x200`), or null; the whole mask when the layout is unknown. */
  unknownBits: string | null;
}

export interface GfpFlagInfo {
  name: string;
  /** Value in the release's layout (`0x400`, or a config note for config-dependent bits); "" when the release's layout is unverified or lacks the flag. */
  bit: string;
  meaning: { en: string; 'zh-cn': string };
}

type Bits = Readonly<Record<string, number>>;
/** [name, mask] pairs in the order format_flags() walks them. */
type Table = readonly (readonly [string, number])[];

export interface GfpLayout {
  id: string;
  /** First and last release read with this table: "4.10" … "4.12", or RHEL builds "3.10.0-514.el7" … */
  from: string;
  to: string;
  /** Upstream major.minor range covered (inclusive), or a RHEL build range. */
  range: { from: [number, number]; to: [number, number] } | { rhel: 'el7' | 'el8'; fromBuild: number; toBuild: number };
  /** The kernel prints `%pGg` names (4.6+); before that only hex. */
  printsNames: boolean;
  /** ___GFP_* bits that are non-zero in the assumed config. */
  bits: Bits;
  /** Bits whose position depends on the kernel config (0 in the assumed one). */
  configBits: Readonly<Record<string, string>>;
  /** printsNames=false: the GFP_* combinations of that gfp.h (zero ones included); else {} (they are in the table). */
  composites: Bits;
  /** The %pGg name table (read), or for printsNames=false the synthesized one. */
  table: Table;
}

/**
 * 3.4 ___GFP_* bits, read from include/linux/gfp.h of: 3.4.108 (gq213/linux-3.4.108); 3.5.0
 * (12thmantec/linux-3.5).
 */
const BITS_3_4: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8, ___GFP_WAIT: 0x10,
  ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100, ___GFP_NOWARN: 0x200,
  ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000, ___GFP_COMP: 0x4000,
  ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000, ___GFP_HARDWALL: 0x20000,
  ___GFP_THISNODE: 0x40000, ___GFP_RECLAIMABLE: 0x80000, ___GFP_NO_KSWAPD: 0x400000,
  ___GFP_OTHER_NODE: 0x800000, ___GFP_WRITE: 0x1000000,
};
/**
 * 3.4 GFP_* combinations, read from include/linux/gfp.h of the same trees (no %pGg: the kernel
 * prints the mask in hex only).
 */
const COMPOSITES_3_4: Bits = {
  GFP_TRANSHUGE: 0x4352da, GFP_HIGHUSER_MOVABLE: 0x200da, GFP_HIGHUSER: 0x200d2, GFP_USER: 0x200d0,
  GFP_TEMPORARY: 0x800d0, GFP_KERNEL: 0xd0, GFP_NOFS: 0x50, GFP_ATOMIC: 0x20, GFP_NOIO: 0x10,
  GFP_NOWAIT: 0x0, GFP_DMA: 0x1, GFP_DMA32: 0x4,
};

/**
 * 3.6 ___GFP_* bits, read from include/linux/gfp.h of: 3.6.0 (zihongli/linux-3.6.0-MIAT, a project
 * tree: EXTRAVERSION -MIAT). 3.7 was not read.
 */
const BITS_3_6: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8, ___GFP_WAIT: 0x10,
  ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100, ___GFP_NOWARN: 0x200,
  ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000, ___GFP_MEMALLOC: 0x2000,
  ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000, ___GFP_HARDWALL: 0x20000,
  ___GFP_THISNODE: 0x40000, ___GFP_RECLAIMABLE: 0x80000, ___GFP_NO_KSWAPD: 0x400000,
  ___GFP_OTHER_NODE: 0x800000, ___GFP_WRITE: 0x1000000,
};
/**
 * 3.6 GFP_* combinations, read from include/linux/gfp.h of the same trees (no %pGg: the kernel
 * prints the mask in hex only).
 */
const COMPOSITES_3_6: Bits = {
  GFP_TRANSHUGE: 0x4352da, GFP_HIGHUSER_MOVABLE: 0x200da, GFP_HIGHUSER: 0x200d2, GFP_USER: 0x200d0,
  GFP_TEMPORARY: 0x800d0, GFP_KERNEL: 0xd0, GFP_NOFS: 0x50, GFP_ATOMIC: 0x20, GFP_NOIO: 0x10,
  GFP_NOWAIT: 0x0, GFP_DMA: 0x1, GFP_DMA32: 0x4,
};

/**
 * 3.8 ___GFP_* bits, read from include/linux/gfp.h of: 3.8.13 (opennetworklinux/linux-3.8.13);
 * 3.9.6 (opennetworklinux/linux-3.9.6); 3.10.105 (gq213/linux-3.10.105); 3.13.10
 * (yifengyou/linux-3.13.0); 3.14.65 (sid1607/linux-3.14.65-src); 3.10.0-514.el7
 * (Shun-Hao/linux-3.10.0-514.el7); 3.10.0-1062.el7 (RHEL 7.7) (dcui/RHEL77).
 * Equal to the 3.10 entry of shared/reference/gfp-flags.json.
 */
const BITS_3_8: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8, ___GFP_WAIT: 0x10,
  ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100, ___GFP_NOWARN: 0x200,
  ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000, ___GFP_MEMALLOC: 0x2000,
  ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000, ___GFP_HARDWALL: 0x20000,
  ___GFP_THISNODE: 0x40000, ___GFP_RECLAIMABLE: 0x80000, ___GFP_KMEMCG: 0x100000,
  ___GFP_NOTRACK: 0x200000, ___GFP_NO_KSWAPD: 0x400000, ___GFP_OTHER_NODE: 0x800000,
  ___GFP_WRITE: 0x1000000,
};
/**
 * 3.8 GFP_* combinations, read from include/linux/gfp.h of the same trees (no %pGg: the kernel
 * prints the mask in hex only).
 */
const COMPOSITES_3_8: Bits = {
  GFP_TRANSHUGE: 0x4352da, GFP_HIGHUSER_MOVABLE: 0x200da, GFP_HIGHUSER: 0x200d2, GFP_USER: 0x200d0,
  GFP_TEMPORARY: 0x800d0, GFP_KERNEL: 0xd0, GFP_NOFS: 0x50, GFP_ATOMIC: 0x20, GFP_NOIO: 0x10,
  GFP_NOWAIT: 0x0, GFP_DMA: 0x1, GFP_DMA32: 0x4,
};

/**
 * 3.10-el7.8 ___GFP_* bits, read from include/linux/gfp.h of: 3.10.0-1127.el7
 * (jiho-dev/linux-3.10.0-1127); 3.10.0-1160.el7 (tremb1e/linux-3.10.0-1160.el7).
 * Equal to the 3.10-el7 entry of gfp-flags.json.
 */
const BITS_3_10_EL7_8: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8, ___GFP_WAIT: 0x10,
  ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100, ___GFP_NOWARN: 0x200,
  ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000, ___GFP_MEMALLOC: 0x2000,
  ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000, ___GFP_HARDWALL: 0x20000,
  ___GFP_THISNODE: 0x40000, ___GFP_RECLAIMABLE: 0x80000, ___GFP_ACCOUNT: 0x100000,
  ___GFP_NOTRACK: 0x200000, ___GFP_NO_KSWAPD: 0x400000, ___GFP_OTHER_NODE: 0x800000,
  ___GFP_WRITE: 0x1000000,
};
/**
 * 3.10-el7.8 GFP_* combinations, read from include/linux/gfp.h of the same trees (no %pGg: the
 * kernel prints the mask in hex only).
 */
const COMPOSITES_3_10_EL7_8: Bits = {
  GFP_TRANSHUGE: 0x4352da, GFP_HIGHUSER_MOVABLE: 0x200da, GFP_HIGHUSER: 0x200d2, GFP_USER: 0x200d0,
  GFP_TEMPORARY: 0x800d0, GFP_KERNEL_ACCOUNT: 0x1000d0, GFP_KERNEL: 0xd0, GFP_NOFS: 0x50,
  GFP_ATOMIC: 0x20, GFP_NOIO: 0x10, GFP_NOWAIT: 0x0, GFP_DMA: 0x1, GFP_DMA32: 0x4,
};

/**
 * 3.16 ___GFP_* bits, read from include/linux/gfp.h of: 3.16.0 (jyizheng/linux-3.16@ea681569);
 * 3.18.140 (junan76/linux-3.18.140); 3.19.8 (yuanguohuo/linux-3.19.8); 4.0.0
 * (AndrewGBelcher/4kopen-linux-4.0, a board port; the 3.16.0 tree is read at its first commit,
 * before its own mm patches).
 */
const BITS_3_16: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8, ___GFP_WAIT: 0x10,
  ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100, ___GFP_NOWARN: 0x200,
  ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000, ___GFP_MEMALLOC: 0x2000,
  ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000, ___GFP_HARDWALL: 0x20000,
  ___GFP_THISNODE: 0x40000, ___GFP_RECLAIMABLE: 0x80000, ___GFP_NOTRACK: 0x200000,
  ___GFP_NO_KSWAPD: 0x400000, ___GFP_OTHER_NODE: 0x800000, ___GFP_WRITE: 0x1000000,
};
/**
 * 3.16 GFP_* combinations, read from include/linux/gfp.h of the same trees (no %pGg: the kernel
 * prints the mask in hex only).
 */
const COMPOSITES_3_16: Bits = {
  GFP_TRANSHUGE: 0x4352da, GFP_HIGHUSER_MOVABLE: 0x200da, GFP_HIGHUSER: 0x200d2, GFP_USER: 0x200d0,
  GFP_TEMPORARY: 0x800d0, GFP_KERNEL: 0xd0, GFP_NOFS: 0x50, GFP_ATOMIC: 0x20, GFP_NOIO: 0x10,
  GFP_NOWAIT: 0x0, GFP_DMA: 0x1, GFP_DMA32: 0x4,
};

/**
 * 4.1 ___GFP_* bits, read from include/linux/gfp.h of: 4.1.19 (mincepi/linux-4.1.19); 4.2.8
 * (mlpzaq9998/linux-4.2); 4.3.0 (YoungjaeLee/linux-4.3-cxlbdev, a project tree: EXTRAVERSION
 * -cxlbdev-rc).
 */
const BITS_4_1: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8, ___GFP_WAIT: 0x10,
  ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100, ___GFP_NOWARN: 0x200,
  ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000, ___GFP_MEMALLOC: 0x2000,
  ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000, ___GFP_HARDWALL: 0x20000,
  ___GFP_THISNODE: 0x40000, ___GFP_RECLAIMABLE: 0x80000, ___GFP_NOACCOUNT: 0x100000,
  ___GFP_NOTRACK: 0x200000, ___GFP_NO_KSWAPD: 0x400000, ___GFP_OTHER_NODE: 0x800000,
  ___GFP_WRITE: 0x1000000,
};
/**
 * 4.1 GFP_* combinations, read from include/linux/gfp.h of the same trees (no %pGg: the kernel
 * prints the mask in hex only).
 */
const COMPOSITES_4_1: Bits = {
  GFP_TRANSHUGE: 0x4352da, GFP_HIGHUSER_MOVABLE: 0x200da, GFP_HIGHUSER: 0x200d2, GFP_USER: 0x200d0,
  GFP_TEMPORARY: 0x800d0, GFP_KERNEL: 0xd0, GFP_NOFS: 0x50, GFP_ATOMIC: 0x20, GFP_NOIO: 0x10,
  GFP_NOWAIT: 0x0, GFP_DMA: 0x1, GFP_DMA32: 0x4,
};

/**
 * 4.4 ___GFP_* bits, read from include/linux/gfp.h of: 4.4.155 (rivsidn/linux-4.4.155).
 */
const BITS_4_4: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100,
  ___GFP_NOWARN: 0x200, ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000,
  ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000,
  ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000, ___GFP_ATOMIC: 0x80000,
  ___GFP_NOACCOUNT: 0x100000, ___GFP_NOTRACK: 0x200000, ___GFP_DIRECT_RECLAIM: 0x400000,
  ___GFP_OTHER_NODE: 0x800000, ___GFP_WRITE: 0x1000000, ___GFP_KSWAPD_RECLAIM: 0x2000000,
};
/**
 * 4.4 GFP_* combinations, read from include/linux/gfp.h of the same trees (no %pGg: the kernel
 * prints the mask in hex only).
 */
const COMPOSITES_4_4: Bits = {
  GFP_TRANSHUGE: 0x4352ca, GFP_HIGHUSER_MOVABLE: 0x24200ca, GFP_HIGHUSER: 0x24200c2,
  GFP_USER: 0x24200c0, GFP_TEMPORARY: 0x24000d0, GFP_KERNEL: 0x24000c0, GFP_NOFS: 0x2400040,
  GFP_ATOMIC: 0x2080020, GFP_NOIO: 0x2400000, GFP_NOWAIT: 0x2000000, GFP_DMA: 0x1, GFP_DMA32: 0x4,
  __GFP_RECLAIM: 0x2400000,
};

/**
 * 4.5 ___GFP_* bits, read from include/linux/gfp.h of: 4.5.7 (everestdavid/sound-linux-4.5.7).
 */
const BITS_4_5: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100,
  ___GFP_NOWARN: 0x200, ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000,
  ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000,
  ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000, ___GFP_ATOMIC: 0x80000,
  ___GFP_ACCOUNT: 0x100000, ___GFP_NOTRACK: 0x200000, ___GFP_DIRECT_RECLAIM: 0x400000,
  ___GFP_OTHER_NODE: 0x800000, ___GFP_WRITE: 0x1000000, ___GFP_KSWAPD_RECLAIM: 0x2000000,
};
/**
 * 4.5 GFP_* combinations, read from include/linux/gfp.h of the same trees (no %pGg: the kernel
 * prints the mask in hex only).
 */
const COMPOSITES_4_5: Bits = {
  GFP_TRANSHUGE: 0x4352ca, GFP_HIGHUSER_MOVABLE: 0x24200ca, GFP_HIGHUSER: 0x24200c2,
  GFP_USER: 0x24200c0, GFP_TEMPORARY: 0x24000d0, GFP_KERNEL_ACCOUNT: 0x25000c0,
  GFP_KERNEL: 0x24000c0, GFP_NOFS: 0x2400040, GFP_ATOMIC: 0x2080020, GFP_NOIO: 0x2400000,
  GFP_NOWAIT: 0x2000000, GFP_DMA: 0x1, GFP_DMA32: 0x4, __GFP_RECLAIM: 0x2400000,
};

/**
 * 4.6 ___GFP_* bits, read from include/linux/gfp.h of: 4.6.2 (xing393939/linux-4.6.2); 4.7.4
 * (calebwilliamsd/linux-4.7.4-casio).
 */
const BITS_4_6: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100,
  ___GFP_NOWARN: 0x200, ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000,
  ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000,
  ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000, ___GFP_ATOMIC: 0x80000,
  ___GFP_ACCOUNT: 0x100000, ___GFP_NOTRACK: 0x200000, ___GFP_DIRECT_RECLAIM: 0x400000,
  ___GFP_OTHER_NODE: 0x800000, ___GFP_WRITE: 0x1000000, ___GFP_KSWAPD_RECLAIM: 0x2000000,
};
/**
 * 4.6 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_4_6: Table = [
  ['GFP_TRANSHUGE', 0x352ca], ['GFP_HIGHUSER_MOVABLE', 0x24200ca], ['GFP_HIGHUSER', 0x24200c2],
  ['GFP_USER', 0x24200c0], ['GFP_TEMPORARY', 0x24000d0], ['GFP_KERNEL_ACCOUNT', 0x25000c0],
  ['GFP_KERNEL', 0x24000c0], ['GFP_NOFS', 0x2400040], ['GFP_ATOMIC', 0x2080020],
  ['GFP_NOIO', 0x2400000], ['GFP_NOWAIT', 0x2000000], ['GFP_DMA', 0x1], ['__GFP_HIGHMEM', 0x2],
  ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x80000], ['__GFP_IO', 0x40],
  ['__GFP_FS', 0x80], ['__GFP_COLD', 0x100], ['__GFP_NOWARN', 0x200], ['__GFP_REPEAT', 0x400],
  ['__GFP_NOFAIL', 0x800], ['__GFP_NORETRY', 0x1000], ['__GFP_COMP', 0x4000],
  ['__GFP_ZERO', 0x8000], ['__GFP_NOMEMALLOC', 0x10000], ['__GFP_MEMALLOC', 0x2000],
  ['__GFP_HARDWALL', 0x20000], ['__GFP_THISNODE', 0x40000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x100000], ['__GFP_NOTRACK', 0x200000],
  ['__GFP_WRITE', 0x1000000], ['__GFP_RECLAIM', 0x2400000], ['__GFP_DIRECT_RECLAIM', 0x400000],
  ['__GFP_KSWAPD_RECLAIM', 0x2000000], ['__GFP_OTHER_NODE', 0x800000],
];

/**
 * 4.8 ___GFP_* bits, read from include/linux/gfp.h of: 4.8.15 (squirrel20/linux-4.8.15); 4.9.0
 * (pengdonglin137/linux-4.9).
 */
const BITS_4_8: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100,
  ___GFP_NOWARN: 0x200, ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000,
  ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000,
  ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000, ___GFP_ATOMIC: 0x80000,
  ___GFP_ACCOUNT: 0x100000, ___GFP_NOTRACK: 0x200000, ___GFP_DIRECT_RECLAIM: 0x400000,
  ___GFP_OTHER_NODE: 0x800000, ___GFP_WRITE: 0x1000000, ___GFP_KSWAPD_RECLAIM: 0x2000000,
};
/**
 * 4.8 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_4_8: Table = [
  ['GFP_TRANSHUGE', 0x4342ca], ['GFP_TRANSHUGE_LIGHT', 0x342ca],
  ['GFP_HIGHUSER_MOVABLE', 0x24200ca], ['GFP_HIGHUSER', 0x24200c2], ['GFP_USER', 0x24200c0],
  ['GFP_TEMPORARY', 0x24000d0], ['GFP_KERNEL_ACCOUNT', 0x25000c0], ['GFP_KERNEL', 0x24000c0],
  ['GFP_NOFS', 0x2400040], ['GFP_ATOMIC', 0x2080020], ['GFP_NOIO', 0x2400000],
  ['GFP_NOWAIT', 0x2000000], ['GFP_DMA', 0x1], ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4],
  ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x80000], ['__GFP_IO', 0x40], ['__GFP_FS', 0x80],
  ['__GFP_COLD', 0x100], ['__GFP_NOWARN', 0x200], ['__GFP_REPEAT', 0x400], ['__GFP_NOFAIL', 0x800],
  ['__GFP_NORETRY', 0x1000], ['__GFP_COMP', 0x4000], ['__GFP_ZERO', 0x8000],
  ['__GFP_NOMEMALLOC', 0x10000], ['__GFP_MEMALLOC', 0x2000], ['__GFP_HARDWALL', 0x20000],
  ['__GFP_THISNODE', 0x40000], ['__GFP_RECLAIMABLE', 0x10], ['__GFP_MOVABLE', 0x8],
  ['__GFP_ACCOUNT', 0x100000], ['__GFP_NOTRACK', 0x200000], ['__GFP_WRITE', 0x1000000],
  ['__GFP_RECLAIM', 0x2400000], ['__GFP_DIRECT_RECLAIM', 0x400000],
  ['__GFP_KSWAPD_RECLAIM', 0x2000000], ['__GFP_OTHER_NODE', 0x800000],
];

/**
 * 4.10 ___GFP_* bits, read from include/linux/gfp.h of: 4.10.17 (pengdonglin137/linux-4.10.17);
 * 4.11.0 (HCLS/linux-4.11); 4.12.0 (jason50123/linux-4.12).
 */
const BITS_4_10: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100,
  ___GFP_NOWARN: 0x200, ___GFP_REPEAT: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000,
  ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000,
  ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000, ___GFP_ATOMIC: 0x80000,
  ___GFP_ACCOUNT: 0x100000, ___GFP_NOTRACK: 0x200000, ___GFP_DIRECT_RECLAIM: 0x400000,
  ___GFP_WRITE: 0x800000, ___GFP_KSWAPD_RECLAIM: 0x1000000,
};
/**
 * 4.10 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_4_10: Table = [
  ['GFP_TRANSHUGE', 0x4342ca], ['GFP_TRANSHUGE_LIGHT', 0x342ca],
  ['GFP_HIGHUSER_MOVABLE', 0x14200ca], ['GFP_HIGHUSER', 0x14200c2], ['GFP_USER', 0x14200c0],
  ['GFP_TEMPORARY', 0x14000d0], ['GFP_KERNEL_ACCOUNT', 0x15000c0], ['GFP_KERNEL', 0x14000c0],
  ['GFP_NOFS', 0x1400040], ['GFP_ATOMIC', 0x1080020], ['GFP_NOIO', 0x1400000],
  ['GFP_NOWAIT', 0x1000000], ['GFP_DMA', 0x1], ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4],
  ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x80000], ['__GFP_IO', 0x40], ['__GFP_FS', 0x80],
  ['__GFP_COLD', 0x100], ['__GFP_NOWARN', 0x200], ['__GFP_REPEAT', 0x400], ['__GFP_NOFAIL', 0x800],
  ['__GFP_NORETRY', 0x1000], ['__GFP_COMP', 0x4000], ['__GFP_ZERO', 0x8000],
  ['__GFP_NOMEMALLOC', 0x10000], ['__GFP_MEMALLOC', 0x2000], ['__GFP_HARDWALL', 0x20000],
  ['__GFP_THISNODE', 0x40000], ['__GFP_RECLAIMABLE', 0x10], ['__GFP_MOVABLE', 0x8],
  ['__GFP_ACCOUNT', 0x100000], ['__GFP_NOTRACK', 0x200000], ['__GFP_WRITE', 0x800000],
  ['__GFP_RECLAIM', 0x1400000], ['__GFP_DIRECT_RECLAIM', 0x400000],
  ['__GFP_KSWAPD_RECLAIM', 0x1000000],
];

/**
 * 4.13 ___GFP_* bits, read from include/linux/gfp.h of: 4.13.9 (kinmax/linux-4.13.19).
 */
const BITS_4_13: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100,
  ___GFP_NOWARN: 0x200, ___GFP_RETRY_MAYFAIL: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000,
  ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000,
  ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000, ___GFP_ATOMIC: 0x80000,
  ___GFP_ACCOUNT: 0x100000, ___GFP_NOTRACK: 0x200000, ___GFP_DIRECT_RECLAIM: 0x400000,
  ___GFP_WRITE: 0x800000, ___GFP_KSWAPD_RECLAIM: 0x1000000,
};
/**
 * 4.13 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_4_13: Table = [
  ['GFP_TRANSHUGE', 0x4342ca], ['GFP_TRANSHUGE_LIGHT', 0x342ca],
  ['GFP_HIGHUSER_MOVABLE', 0x14200ca], ['GFP_HIGHUSER', 0x14200c2], ['GFP_USER', 0x14200c0],
  ['GFP_TEMPORARY', 0x14000d0], ['GFP_KERNEL_ACCOUNT', 0x15000c0], ['GFP_KERNEL', 0x14000c0],
  ['GFP_NOFS', 0x1400040], ['GFP_ATOMIC', 0x1080020], ['GFP_NOIO', 0x1400000],
  ['GFP_NOWAIT', 0x1000000], ['GFP_DMA', 0x1], ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4],
  ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x80000], ['__GFP_IO', 0x40], ['__GFP_FS', 0x80],
  ['__GFP_COLD', 0x100], ['__GFP_NOWARN', 0x200], ['__GFP_RETRY_MAYFAIL', 0x400],
  ['__GFP_NOFAIL', 0x800], ['__GFP_NORETRY', 0x1000], ['__GFP_COMP', 0x4000],
  ['__GFP_ZERO', 0x8000], ['__GFP_NOMEMALLOC', 0x10000], ['__GFP_MEMALLOC', 0x2000],
  ['__GFP_HARDWALL', 0x20000], ['__GFP_THISNODE', 0x40000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x100000], ['__GFP_NOTRACK', 0x200000],
  ['__GFP_WRITE', 0x800000], ['__GFP_RECLAIM', 0x1400000], ['__GFP_DIRECT_RECLAIM', 0x400000],
  ['__GFP_KSWAPD_RECLAIM', 0x1000000],
];

/**
 * 4.14 ___GFP_* bits, read from include/linux/gfp.h of: 4.14.177 (linuxzjs/linux-4.14).
 * Equal to the 4.14 entry of gfp-flags.json (same tree).
 */
const BITS_4_14: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_COLD: 0x100,
  ___GFP_NOWARN: 0x200, ___GFP_RETRY_MAYFAIL: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000,
  ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000,
  ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000, ___GFP_ATOMIC: 0x80000,
  ___GFP_ACCOUNT: 0x100000, ___GFP_DIRECT_RECLAIM: 0x400000, ___GFP_WRITE: 0x800000,
  ___GFP_KSWAPD_RECLAIM: 0x1000000,
};
/**
 * 4.14 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_4_14: Table = [
  ['GFP_TRANSHUGE', 0x4342ca], ['GFP_TRANSHUGE_LIGHT', 0x342ca],
  ['GFP_HIGHUSER_MOVABLE', 0x14200ca], ['GFP_HIGHUSER', 0x14200c2], ['GFP_USER', 0x14200c0],
  ['GFP_KERNEL_ACCOUNT', 0x15000c0], ['GFP_KERNEL', 0x14000c0], ['GFP_NOFS', 0x1400040],
  ['GFP_ATOMIC', 0x1080020], ['GFP_NOIO', 0x1400000], ['GFP_NOWAIT', 0x1000000], ['GFP_DMA', 0x1],
  ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x80000],
  ['__GFP_IO', 0x40], ['__GFP_FS', 0x80], ['__GFP_COLD', 0x100], ['__GFP_NOWARN', 0x200],
  ['__GFP_RETRY_MAYFAIL', 0x400], ['__GFP_NOFAIL', 0x800], ['__GFP_NORETRY', 0x1000],
  ['__GFP_COMP', 0x4000], ['__GFP_ZERO', 0x8000], ['__GFP_NOMEMALLOC', 0x10000],
  ['__GFP_MEMALLOC', 0x2000], ['__GFP_HARDWALL', 0x20000], ['__GFP_THISNODE', 0x40000],
  ['__GFP_RECLAIMABLE', 0x10], ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x100000],
  ['__GFP_WRITE', 0x800000], ['__GFP_RECLAIM', 0x1400000], ['__GFP_DIRECT_RECLAIM', 0x400000],
  ['__GFP_KSWAPD_RECLAIM', 0x1000000],
];

/**
 * 4.15 ___GFP_* bits, read from include/linux/gfp.h of: 4.15.0 (sndrzt/linux-4.15@6ea062648);
 * Ubuntu 4.15.0 (4.15.18) (sndrzt/linux-4.15@fee46e25a); 4.16.13
 * (lizuobin/linux-4.16.13_tiny4412); 4.17.0 (SaumyaSachdev/linux-4.17).
 */
const BITS_4_15: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80,
  ___GFP_NOWARN: 0x200, ___GFP_RETRY_MAYFAIL: 0x400, ___GFP_NOFAIL: 0x800, ___GFP_NORETRY: 0x1000,
  ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000, ___GFP_NOMEMALLOC: 0x10000,
  ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000, ___GFP_ATOMIC: 0x80000,
  ___GFP_ACCOUNT: 0x100000, ___GFP_DIRECT_RECLAIM: 0x400000, ___GFP_WRITE: 0x800000,
  ___GFP_KSWAPD_RECLAIM: 0x1000000,
};
/**
 * 4.15 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_4_15: Table = [
  ['GFP_TRANSHUGE', 0x4342ca], ['GFP_TRANSHUGE_LIGHT', 0x342ca],
  ['GFP_HIGHUSER_MOVABLE', 0x14200ca], ['GFP_HIGHUSER', 0x14200c2], ['GFP_USER', 0x14200c0],
  ['GFP_KERNEL_ACCOUNT', 0x15000c0], ['GFP_KERNEL', 0x14000c0], ['GFP_NOFS', 0x1400040],
  ['GFP_ATOMIC', 0x1080020], ['GFP_NOIO', 0x1400000], ['GFP_NOWAIT', 0x1000000], ['GFP_DMA', 0x1],
  ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x80000],
  ['__GFP_IO', 0x40], ['__GFP_FS', 0x80], ['__GFP_NOWARN', 0x200], ['__GFP_RETRY_MAYFAIL', 0x400],
  ['__GFP_NOFAIL', 0x800], ['__GFP_NORETRY', 0x1000], ['__GFP_COMP', 0x4000],
  ['__GFP_ZERO', 0x8000], ['__GFP_NOMEMALLOC', 0x10000], ['__GFP_MEMALLOC', 0x2000],
  ['__GFP_HARDWALL', 0x20000], ['__GFP_THISNODE', 0x40000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x100000], ['__GFP_WRITE', 0x800000],
  ['__GFP_RECLAIM', 0x1400000], ['__GFP_DIRECT_RECLAIM', 0x400000],
  ['__GFP_KSWAPD_RECLAIM', 0x1000000],
];

/**
 * 4.18 ___GFP_* bits, read from include/linux/gfp.h of: 4.18.0 (wulmx/linux-4.18); 5.0.1
 * (VVvector/linux-5.0.1); 4.18.0-147.el8 (cai-fuqiang/linux-4.18.0-147@17d780554); 4.18.0-240.el8
 * (dongzhiyan-stack/linux-4.18.0-240.el8).
 * Equal to the 4.18-el8, 4.19 (4.19.304, maxiangpan/linux-4.19) and 5.0 entries of
 * gfp-flags.json.
 */
const BITS_4_18: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80,
  ___GFP_WRITE: 0x100, ___GFP_NOWARN: 0x200, ___GFP_RETRY_MAYFAIL: 0x400, ___GFP_NOFAIL: 0x800,
  ___GFP_NORETRY: 0x1000, ___GFP_MEMALLOC: 0x2000, ___GFP_COMP: 0x4000, ___GFP_ZERO: 0x8000,
  ___GFP_NOMEMALLOC: 0x10000, ___GFP_HARDWALL: 0x20000, ___GFP_THISNODE: 0x40000,
  ___GFP_ATOMIC: 0x80000, ___GFP_ACCOUNT: 0x100000, ___GFP_DIRECT_RECLAIM: 0x200000,
  ___GFP_KSWAPD_RECLAIM: 0x400000,
};
/**
 * 4.18 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_4_18: Table = [
  ['GFP_TRANSHUGE', 0x2342ca], ['GFP_TRANSHUGE_LIGHT', 0x342ca], ['GFP_HIGHUSER_MOVABLE', 0x6200ca],
  ['GFP_HIGHUSER', 0x6200c2], ['GFP_USER', 0x6200c0], ['GFP_KERNEL_ACCOUNT', 0x7000c0],
  ['GFP_KERNEL', 0x6000c0], ['GFP_NOFS', 0x600040], ['GFP_ATOMIC', 0x480020],
  ['GFP_NOIO', 0x600000], ['GFP_NOWAIT', 0x400000], ['GFP_DMA', 0x1], ['__GFP_HIGHMEM', 0x2],
  ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x80000], ['__GFP_IO', 0x40],
  ['__GFP_FS', 0x80], ['__GFP_NOWARN', 0x200], ['__GFP_RETRY_MAYFAIL', 0x400],
  ['__GFP_NOFAIL', 0x800], ['__GFP_NORETRY', 0x1000], ['__GFP_COMP', 0x4000],
  ['__GFP_ZERO', 0x8000], ['__GFP_NOMEMALLOC', 0x10000], ['__GFP_MEMALLOC', 0x2000],
  ['__GFP_HARDWALL', 0x20000], ['__GFP_THISNODE', 0x40000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x100000], ['__GFP_WRITE', 0x100],
  ['__GFP_RECLAIM', 0x600000], ['__GFP_DIRECT_RECLAIM', 0x200000],
  ['__GFP_KSWAPD_RECLAIM', 0x400000],
];

/**
 * 5.2 ___GFP_* bits, read from include/linux/gfp.h of: 5.2.1 (wangliang-cs/linux-5.2.1); 5.6.4
 * (shmily1012/linux-5.6.4); 5.7.14 (a5221985/linux-5.7.14); 5.8.1 (semwett0301/linux-5.8.1); 5.9.4
 * (regymm/linux-5.9.4); 5.11.14 (fridayhub/linux-5.11.14); 5.12.9 (zhangyinjun/linux-5.12.9).
 * Equal to the 5.3 (5.3.1), 5.4 (5.4.301) and 5.10 (5.10.265) entries of gfp-flags.json.
 */
const BITS_5_2: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_ZERO: 0x100,
  ___GFP_ATOMIC: 0x200, ___GFP_DIRECT_RECLAIM: 0x400, ___GFP_KSWAPD_RECLAIM: 0x800,
  ___GFP_WRITE: 0x1000, ___GFP_NOWARN: 0x2000, ___GFP_RETRY_MAYFAIL: 0x4000, ___GFP_NOFAIL: 0x8000,
  ___GFP_NORETRY: 0x10000, ___GFP_MEMALLOC: 0x20000, ___GFP_COMP: 0x40000,
  ___GFP_NOMEMALLOC: 0x80000, ___GFP_HARDWALL: 0x100000, ___GFP_THISNODE: 0x200000,
  ___GFP_ACCOUNT: 0x400000,
};
/**
 * 5.2 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_5_2: Table = [
  ['GFP_TRANSHUGE', 0x1c24ca], ['GFP_TRANSHUGE_LIGHT', 0x1c20ca],
  ['GFP_HIGHUSER_MOVABLE', 0x100cca], ['GFP_HIGHUSER', 0x100cc2], ['GFP_USER', 0x100cc0],
  ['GFP_KERNEL_ACCOUNT', 0x400cc0], ['GFP_KERNEL', 0xcc0], ['GFP_NOFS', 0xc40],
  ['GFP_ATOMIC', 0xa20], ['GFP_NOIO', 0xc00], ['GFP_NOWAIT', 0x800], ['GFP_DMA', 0x1],
  ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x200],
  ['__GFP_IO', 0x40], ['__GFP_FS', 0x80], ['__GFP_NOWARN', 0x2000], ['__GFP_RETRY_MAYFAIL', 0x4000],
  ['__GFP_NOFAIL', 0x8000], ['__GFP_NORETRY', 0x10000], ['__GFP_COMP', 0x40000],
  ['__GFP_ZERO', 0x100], ['__GFP_NOMEMALLOC', 0x80000], ['__GFP_MEMALLOC', 0x20000],
  ['__GFP_HARDWALL', 0x100000], ['__GFP_THISNODE', 0x200000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x400000], ['__GFP_WRITE', 0x1000],
  ['__GFP_RECLAIM', 0xc00], ['__GFP_DIRECT_RECLAIM', 0x400], ['__GFP_KSWAPD_RECLAIM', 0x800],
];

/**
 * 5.14 ___GFP_* bits, read from include/linux/gfp.h of: 5.14.2
 * (Kingdo777/linux-5.14.2-faascale-host@21101b620); 5.15.16 (yashlala/fastswap-linux-5.16.16);
 * 5.17.0-rc5 (dunli/linux-5.17).
 * Equal to the 5.15 (5.15.215, unifreq/linux-5.15.y) entry of gfp-flags.json. 5.14.0-rc5
 * (lsk-legends/linux-5.14) had the same bits but no %pGg names yet for ZEROTAGS and
 * SKIP_KASAN_POISON; 5.16 was not read (the fastswap tree is 5.15.16 by its Makefile).
 */
const BITS_5_14: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_ZERO: 0x100,
  ___GFP_ATOMIC: 0x200, ___GFP_DIRECT_RECLAIM: 0x400, ___GFP_KSWAPD_RECLAIM: 0x800,
  ___GFP_WRITE: 0x1000, ___GFP_NOWARN: 0x2000, ___GFP_RETRY_MAYFAIL: 0x4000, ___GFP_NOFAIL: 0x8000,
  ___GFP_NORETRY: 0x10000, ___GFP_MEMALLOC: 0x20000, ___GFP_COMP: 0x40000,
  ___GFP_NOMEMALLOC: 0x80000, ___GFP_HARDWALL: 0x100000, ___GFP_THISNODE: 0x200000,
  ___GFP_ACCOUNT: 0x400000, ___GFP_ZEROTAGS: 0x800000, ___GFP_SKIP_KASAN_POISON: 0x1000000,
};
/**
 * 5.14 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_5_14: Table = [
  ['GFP_TRANSHUGE', 0x11c24ca], ['GFP_TRANSHUGE_LIGHT', 0x11c20ca],
  ['GFP_HIGHUSER_MOVABLE', 0x1100cca], ['GFP_HIGHUSER', 0x100cc2], ['GFP_USER', 0x100cc0],
  ['GFP_KERNEL_ACCOUNT', 0x400cc0], ['GFP_KERNEL', 0xcc0], ['GFP_NOFS', 0xc40],
  ['GFP_ATOMIC', 0xa20], ['GFP_NOIO', 0xc00], ['GFP_NOWAIT', 0x800], ['GFP_DMA', 0x1],
  ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x200],
  ['__GFP_IO', 0x40], ['__GFP_FS', 0x80], ['__GFP_NOWARN', 0x2000], ['__GFP_RETRY_MAYFAIL', 0x4000],
  ['__GFP_NOFAIL', 0x8000], ['__GFP_NORETRY', 0x10000], ['__GFP_COMP', 0x40000],
  ['__GFP_ZERO', 0x100], ['__GFP_NOMEMALLOC', 0x80000], ['__GFP_MEMALLOC', 0x20000],
  ['__GFP_HARDWALL', 0x100000], ['__GFP_THISNODE', 0x200000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x400000], ['__GFP_WRITE', 0x1000],
  ['__GFP_RECLAIM', 0xc00], ['__GFP_DIRECT_RECLAIM', 0x400], ['__GFP_KSWAPD_RECLAIM', 0x800],
  ['__GFP_ZEROTAGS', 0x800000], ['__GFP_SKIP_KASAN_POISON', 0x1000000],
];

/**
 * 5.18 ___GFP_* bits, read from include/linux/gfp.h of: 5.18.12 (esuoyanyu/kernel-5.18); 5.19.0
 * (yishangzhang/linux-5.19); 6.0.1 (HHRhr/linux-6.0.1); 6.2.1
 * (daniellucs2002/linux-6.2.1-customized).
 * 6.0.1 and 6.2.1 have the bits in include/linux/gfp_types.h. Equal to the 6.1 (6.1.166,
 * unifreq/linux-6.1.y) entry of gfp-flags.json.
 */
const BITS_5_18: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_ZERO: 0x100,
  ___GFP_ATOMIC: 0x200, ___GFP_DIRECT_RECLAIM: 0x400, ___GFP_KSWAPD_RECLAIM: 0x800,
  ___GFP_WRITE: 0x1000, ___GFP_NOWARN: 0x2000, ___GFP_RETRY_MAYFAIL: 0x4000, ___GFP_NOFAIL: 0x8000,
  ___GFP_NORETRY: 0x10000, ___GFP_MEMALLOC: 0x20000, ___GFP_COMP: 0x40000,
  ___GFP_NOMEMALLOC: 0x80000, ___GFP_HARDWALL: 0x100000, ___GFP_THISNODE: 0x200000,
  ___GFP_ACCOUNT: 0x400000, ___GFP_ZEROTAGS: 0x800000,
};
/**
 * 5.18 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_5_18: Table = [
  ['GFP_TRANSHUGE', 0x1c24ca], ['GFP_TRANSHUGE_LIGHT', 0x1c20ca],
  ['GFP_HIGHUSER_MOVABLE', 0x100cca], ['GFP_HIGHUSER', 0x100cc2], ['GFP_USER', 0x100cc0],
  ['GFP_KERNEL_ACCOUNT', 0x400cc0], ['GFP_KERNEL', 0xcc0], ['GFP_NOFS', 0xc40],
  ['GFP_ATOMIC', 0xa20], ['GFP_NOIO', 0xc00], ['GFP_NOWAIT', 0x800], ['GFP_DMA', 0x1],
  ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_ATOMIC', 0x200],
  ['__GFP_IO', 0x40], ['__GFP_FS', 0x80], ['__GFP_NOWARN', 0x2000], ['__GFP_RETRY_MAYFAIL', 0x4000],
  ['__GFP_NOFAIL', 0x8000], ['__GFP_NORETRY', 0x10000], ['__GFP_COMP', 0x40000],
  ['__GFP_ZERO', 0x100], ['__GFP_NOMEMALLOC', 0x80000], ['__GFP_MEMALLOC', 0x20000],
  ['__GFP_HARDWALL', 0x100000], ['__GFP_THISNODE', 0x200000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x400000], ['__GFP_WRITE', 0x1000],
  ['__GFP_RECLAIM', 0xc00], ['__GFP_DIRECT_RECLAIM', 0x400], ['__GFP_KSWAPD_RECLAIM', 0x800],
  ['__GFP_ZEROTAGS', 0x800000],
];

/**
 * 6.3 ___GFP_* bits, read from include/linux/gfp_types.h + include/linux/gfp.h of: 6.3.8
 * (SToPire/linux-6.3.8); 6.4.6 (lewisevans2007/linux-6.4).
 * Equal to the 6.5 (6.5.0) and 6.6 (6.6.57) entries of gfp-flags.json.
 */
const BITS_6_3: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_ZERO: 0x100,
  ___GFP_DIRECT_RECLAIM: 0x400, ___GFP_KSWAPD_RECLAIM: 0x800, ___GFP_WRITE: 0x1000,
  ___GFP_NOWARN: 0x2000, ___GFP_RETRY_MAYFAIL: 0x4000, ___GFP_NOFAIL: 0x8000,
  ___GFP_NORETRY: 0x10000, ___GFP_MEMALLOC: 0x20000, ___GFP_COMP: 0x40000,
  ___GFP_NOMEMALLOC: 0x80000, ___GFP_HARDWALL: 0x100000, ___GFP_THISNODE: 0x200000,
  ___GFP_ACCOUNT: 0x400000, ___GFP_ZEROTAGS: 0x800000,
};
/**
 * 6.3 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_6_3: Table = [
  ['GFP_TRANSHUGE', 0x1c24ca], ['GFP_TRANSHUGE_LIGHT', 0x1c20ca],
  ['GFP_HIGHUSER_MOVABLE', 0x100cca], ['GFP_HIGHUSER', 0x100cc2], ['GFP_USER', 0x100cc0],
  ['GFP_KERNEL_ACCOUNT', 0x400cc0], ['GFP_KERNEL', 0xcc0], ['GFP_NOFS', 0xc40],
  ['GFP_ATOMIC', 0x820], ['GFP_NOIO', 0xc00], ['GFP_NOWAIT', 0x800], ['GFP_DMA', 0x1],
  ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_IO', 0x40],
  ['__GFP_FS', 0x80], ['__GFP_NOWARN', 0x2000], ['__GFP_RETRY_MAYFAIL', 0x4000],
  ['__GFP_NOFAIL', 0x8000], ['__GFP_NORETRY', 0x10000], ['__GFP_COMP', 0x40000],
  ['__GFP_ZERO', 0x100], ['__GFP_NOMEMALLOC', 0x80000], ['__GFP_MEMALLOC', 0x20000],
  ['__GFP_HARDWALL', 0x100000], ['__GFP_THISNODE', 0x200000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x400000], ['__GFP_WRITE', 0x1000],
  ['__GFP_RECLAIM', 0xc00], ['__GFP_DIRECT_RECLAIM', 0x400], ['__GFP_KSWAPD_RECLAIM', 0x800],
  ['__GFP_ZEROTAGS', 0x800000],
];

/**
 * 6.8 ___GFP_* bits, read from include/linux/gfp_types.h + include/linux/gfp.h of: 6.8.1
 * (sndrzt/linux-6.8); 6.9.0 (ec-jt/linux-6.9.0).
 */
const BITS_6_8: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_ZERO: 0x100,
  ___GFP_DIRECT_RECLAIM: 0x400, ___GFP_KSWAPD_RECLAIM: 0x800, ___GFP_WRITE: 0x1000,
  ___GFP_NOWARN: 0x2000, ___GFP_RETRY_MAYFAIL: 0x4000, ___GFP_NOFAIL: 0x8000,
  ___GFP_NORETRY: 0x10000, ___GFP_MEMALLOC: 0x20000, ___GFP_COMP: 0x40000,
  ___GFP_NOMEMALLOC: 0x80000, ___GFP_HARDWALL: 0x100000, ___GFP_THISNODE: 0x200000,
  ___GFP_ACCOUNT: 0x400000, ___GFP_ZEROTAGS: 0x800000,
};
/**
 * 6.8 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_6_8: Table = [
  ['GFP_TRANSHUGE', 0x1c24ca], ['GFP_TRANSHUGE_LIGHT', 0x1c20ca],
  ['GFP_HIGHUSER_MOVABLE', 0x100cca], ['GFP_HIGHUSER', 0x100cc2], ['GFP_USER', 0x100cc0],
  ['GFP_KERNEL_ACCOUNT', 0x400cc0], ['GFP_KERNEL', 0xcc0], ['GFP_NOFS', 0xc40],
  ['GFP_ATOMIC', 0x820], ['GFP_NOIO', 0xc00], ['GFP_NOWAIT', 0x2800], ['GFP_DMA', 0x1],
  ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_IO', 0x40],
  ['__GFP_FS', 0x80], ['__GFP_NOWARN', 0x2000], ['__GFP_RETRY_MAYFAIL', 0x4000],
  ['__GFP_NOFAIL', 0x8000], ['__GFP_NORETRY', 0x10000], ['__GFP_COMP', 0x40000],
  ['__GFP_ZERO', 0x100], ['__GFP_NOMEMALLOC', 0x80000], ['__GFP_MEMALLOC', 0x20000],
  ['__GFP_HARDWALL', 0x100000], ['__GFP_THISNODE', 0x200000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x400000], ['__GFP_WRITE', 0x1000],
  ['__GFP_RECLAIM', 0xc00], ['__GFP_DIRECT_RECLAIM', 0x400], ['__GFP_KSWAPD_RECLAIM', 0x800],
  ['__GFP_ZEROTAGS', 0x800000],
];

/**
 * 6.10 ___GFP_* bits, read from include/linux/gfp_types.h + include/linux/gfp.h of: 6.10.0
 * (msgeden/cryptocap-arm64-linux-6.10); 6.11.11 (segzix/linux-6.11.11); 6.12.19
 * (wishday/linux-6.12.y); 6.13.7 (ChenRuiwei/linux-6.13.7); 6.14.0 (perishh/linux-6.14).
 * Equal to the 6.12 entry of gfp-flags.json (6.12.19 is one of the trees).
 */
const BITS_6_10: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_ZERO: 0x100,
  ___GFP_DIRECT_RECLAIM: 0x400, ___GFP_KSWAPD_RECLAIM: 0x800, ___GFP_WRITE: 0x1000,
  ___GFP_NOWARN: 0x2000, ___GFP_RETRY_MAYFAIL: 0x4000, ___GFP_NOFAIL: 0x8000,
  ___GFP_NORETRY: 0x10000, ___GFP_MEMALLOC: 0x20000, ___GFP_COMP: 0x40000,
  ___GFP_NOMEMALLOC: 0x80000, ___GFP_HARDWALL: 0x100000, ___GFP_THISNODE: 0x200000,
  ___GFP_ACCOUNT: 0x400000, ___GFP_ZEROTAGS: 0x800000, ___GFP_NO_OBJ_EXT: 0x1000000,
};
/**
 * 6.10 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_6_10: Table = [
  ['GFP_TRANSHUGE', 0x1c24ca], ['GFP_TRANSHUGE_LIGHT', 0x1c20ca],
  ['GFP_HIGHUSER_MOVABLE', 0x100cca], ['GFP_HIGHUSER', 0x100cc2], ['GFP_USER', 0x100cc0],
  ['GFP_KERNEL_ACCOUNT', 0x400cc0], ['GFP_KERNEL', 0xcc0], ['GFP_NOFS', 0xc40],
  ['GFP_ATOMIC', 0x820], ['GFP_NOIO', 0xc00], ['GFP_NOWAIT', 0x2800], ['GFP_DMA', 0x1],
  ['__GFP_HIGHMEM', 0x2], ['GFP_DMA32', 0x4], ['__GFP_HIGH', 0x20], ['__GFP_IO', 0x40],
  ['__GFP_FS', 0x80], ['__GFP_NOWARN', 0x2000], ['__GFP_RETRY_MAYFAIL', 0x4000],
  ['__GFP_NOFAIL', 0x8000], ['__GFP_NORETRY', 0x10000], ['__GFP_COMP', 0x40000],
  ['__GFP_ZERO', 0x100], ['__GFP_NOMEMALLOC', 0x80000], ['__GFP_MEMALLOC', 0x20000],
  ['__GFP_HARDWALL', 0x100000], ['__GFP_THISNODE', 0x200000], ['__GFP_RECLAIMABLE', 0x10],
  ['__GFP_MOVABLE', 0x8], ['__GFP_ACCOUNT', 0x400000], ['__GFP_WRITE', 0x1000],
  ['__GFP_RECLAIM', 0xc00], ['__GFP_DIRECT_RECLAIM', 0x400], ['__GFP_KSWAPD_RECLAIM', 0x800],
  ['__GFP_ZEROTAGS', 0x800000],
];

/**
 * 6.17 ___GFP_* bits, read from include/linux/gfp_types.h + include/linux/gfp.h of: 6.17.0
 * (busysteve/linux-6.17.0-rust-ported-c); 6.18.35 (leftymods/linux-6.18.y); 6.19.0
 * (matankalina/linux-6.19.10-fork).
 * Equal to the 6.18 entry of gfp-flags.json (6.18.35 is one of the trees). The 6.17.0 tree is a
 * modified one ("Rust ported to C"); its gfp_types.h and mmflags.h differ from 6.18.35 only in a
 * comment.
 */
const BITS_6_17: Bits = {
  ___GFP_DMA: 0x1, ___GFP_HIGHMEM: 0x2, ___GFP_DMA32: 0x4, ___GFP_MOVABLE: 0x8,
  ___GFP_RECLAIMABLE: 0x10, ___GFP_HIGH: 0x20, ___GFP_IO: 0x40, ___GFP_FS: 0x80, ___GFP_ZERO: 0x100,
  ___GFP_DIRECT_RECLAIM: 0x400, ___GFP_KSWAPD_RECLAIM: 0x800, ___GFP_WRITE: 0x1000,
  ___GFP_NOWARN: 0x2000, ___GFP_RETRY_MAYFAIL: 0x4000, ___GFP_NOFAIL: 0x8000,
  ___GFP_NORETRY: 0x10000, ___GFP_MEMALLOC: 0x20000, ___GFP_COMP: 0x40000,
  ___GFP_NOMEMALLOC: 0x80000, ___GFP_HARDWALL: 0x100000, ___GFP_THISNODE: 0x200000,
  ___GFP_ACCOUNT: 0x400000, ___GFP_ZEROTAGS: 0x800000, ___GFP_NO_OBJ_EXT: 0x1000000,
};
/**
 * 6.17 %pGg name table, in order: include/trace/events/mmflags.h __def_gfpflag_names of the same
 * trees.
 */
const TABLE_6_17: Table = [
  ['GFP_TRANSHUGE', 0x1c24ca], ['GFP_TRANSHUGE_LIGHT', 0x1c20ca],
  ['GFP_HIGHUSER_MOVABLE', 0x100cca], ['GFP_HIGHUSER', 0x100cc2], ['GFP_USER', 0x100cc0],
  ['GFP_KERNEL_ACCOUNT', 0x400cc0], ['GFP_KERNEL', 0xcc0], ['GFP_NOFS', 0xc40],
  ['GFP_ATOMIC', 0x820], ['GFP_NOIO', 0xc00], ['GFP_NOWAIT', 0x2800], ['GFP_DMA', 0x1],
  ['GFP_DMA32', 0x4], ['__GFP_RECLAIM', 0xc00], ['__GFP_DMA', 0x1], ['__GFP_HIGHMEM', 0x2],
  ['__GFP_DMA32', 0x4], ['__GFP_MOVABLE', 0x8], ['__GFP_RECLAIMABLE', 0x10], ['__GFP_HIGH', 0x20],
  ['__GFP_IO', 0x40], ['__GFP_FS', 0x80], ['__GFP_ZERO', 0x100], ['__GFP_DIRECT_RECLAIM', 0x400],
  ['__GFP_KSWAPD_RECLAIM', 0x800], ['__GFP_WRITE', 0x1000], ['__GFP_NOWARN', 0x2000],
  ['__GFP_RETRY_MAYFAIL', 0x4000], ['__GFP_NOFAIL', 0x8000], ['__GFP_NORETRY', 0x10000],
  ['__GFP_MEMALLOC', 0x20000], ['__GFP_COMP', 0x40000], ['__GFP_NOMEMALLOC', 0x80000],
  ['__GFP_HARDWALL', 0x100000], ['__GFP_THISNODE', 0x200000], ['__GFP_ACCOUNT', 0x400000],
  ['__GFP_ZEROTAGS', 0x800000], ['__GFP_NO_OBJ_EXT', 0x1000000],
];


/** Order of the combinations in the synthesized tables: that of the first %pGg table (4.6.2 mmflags.h). */
const SYNTH_ORDER = [
  'GFP_TRANSHUGE', 'GFP_TRANSHUGE_LIGHT', 'GFP_HIGHUSER_MOVABLE', 'GFP_HIGHUSER', 'GFP_USER', 'GFP_TEMPORARY',
  'GFP_KERNEL_ACCOUNT', 'GFP_KERNEL', 'GFP_NOFS', 'GFP_ATOMIC', 'GFP_NOIO', 'GFP_NOWAIT', 'GFP_DMA', '__GFP_HIGHMEM',
  'GFP_DMA32', '__GFP_RECLAIM',
];

/**
 * Name table for a kernel that prints no names (before 4.6): its combinations in SYNTH_ORDER, then
 * every other single bit in bit order. Zero-valued combinations (GFP_NOWAIT is 0 before 4.4) are
 * left out, since format_flags() would "match" them on every mask.
 */
function synthTable(bits: Bits, composites: Bits): Table {
  const t: [string, number][] = [];
  for (const name of SYNTH_ORDER) {
    const v = name === '__GFP_HIGHMEM' ? bits.___GFP_HIGHMEM : composites[name];
    if (v) t.push([name, v]);
  }
  const zone = new Set(['___GFP_DMA', '___GFP_HIGHMEM', '___GFP_DMA32']);
  for (const [k, v] of Object.entries(bits).sort((a, b) => a[1] - b[1])) if (!zone.has(k) && v) t.push([k.slice(1), v]);
  return t;
}

const NOLOCKDEP = (v: string) => ({ ___GFP_NOLOCKDEP: `${v} with CONFIG_LOCKDEP=y, else 0` });
const ENUM_TAIL =
  'with CONFIG_KASAN_HW_TAGS=y, CONFIG_LOCKDEP=y or CONFIG_SLAB_OBJ_EXT=n the bits after ZEROTAGS are numbered in the order SKIP_ZERO, SKIP_KASAN, NOLOCKDEP, NO_OBJ_EXT from 0x1000000 (enum in gfp_types.h)';

/** A layout's tables: the %pGg table the kernel prints with, or (before 4.6) its combinations. */
type Names = { table: Table } | { composites: Bits };

function tables(bits: Bits, names: Names) {
  return 'table' in names
    ? { printsNames: true, composites: {}, table: names.table }
    : { printsNames: false, composites: names.composites, table: synthTable(bits, names.composites) };
}

function upstream(id: string, from: string, to: string, bits: Bits, names: Names, configBits: Record<string, string> = {}): GfpLayout {
  const mm = (s: string): [number, number] => {
    const [a, b] = s.split('.').map(Number);
    return [a!, b!];
  };
  return { id, from, to, range: { from: mm(from), to: mm(to) }, bits, configBits, ...tables(bits, names) };
}

function rhel(id: string, tag: 'el7' | 'el8', base: string, fromBuild: number, toBuild: number, bits: Bits, names: Names, configBits: Record<string, string> = {}): GfpLayout {
  const range = { rhel: tag, fromBuild, toBuild };
  return { id, from: `${base}-${fromBuild}.${tag}`, to: `${base}-${toBuild}.${tag}`, range, bits, configBits, ...tables(bits, names) };
}

/** Every verified layout; upstream ones in release order. */
export const GFP_LAYOUTS: readonly GfpLayout[] = [
  upstream('3.4-3.5', '3.4', '3.5', BITS_3_4, { composites: COMPOSITES_3_4 }, { ___GFP_NOTRACK: '0x200000 with CONFIG_KMEMCHECK=y, else 0' }),
  upstream('3.6', '3.6', '3.6', BITS_3_6, { composites: COMPOSITES_3_6 }, { ___GFP_NOTRACK: '0x200000 with CONFIG_KMEMCHECK=y, else 0' }),
  upstream('3.8-3.14', '3.8', '3.14', BITS_3_8, { composites: COMPOSITES_3_8 }),
  upstream('3.16-4.0', '3.16', '4.0', BITS_3_16, { composites: COMPOSITES_3_16 }),
  upstream('4.1-4.3', '4.1', '4.3', BITS_4_1, { composites: COMPOSITES_4_1 }),
  upstream('4.4', '4.4', '4.4', BITS_4_4, { composites: COMPOSITES_4_4 }),
  upstream('4.5', '4.5', '4.5', BITS_4_5, { composites: COMPOSITES_4_5 }),
  upstream('4.6-4.7', '4.6', '4.7', BITS_4_6, { table: TABLE_4_6 }),
  upstream('4.8-4.9', '4.8', '4.9', BITS_4_8, { table: TABLE_4_8 }),
  upstream('4.10-4.12', '4.10', '4.12', BITS_4_10, { table: TABLE_4_10 }, { ___GFP_NOLOCKDEP: '4.12 only: 0x2000000 with CONFIG_LOCKDEP=y, else 0' }),
  upstream('4.13', '4.13', '4.13', BITS_4_13, { table: TABLE_4_13 }, NOLOCKDEP('0x2000000')),
  upstream('4.14', '4.14', '4.14', BITS_4_14, { table: TABLE_4_14 }, NOLOCKDEP('0x2000000')),
  upstream('4.15-4.17', '4.15', '4.17', BITS_4_15, { table: TABLE_4_15 }, NOLOCKDEP('0x2000000')),
  upstream('4.18-5.0', '4.18', '5.0', BITS_4_18, { table: TABLE_4_18 }, NOLOCKDEP('0x800000')),
  upstream('5.2-5.12', '5.2', '5.12', BITS_5_2, { table: TABLE_5_2 }, NOLOCKDEP('0x800000')),
  upstream('5.14-5.17', '5.14', '5.17', BITS_5_14, { table: TABLE_5_14 }, NOLOCKDEP('0x2000000')),
  upstream('5.18-6.2', '5.18', '6.2', BITS_5_18, { table: TABLE_5_18 }, {
    ...NOLOCKDEP('0x8000000'),
    ___GFP_SKIP_ZERO: '0x1000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
    ___GFP_SKIP_KASAN_UNPOISON: '0x2000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
    ___GFP_SKIP_KASAN_POISON: '0x4000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
  }),
  upstream('6.3-6.6', '6.3', '6.6', BITS_6_3, { table: TABLE_6_3 }, {
    ___GFP_NOLOCKDEP: 'with CONFIG_LOCKDEP=y 0x8000000 in 6.3, 0x4000000 in 6.4-6.6; else 0',
    ___GFP_SKIP_ZERO: '0x1000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
    ___GFP_SKIP_KASAN_UNPOISON: '6.3 only: 0x2000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
    ___GFP_SKIP_KASAN_POISON: '6.3 only: 0x4000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
    ___GFP_SKIP_KASAN: '6.4-6.6: 0x2000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
  }),
  upstream('6.8-6.9', '6.8', '6.9', BITS_6_8, { table: TABLE_6_8 }, {
    ...NOLOCKDEP('0x4000000'),
    ___GFP_SKIP_ZERO: '0x1000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
    ___GFP_SKIP_KASAN: '0x2000000 with CONFIG_KASAN_HW_TAGS=y, else 0',
  }),
  upstream('6.10-6.14', '6.10', '6.14', BITS_6_10, { table: TABLE_6_10 }, {
    ___GFP_NOLOCKDEP: `0 in the assumed config; ${ENUM_TAIL}`,
    ___GFP_SKIP_ZERO: `0 in the assumed config; ${ENUM_TAIL}`,
    ___GFP_SKIP_KASAN: `0 in the assumed config; ${ENUM_TAIL}`,
  }),
  upstream('6.17-6.19', '6.17', '6.19', BITS_6_17, { table: TABLE_6_17 }, {
    ___GFP_NOLOCKDEP: `0 in the assumed config; ${ENUM_TAIL}; each configured bit also gets a %pGg name`,
    ___GFP_SKIP_ZERO: `0 in the assumed config; ${ENUM_TAIL}; each configured bit also gets a %pGg name`,
    ___GFP_SKIP_KASAN: `0 in the assumed config; ${ENUM_TAIL}; each configured bit also gets a %pGg name`,
  }),
  // Red Hat: RHEL 7.3 (3.10.0-514) and 7.7 (3.10.0-1062) have the upstream 3.8–3.14 bits (KMEMCG at
  // 0x100000); 7.8 (3.10.0-1127) and 7.9 (3.10.0-1160) have ACCOUNT there instead. RHEL 8.1
  // (4.18.0-147) and 8.3 (4.18.0-240) have the upstream 4.18–5.0 bits and table.
  rhel('rhel7.3-7.7', 'el7', '3.10.0', 514, 1062, BITS_3_8, { composites: COMPOSITES_3_8 }),
  rhel('rhel7.8-7.9', 'el7', '3.10.0', 1127, 1160, BITS_3_10_EL7_8, { composites: COMPOSITES_3_10_EL7_8 }),
  rhel('rhel8.1-8.3', 'el8', '4.18.0', 147, 240, BITS_4_18, { table: TABLE_4_18 }, NOLOCKDEP('0x800000')),
];

type Meaning = { en: string; 'zh-cn': string };

/**
 * What each flag lets the allocator do. Facts follow the flag comments of include/linux/gfp.h
 * (3.10, 4.9, 5.15) and include/linux/gfp_types.h (6.12) read above; zh-cn terms follow
 * glossary-zh-cn.md. GFP_DMA and __GFP_DMA (likewise DMA32) share one text.
 */
const MEANINGS: Record<string, Meaning> = {
  // --- zone modifiers
  __GFP_DMA: {
    en: 'The page must come from ZONE_DMA, the lowest zone (16 MiB on x86). Only that small zone can serve the request, so it can fail or reclaim there while other zones have plenty of free memory.',
    'zh-cn': '页必须来自最低的内存区域（zone）ZONE_DMA（x86 上为 16 MiB）。只有这个很小的内存区域能满足请求，因此即使其他内存区域空闲充足，也可能在这里失败或触发内存回收。',
  },
  __GFP_HIGHMEM: {
    en: 'The page may also come from ZONE_HIGHMEM, which the kernel does not map permanently. Only 32-bit kernels have highmem; on 64-bit kernels this just allows ZONE_NORMAL.',
    'zh-cn': '页也可以来自内核不做永久映射的 ZONE_HIGHMEM。只有 32 位内核才有 highmem；在 64 位内核上它只表示允许使用 ZONE_NORMAL。',
  },
  __GFP_DMA32: {
    en: 'The page must lie below 4 GiB (ZONE_DMA32 or ZONE_DMA). Free memory above 4 GiB does not help this request.',
    'zh-cn': '页必须位于 4 GiB 以下（ZONE_DMA32 或 ZONE_DMA）。4 GiB 以上的空闲内存对这个请求没有帮助。',
  },
  __GFP_MOVABLE: {
    en: 'The page can be moved by page migration (compaction) or reclaimed, so it may also be placed in ZONE_MOVABLE. User pages (anonymous and page cache) get it through GFP_HIGHUSER_MOVABLE.',
    'zh-cn': '该页可被页迁移（内存规整）移动或被回收，因此也可以放在 ZONE_MOVABLE 中。用户页（匿名页和页缓存）通过 GFP_HIGHUSER_MOVABLE 带有此标志。',
  },
  // --- placement and mobility hints
  __GFP_RECLAIMABLE: {
    en: 'The page belongs to a reclaimable slab cache (SLAB_RECLAIM_ACCOUNT) whose objects shrinkers can free. Such pages are grouped together to limit fragmentation.',
    'zh-cn': '该页属于可回收的 slab（SLAB_RECLAIM_ACCOUNT），其对象可由 shrinker 释放。这类页被集中放置，以减少内存碎片。',
  },
  __GFP_WRITE: {
    en: 'The caller intends to dirty the page, e.g. a page-cache write. The allocator spreads such pages over the zones so that dirty pages do not pile up in one zone.',
    'zh-cn': '调用者打算写脏该页，例如页缓存写入。分配器会把这类页分散到各内存区域，避免脏页集中在一个区域。',
  },
  __GFP_HARDWALL: {
    en: "Enforces the cpuset memory policy: only the nodes in the task's cpuset (mems_allowed) may be used. User allocations get it through GFP_USER.",
    'zh-cn': '强制执行 cpuset 内存策略：只能使用任务所在 cpuset 的节点（mems_allowed）。用户态分配通过 GFP_USER 带有此标志。',
  },
  __GFP_THISNODE: {
    en: 'Allocate only on the requested NUMA node, with no fallback to other nodes. It can fail or reclaim on that node while other nodes still have free memory.',
    'zh-cn': '只在指定的 NUMA 节点上分配，不回退到其他节点。即使其他节点仍有空闲内存，它也可能在该节点上失败或触发内存回收。',
  },
  __GFP_ACCOUNT: {
    en: "The allocation is charged to the current task's memory cgroup (kernel memory accounting). At the memcg limit it leads to memcg reclaim, a memcg OOM or a failure.",
    'zh-cn': '该分配计入当前任务所属的内存 cgroup（memcg，内核内存记账）。达到 memcg 内存上限时会导致 memcg 内存回收、memcg OOM 或分配失败。',
  },
  __GFP_NOACCOUNT: {
    en: 'Kernels 4.1–4.4: this allocation is exempt from kmemcg accounting and its limit. 4.5 replaced it with the opt-in __GFP_ACCOUNT.',
    'zh-cn': '4.1–4.4 内核：该分配不计入 kmemcg 记账，也不受其内存上限约束。4.5 起改为需显式指定的 __GFP_ACCOUNT。',
  },
  __GFP_KMEMCG: {
    en: "Kernels 3.8–3.14 (and RHEL 7 up to 7.7): the allocation comes from a memcg-accounted resource and is charged to the task's memory cgroup. It is gone in 3.16.",
    'zh-cn': '3.8–3.14 内核（以及 RHEL 7.7 及以前）：该分配来自按 memcg 记账的资源，计入任务所属的内存 cgroup。3.16 中已不存在。',
  },
  __GFP_NO_OBJ_EXT: {
    en: 'The slab allocation gets no object-extension vector; used for that metadata itself so memcg and allocation profiling do not recurse. No effect on reclaim; %pGg names it only from 6.17, earlier kernels print it as 0x1000000.',
    'zh-cn': '该 slab 分配不附带对象扩展向量；用于这些元数据自身，避免 memcg 与分配剖析递归。它不影响内存回收；%pGg 从 6.17 起才有名字，更早的内核把它打印为 0x1000000。',
  },
  // --- watermark modifiers
  __GFP_HIGH: {
    en: 'High-priority request: the allocator may go below the min watermark into part of the emergency reserves. GFP_ATOMIC sets it because atomic callers cannot reclaim.',
    'zh-cn': '高优先级请求：分配器可以越过 min 水位，使用部分紧急保留内存。GFP_ATOMIC 带有此标志，因为原子上下文的调用者无法进行内存回收。',
  },
  __GFP_ATOMIC: {
    en: 'Kernels 4.4–6.2: the caller cannot sleep or reclaim and is high priority (interrupt or atomic context); with __GFP_HIGH it may dig deeper into the reserves. Removed in 6.3.',
    'zh-cn': '4.4–6.2 内核：调用者不能睡眠或进行内存回收，且优先级高（中断或原子上下文）；与 __GFP_HIGH 一起可更深地使用保留内存。6.3 起被移除。',
  },
  __GFP_MEMALLOC: {
    en: 'Allows access to all memory, including every emergency reserve (watermarks are ignored). Only for callers that will free memory very soon, such as swap over NFS.',
    'zh-cn': '允许使用全部内存，包括所有紧急保留内存（忽略水位）。仅用于很快就会释放内存的调用者，例如基于 NFS 的交换。',
  },
  __GFP_NOMEMALLOC: {
    en: 'Forbids the emergency reserves even if the task would otherwise get them; it overrides __GFP_MEMALLOC. The allocation fails rather than drain the reserves.',
    'zh-cn': '禁止使用紧急保留内存，即使任务本来有权使用；它优先于 __GFP_MEMALLOC。这样的分配宁可失败也不耗尽保留内存。',
  },
  // --- reclaim modifiers
  __GFP_WAIT: {
    en: 'Kernels before 4.4: the caller may sleep, so the allocator may block and do direct reclaim. Without it (GFP_ATOMIC, GFP_NOWAIT) the allocation never waits for memory.',
    'zh-cn': '4.4 之前的内核：调用者可以睡眠，分配器可以阻塞并进行直接内存回收。没有此标志（GFP_ATOMIC、GFP_NOWAIT）时，分配从不等待内存。',
  },
  __GFP_IO: {
    en: 'Reclaim may start physical I/O, for example swapping anonymous pages out. Without it (GFP_NOIO) reclaim can only drop clean pages and slab that need no I/O.',
    'zh-cn': '内存回收可以发起物理 I/O，例如把匿名页换出到交换分区（swap）。没有此标志（GFP_NOIO）时，回收只能丢弃无需 I/O 的干净页和 slab。',
  },
  __GFP_FS: {
    en: 'Reclaim may call into filesystem code (writeback of dirty file pages, filesystem shrinkers). Without it (GFP_NOFS) the allocator does not recurse into a filesystem that may already hold locks.',
    'zh-cn': '内存回收可以调用文件系统代码（脏页回写、文件系统 shrinker）。没有此标志（GFP_NOFS）时，分配器不会递归进入可能已持有锁的文件系统。',
  },
  __GFP_DIRECT_RECLAIM: {
    en: 'The caller may sleep in direct reclaim and compaction until memory is freed. Without it the allocation never blocks on reclaim and fails fast.',
    'zh-cn': '调用者可以在直接内存回收和内存规整中睡眠，直到有内存被释放。没有此标志时，分配不会为回收而阻塞，会很快失败。',
  },
  __GFP_KSWAPD_RECLAIM: {
    en: 'Wake kswapd for background reclaim when free memory falls below the low watermark. Without it the allocation does not even start background reclaim.',
    'zh-cn': '空闲内存低于 low 水位时唤醒 kswapd 进行后台回收（异步）。没有此标志时，分配连后台回收都不会触发。',
  },
  __GFP_RECLAIM: {
    en: 'Shorthand for __GFP_DIRECT_RECLAIM|__GFP_KSWAPD_RECLAIM: both direct reclaim and kswapd background reclaim are allowed. %pGg prints this name when both bits remain.',
    'zh-cn': '__GFP_DIRECT_RECLAIM|__GFP_KSWAPD_RECLAIM 的简写：既允许直接内存回收，也允许 kswapd 后台回收。两位都剩余时 %pGg 打印这个名字。',
  },
  __GFP_NO_KSWAPD: {
    en: 'Kernels before 4.4: do not wake kswapd when free memory drops below the low watermark. Transparent huge page allocations (GFP_TRANSHUGE) use it because falling back to small pages is cheap.',
    'zh-cn': '4.4 之前的内核：空闲内存低于 low 水位时不唤醒 kswapd。透明大页（THP）分配（GFP_TRANSHUGE）使用它，因为回退到小页的代价很低。',
  },
  __GFP_REPEAT: {
    en: 'Try hard: retry reclaim, but the allocation may still fail. 4.13 replaced it with __GFP_RETRY_MAYFAIL.',
    'zh-cn': '尽力分配：重试内存回收，但仍可能失败。4.13 起被 __GFP_RETRY_MAYFAIL 取代。',
  },
  __GFP_RETRY_MAYFAIL: {
    en: 'Keep retrying reclaim and compaction while progress is made, but fail rather than invoke the OOM killer. A failure means the system is close to running out of memory.',
    'zh-cn': '只要仍有进展就持续重试内存回收和内存规整，但宁可失败也不调用 OOM killer。失败意味着系统已接近内存耗尽（OOM）。',
  },
  __GFP_NOFAIL: {
    en: 'The allocator must retry forever because the caller cannot handle failure. It keeps reclaiming, and may invoke the OOM killer, until it succeeds.',
    'zh-cn': '调用者无法处理失败，分配器必须无限重试。它会一直进行内存回收，并可能调用 OOM killer，直到成功。',
  },
  __GFP_NORETRY: {
    en: 'Make only a lightweight attempt at direct reclaim and compaction, and never invoke the OOM killer. Under memory pressure it fails early and the caller copes.',
    'zh-cn': '只做轻量级的直接内存回收和内存规整尝试，且从不调用 OOM killer。内存紧张时会很快失败，由调用者处理。',
  },
  // --- action modifiers
  __GFP_COLD: {
    en: 'The caller will not touch the page soon, so a cache-cold page is preferred. It does not change reclaim; removed in 4.15.',
    'zh-cn': '调用者近期不会访问该页，因此优先返回缓存已冷的页。它不影响内存回收；4.15 起被移除。',
  },
  __GFP_NOWARN: {
    en: 'Suppresses the "page allocation failure" warning when the allocation fails. It does not change how hard the allocator tries.',
    'zh-cn': '分配失败时不打印“page allocation failure”警告。它不改变分配器尝试的力度。',
  },
  __GFP_COMP: {
    en: 'Returns a compound page: a multi-page (order > 0) block with head and tail metadata. Used by huge pages and large slab or kmalloc allocations.',
    'zh-cn': '返回复合页：带有首页/尾页元数据的多页（order > 0）块。用于大页以及较大的 slab 或 kmalloc 分配。',
  },
  __GFP_ZERO: {
    en: 'The page is returned zero-filled. It does not change reclaim.',
    'zh-cn': '返回的页已清零。它不影响内存回收。',
  },
  __GFP_NOTRACK: {
    en: 'Do not track this allocation with kmemcheck, a debugging tool. No effect on reclaim; it went away with kmemcheck (absent from 4.14.177 and 4.15).',
    'zh-cn': '不让调试工具 kmemcheck 跟踪该分配。它不影响内存回收，随 kmemcheck 一起被移除（4.14.177 与 4.15 中已不存在）。',
  },
  __GFP_OTHER_NODE: {
    en: 'An allocation made on behalf of a remote node (e.g. khugepaged collapsing a huge page there); only NUMA statistics change. Removed in 4.10.',
    'zh-cn': '代表远端节点进行的分配（例如 khugepaged 在该节点上合并大页）；只影响 NUMA 统计。4.10 起被移除。',
  },
  __GFP_NOLOCKDEP: {
    en: 'Disables lockdep tracking of this allocation context; for debugging only. It takes a bit only with CONFIG_LOCKDEP=y.',
    'zh-cn': '禁止 lockdep 跟踪该分配上下文，仅用于调试。只有 CONFIG_LOCKDEP=y 时才占用一个位。',
  },
  __GFP_ZEROTAGS: {
    en: 'With hardware memory tagging (arm64 MTE, KASAN hardware tags) the memory tags are zeroed together with the page. A performance optimisation only.',
    'zh-cn': '在硬件内存标记（arm64 MTE、KASAN 硬件标签）下，清零页面时同时清零内存标签。仅是性能优化。',
  },
  __GFP_SKIP_KASAN_POISON: {
    en: 'KASAN in hardware-tag mode skips poisoning the page when it is freed; used for user pages. In 5.14–5.17 it is an unconditional bit inside GFP_HIGHUSER_MOVABLE, hence 0x1100cca.',
    'zh-cn': '硬件标签模式的 KASAN 在释放该页时跳过毒化；用于用户页。在 5.14–5.17 中它是无条件的位，包含在 GFP_HIGHUSER_MOVABLE 中，因此是 0x1100cca。',
  },
  __GFP_SKIP_KASAN_UNPOISON: {
    en: 'KASAN in hardware-tag mode skips unpoisoning the page at allocation. It takes a bit only with CONFIG_KASAN_HW_TAGS=y.',
    'zh-cn': '硬件标签模式的 KASAN 在分配时跳过解除毒化。只有 CONFIG_KASAN_HW_TAGS=y 时才占用一个位。',
  },
  __GFP_SKIP_KASAN: {
    en: 'KASAN in hardware-tag mode skips unpoisoning the page at allocation (and, for user pages, poisoning it when freed). It takes a bit only with CONFIG_KASAN_HW_TAGS=y.',
    'zh-cn': '硬件标签模式的 KASAN 在分配时跳过解除毒化（对用户页，释放时也跳过毒化）。只有 CONFIG_KASAN_HW_TAGS=y 时才占用一个位。',
  },
  __GFP_SKIP_ZERO: {
    en: 'With KASAN hardware tags the page is not zeroed at allocation even if init_on_alloc is on. It takes a bit only with CONFIG_KASAN_HW_TAGS=y.',
    'zh-cn': '在 KASAN 硬件标签模式下，即使开启了 init_on_alloc，分配时也不清零该页。只有 CONFIG_KASAN_HW_TAGS=y 时才占用一个位。',
  },
  // --- combinations
  GFP_KERNEL: {
    en: 'Normal kernel allocation: it may sleep, do direct and kswapd reclaim, start I/O and call into filesystems. It is limited to ZONE_NORMAL and lower zones, and a small request that cannot be met ends in the OOM killer.',
    'zh-cn': '普通内核分配：可以睡眠，可进行直接内存回收和 kswapd 后台回收，可发起 I/O、调用文件系统。它只能使用 ZONE_NORMAL 及更低的内存区域，无法满足的小阶请求最终会触发 OOM killer。',
  },
  GFP_KERNEL_ACCOUNT: {
    en: "GFP_KERNEL that is also charged to the task's memory cgroup. At the memcg limit it reclaims within that cgroup and may end in a memcg OOM.",
    'zh-cn': '在 GFP_KERNEL 的基础上还计入任务所属的内存 cgroup（memcg）。达到 memcg 内存上限时在该 cgroup 内回收，并可能触发 memcg OOM。',
  },
  GFP_ATOMIC: {
    en: 'For callers that cannot sleep (interrupts, spinlocks): no direct reclaim, I/O or filesystem calls, but part of the reserves below the min watermark may be used. It wakes kswapd (4.4+) and fails instead of waiting.',
    'zh-cn': '用于不能睡眠的调用者（中断、持有自旋锁）：不做直接内存回收、不发起 I/O、不调用文件系统，但可使用 min 水位以下的部分保留内存。它会唤醒 kswapd（4.4+），宁可失败也不等待。',
  },
  GFP_NOWAIT: {
    en: 'Must not sleep and gets no reserves: no direct reclaim, it only wakes kswapd (4.4+; before 4.4 the value is 0). It is likely to fail under pressure; from 6.8 it also carries __GFP_NOWARN.',
    'zh-cn': '不能睡眠，也不能使用保留内存：不做直接内存回收，只唤醒 kswapd（4.4+；4.4 之前其值为 0）。内存紧张时很可能失败；从 6.8 起还带有 __GFP_NOWARN。',
  },
  GFP_NOIO: {
    en: 'May sleep and do direct reclaim, but reclaim must not start any I/O (no swap-out, no writeback). Used in block and storage paths to avoid deadlocks.',
    'zh-cn': '可以睡眠并进行直接内存回收，但回收不得发起任何 I/O（不换出、不回写）。用于块设备和存储路径，以避免死锁。',
  },
  GFP_NOFS: {
    en: 'May sleep, reclaim and start I/O, but must not call into filesystem code. Used inside filesystems to avoid recursion and deadlocks.',
    'zh-cn': '可以睡眠、进行内存回收并发起 I/O，但不得调用文件系统代码。用于文件系统内部，以避免递归和死锁。',
  },
  GFP_USER: {
    en: "User-space memory the kernel also accesses directly: full reclaim, I/O and filesystem calls, restricted to the task's cpuset. It is limited to ZONE_NORMAL and lower zones.",
    'zh-cn': '内核也要直接访问的用户态内存：允许完整的内存回收、I/O 和文件系统调用，受任务 cpuset 限制。它只能使用 ZONE_NORMAL 及更低的内存区域。',
  },
  GFP_HIGHUSER: {
    en: 'Like GFP_USER, but the page may come from highmem (32-bit kernels). The page cannot be moved once in use.',
    'zh-cn': '与 GFP_USER 相同，但页可以来自 highmem（32 位内核）。页一旦使用就不能再迁移。',
  },
  GFP_HIGHUSER_MOVABLE: {
    en: 'User pages (anonymous memory, page cache) allocated on a page fault: full reclaim, I/O and filesystem calls, cpuset-restricted, highmem and ZONE_MOVABLE allowed. The usual mask when a process faulting in memory triggers the OOM killer.',
    'zh-cn': '缺页异常时分配的用户页（匿名页、页缓存）：允许完整的内存回收、I/O 和文件系统调用，受 cpuset 限制，可使用 highmem 和 ZONE_MOVABLE。进程缺页触发 OOM killer 时最常见的掩码。',
  },
  GFP_TRANSHUGE: {
    en: 'Transparent huge page allocation as khugepaged and defrag do it: compound page, no warning, no reserves, direct reclaim and compaction allowed but kswapd is not woken. It gives up quickly and the kernel falls back to small pages.',
    'zh-cn': 'khugepaged 和碎片整理使用的透明大页（THP）分配：复合页、不告警、不用保留内存，允许直接内存回收和内存规整，但不唤醒 kswapd。它很快放弃，内核回退到小页。',
  },
  GFP_TRANSHUGE_LIGHT: {
    en: 'Transparent huge page allocation on the page-fault path (4.8+): no direct reclaim, no compaction and no kswapd. It fails at once when no huge page is free, and the fault falls back to small pages.',
    'zh-cn': '缺页路径上的透明大页（THP）分配（4.8+）：不做直接内存回收、不做内存规整、不唤醒 kswapd。没有空闲大页时立即失败，缺页处理回退到小页。',
  },
  GFP_TEMPORARY: {
    en: 'GFP_KERNEL plus __GFP_RECLAIMABLE, for short-lived allocations; it has the same reclaim rights as GFP_KERNEL. Removed in 4.14.',
    'zh-cn': 'GFP_KERNEL 加 __GFP_RECLAIMABLE，用于短期分配；内存回收权限与 GFP_KERNEL 相同。4.14 起被移除。',
  },
};
MEANINGS.GFP_DMA = MEANINGS.__GFP_DMA!;
MEANINGS.GFP_DMA32 = MEANINGS.__GFP_DMA32!;

// ---------------------------------------------------------------------------------------------
// Releases

/** Base release of each RHEL major: a `.elN` tag marks a Red Hat kernel only on its base. */
const RHEL_BASE: Record<string, string> = { el7: '3.10', el8: '4.18', el9: '5.14', el10: '6.12' };

interface Release {
  major: number;
  minor: number;
  /** Red Hat kernel (`3.10.0-1160.el7`, `4.18.0-305.28.1.el8_4`): tag and build number. */
  rhel: { tag: string; build: number } | null;
}

/**
 * "5.10.112-005.ali5000.al8.aarch64" → 5.10; "3.10.0-1160.el7.x86_64" → RHEL el7 build 1160. A
 * `.elN` tag counts only on that RHEL's base release (3.10 for el7 …), so Oracle's
 * "4.14.35-1902.el7uek" stays upstream 4.14.
 */
function parseRelease(release: string): Release | null {
  const m = /^\s*(\d+)\.(\d+)(?:\.(\d+))?(?:-(\d+))?(\S*)/.exec(release);
  if (!m) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const el = /\.(el\d+)(?:_\d+)?(?=\.|$)/.exec(m[5] ?? '');
  if (el && m[4] !== undefined && RHEL_BASE[el[1]!] === `${major}.${minor}`) return { major, minor, rhel: { tag: el[1]!, build: Number(m[4]) } };
  return { major, minor, rhel: null };
}

const cmp = (a: readonly [number, number], b: readonly [number, number]) => a[0] - b[0] || a[1] - b[1];

function findLayout(r: Release): GfpLayout | null {
  for (const l of GFP_LAYOUTS) {
    const g = l.range;
    if ('rhel' in g) {
      if (r.rhel && r.rhel.tag === g.rhel && r.rhel.build >= g.fromBuild && r.rhel.build <= g.toBuild) return l;
    } else if (!r.rhel && cmp([r.major, r.minor], g.from) >= 0 && cmp([r.major, r.minor], g.to) <= 0) {
      return l;
    }
  }
  return null;
}

/** For a release without a verified layout: the nearest releases read below and above it ("" if none). */
function gapAround(r: Release): { from: string; to: string } {
  let from = '';
  let to = '';
  if (r.rhel) {
    for (const l of GFP_LAYOUTS) {
      const g = l.range;
      if (!('rhel' in g) || g.rhel !== r.rhel.tag) continue;
      if (g.toBuild < r.rhel.build) from = l.to;
      else if (g.fromBuild > r.rhel.build && !to) to = l.from;
    }
    return { from, to };
  }
  const v: [number, number] = [r.major, r.minor];
  for (const l of GFP_LAYOUTS) {
    const g = l.range;
    if ('rhel' in g) continue;
    if (cmp(g.to, v) < 0) from = l.to;
    else if (cmp(g.from, v) > 0 && !to) to = l.from;
  }
  return { from, to };
}

/**
 * The GFP layout of a kernel release. Verified layouts give the first and last release read with
 * that table; for a release with none (a version between two reads that differ, RHEL builds not
 * read, before 3.4 or after 6.19) the result is `{ id: "unknown", verified: false }` with from/to
 * naming the nearest releases read below and above ("" where there is none). null: no release, or
 * not a kernel release string.
 */
export function gfpLayoutFor(release: string | null): { id: string; from: string; to: string; verified: boolean } | null {
  const r = release === null ? null : parseRelease(release);
  if (!r) return null;
  const l = findLayout(r);
  if (l) return { id: l.id, from: l.from, to: l.to, verified: true };
  return { id: 'unknown', ...gapAround(r), verified: false };
}

// ---------------------------------------------------------------------------------------------
// Decoding

const hex = (n: number) => `0x${n.toString(16)}`;

function parseMask(mask: string): number | null {
  const m = /^\s*(?:0x)?([0-9a-f]{1,8})\s*$/i.exec(mask);
  return m ? Number.parseInt(m[1]!, 16) >>> 0 : null;
}

/** lib/vsprintf.c format_flags(): the names, then the unnamed rest (0 if none). */
function formatFlags(mask: number, table: Table): { names: string[]; rest: number } {
  const names: string[] = [];
  let rest = mask >>> 0;
  for (const [name, m] of table) {
    if (rest === 0) break;
    if (((rest & m) >>> 0) !== m) continue;
    names.push(name);
    rest = (rest & ~m) >>> 0;
  }
  return { names, rest };
}

const isHexToken = (s: string) => /^0x[0-9a-f]+$/i.test(s);

function sameFlags(printed: readonly string[], ours: readonly string[]): boolean {
  if (printed.length !== ours.length) return false;
  return printed.every((p, i) => (isHexToken(p) && isHexToken(ours[i]!) ? parseInt(p, 16) === parseInt(ours[i]!, 16) : p === ours[i]));
}

/**
 * Decode a printed mask ("0x100cca") for a kernel release ("5.10.112-005.ali5000.al8.aarch64";
 * null = unknown), as the kernel's %pGg would print it for that release's layout.
 *
 * - Verified layout: `flags` as format_flags() prints them; `exact` when every bit is named.
 *   When the kernel's own names are given and differ from ours (a config-dependent bit, a vendor
 *   patch), the kernel's names are returned with exact=false and the hex rest it printed, if any.
 * - No verified layout: the names the kernel printed, layout "unknown", exact=false, unknownBits =
 *   the whole mask; null when the kernel printed none (we never guess a layout).
 * - null as well for a mask that is not hex.
 */
export function decodeGfp(mask: string, release: string | null, printedNames?: string[] | null): GfpDecoded | null {
  const value = parseMask(mask);
  if (value === null) return null;
  const r = release === null ? null : parseRelease(release);
  const layout = r ? findLayout(r) : null;
  if (!layout) return printedNames ? { flags: [...printedNames], layout: 'unknown', exact: false, unknownBits: hex(value) } : null;
  const { names, rest } = formatFlags(value, layout.table);
  const flags = rest === 0 ? names : [...names, hex(rest)];
  if (printedNames && !sameFlags(printedNames, flags)) {
    const printedRest = printedNames.find(isHexToken);
    return { flags: [...printedNames], layout: layout.id, exact: false, unknownBits: printedRest ? hex(parseInt(printedRest, 16)) : null };
  }
  return { flags, layout: layout.id, exact: rest === 0, unknownBits: rest === 0 ? null : hex(rest) };
}

// ---------------------------------------------------------------------------------------------
// Hover facts

/** Value of a flag or combination in one layout: a hex mask, a config note, or null if absent. */
function valueIn(l: GfpLayout, name: string): string | null {
  const single = l.bits[`_${name}`];
  if (single !== undefined) return hex(single);
  const note = l.configBits[`_${name}`];
  if (note !== undefined) return note;
  const entry = l.table.find((e) => e[0] === name);
  if (entry) return hex(entry[1]);
  const c = l.composites[name];
  return c === undefined ? null : hex(c);
}

/**
 * What a flag or combination (`__GFP_IO`, `___GFP_IO`, `GFP_KERNEL`) lets the allocator do, and
 * its value for the release. `bit` is "" when the release has no verified layout (unless every
 * layout agrees, as for the zone bits) or the flag does not exist in it. null for names we do not
 * know.
 */
export function gfpFlagInfo(name: string, release: string | null): GfpFlagInfo | null {
  const n = name.trim().replace(/^___GFP_/, '__GFP_');
  const meaning = MEANINGS[n];
  if (!meaning) return null;
  const r = release === null ? null : parseRelease(release);
  const layout = r ? findLayout(r) : null;
  let bit: string | null;
  if (layout) bit = valueIn(layout, n);
  else {
    const all = new Set(GFP_LAYOUTS.map((l) => valueIn(l, n)));
    bit = all.size === 1 ? [...all][0]! : null;
  }
  return { name: n, bit: bit ?? '', meaning: { ...meaning } };
}
