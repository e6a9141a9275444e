#!/usr/bin/env node
/**
 * Deterministic generator of realistic Linux kernel logs, for benchmarks and tests at scale.
 *
 *   node scripts/gen-log.mjs --size 48MiB --seed 1 --out bench-output/gen-48.log
 *
 * writes the log and `<out without .log>.truth.json`: the events the analysis should find
 * (`{ bytes, lines, oom: [{ startLine, endLine, triggerComm, killedPid, killedComm, taskRows }],
 * kinds: { kind: count }, oomBytes, taskRows, generator, size, seed }`; kinds include panic and
 * trap). `generate({ sizeBytes, seed })`
 * returns `{ text, truth }` in memory; `generateToFile({ sizeBytes, seed, out })` streams to disk
 * (for logs of any size) and returns the truth.
 *
 * Same seed → byte-identical output (a seeded sfc32 PRNG; no Math.random, no clock, no locale).
 * Every line is ASCII, so bytes = characters.
 *
 * The log is a series of host segments, each with one prefix style (shared/reference/
 * kernel-log-formats.md §2: raw dmesg with and without caller ids, dmesg -T, `<N>` levels, no
 * prefix, rsyslog traditional with and without the kernel's `[ts]`, RFC 3339 (one line per record
 * or imjournal's `#012`), journalctl short / short-iso / short-precise / short-monotonic with
 * indented continuation lines, and a central syslog that interleaves several hosts) and one
 * kernel version whose OOM report forms it follows (§3: 3.10, RHEL 7, 4.14, 4.19, RHEL 8, 5.4,
 * 5.10, 5.15, 6.1, 6.8 with the rss_anon table, 6.12). OOM reports (memcg v1/v2 and global, rate-
 * limited storms printing only kill lines, oom_reaper lines, sometimes late) make up about 46 % of
 * the bytes with about 3,700 task rows per MiB; page-allocation failures, oopses, warnings,
 * segfaults, traps, soft lockups and hung tasks (§4, §7, §8) and ordinary noise fill the rest.
 * Numbers agree the way the kernel prints them (4 KiB pages: kB = pages × 4, the victim's row
 * matches the Killed line, oom-kill: task=/pid= match, buddy lists add up).
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the output for a given seed changes (the benchmark caches generated logs by it). */
export const GENERATOR_VERSION = 4;

const MIB = 1048576;
/** Share of the bytes in OOM reports, and task rows per MiB, that the generator steers towards. */
const OOM_SHARE = 0.46;
const ROWS_PER_MIB = 3700;
const OTHER_SHARE = 0.08;

// ---------------------------------------------------------------------------------------------
// PRNG: sfc32 seeded through splitmix32.

function makeRng(seed) {
  let s = (typeof seed === 'number' ? seed : hashString(String(seed))) >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const u32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) u32();
  const float = () => u32() / 4294967296;
  const r = {
    u32,
    float,
    /** Integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(float() * (hi - lo + 1)),
    chance: (p) => float() < p,
    pick: (arr) => arr[Math.floor(float() * arr.length)],
    /** `[[item, weight], …]` */
    weighted: (pairs) => {
      let total = 0;
      for (const p of pairs) total += p[1];
      let x = float() * total;
      for (const p of pairs) {
        x -= p[1];
        if (x < 0) return p[0];
      }
      return pairs[pairs.length - 1][0];
    },
    logUniform: (lo, hi) => Math.round(Math.exp(Math.log(lo) + float() * (Math.log(hi) - Math.log(lo)))),
    hex: (n) => {
      let out = '';
      for (let i = 0; i < n; i++) out += '0123456789abcdef'[u32() & 15];
      return out;
    },
    shuffle: (arr) => {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(float() * (i + 1));
        [arr[i], arr[j]] = [arr[j], arr[i]];
      }
      return arr;
    },
  };
  return r;
}

function hashString(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const pad = (v, w) => String(v).padStart(w, ' ');
const pad0 = (v, w) => String(v).padStart(w, '0');
const hex16 = (rng, lead = 'ffff') => lead + rng.hex(16 - lead.length);
const kb4 = (kb) => Math.floor(kb / 4) * 4;
/** `sym+0xOFF/0xSIZE` */
function sym(rng, name) {
  const size = rng.int(0x20, 0xc00);
  return `${name}+0x${rng.int(0, size - 1).toString(16)}/0x${size.toString(16)}`;
}

// ---------------------------------------------------------------------------------------------
// Kernel versions (kernel-log-formats.md §3–§8). Flags are spelled out per version instead of
// compared, because RHEL backports cut across the upstream order.

const GFP = {
  // [mask, names | null] per layout (§5, gfp-flags.json decoded with the %pGg table)
  v310: { hum: ['0x201da', null], humz: ['0x280da', null], kernel: ['0xd0', null], kcomp: ['0x40d0', null], atomic: ['0x20', null], acomp: ['0x4020', null] },
  v414: { hum: ['0x14200ca', 'GFP_HIGHUSER_MOVABLE'], humz: ['0x14280ca', 'GFP_HIGHUSER_MOVABLE|__GFP_ZERO'], kernel: ['0x14000c0', 'GFP_KERNEL'], kcomp: ['0x14040c0', 'GFP_KERNEL|__GFP_COMP'], atomic: ['0x1080020', 'GFP_ATOMIC'], acomp: ['0x1084020', 'GFP_ATOMIC|__GFP_COMP'] },
  v419: { hum: ['0x6200ca', 'GFP_HIGHUSER_MOVABLE'], humz: ['0x6280ca', 'GFP_HIGHUSER_MOVABLE|__GFP_ZERO'], kernel: ['0x6000c0', 'GFP_KERNEL'], kcomp: ['0x6040c0', 'GFP_KERNEL|__GFP_COMP'], atomic: ['0x480020', 'GFP_ATOMIC'], acomp: ['0x484020', 'GFP_ATOMIC|__GFP_COMP'] },
  v54: { hum: ['0x100cca', 'GFP_HIGHUSER_MOVABLE'], humz: ['0x140dca', 'GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO'], kernel: ['0xcc0', 'GFP_KERNEL'], kcomp: ['0x40cc0', 'GFP_KERNEL|__GFP_COMP'], atomic: ['0xa20', 'GFP_ATOMIC'], acomp: ['0x40a20', 'GFP_ATOMIC|__GFP_COMP'] },
  v515: { hum: ['0x1100cca', 'GFP_HIGHUSER_MOVABLE'], humz: ['0x1140dca', 'GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO'], kernel: ['0xcc0', 'GFP_KERNEL'], kcomp: ['0x40cc0', 'GFP_KERNEL|__GFP_COMP'], atomic: ['0xa20', 'GFP_ATOMIC'], acomp: ['0x40a20', 'GFP_ATOMIC|__GFP_COMP'] },
  v68: { hum: ['0x100cca', 'GFP_HIGHUSER_MOVABLE'], humz: ['0x140dca', 'GFP_HIGHUSER_MOVABLE|__GFP_COMP|__GFP_ZERO'], kernel: ['0xcc0', 'GFP_KERNEL'], kcomp: ['0x40cc0', 'GFP_KERNEL|__GFP_COMP'], atomic: ['0x820', 'GFP_ATOMIC'], acomp: ['0x40820', 'GFP_ATOMIC|__GFP_COMP'] },
};

// memory.stat keys in print order (§3.5); `*` marks event counters (plain counts).
const STAT_KEYS = {
  v54: 'anon file kernel_stack slab sock shmem file_mapped file_dirty file_writeback anon_thp inactive_anon active_anon inactive_file active_file unevictable slab_reclaimable slab_unreclaimable *pgfault *pgmajfault *workingset_refault *workingset_activate *workingset_nodereclaim *pgrefill *pgscan *pgsteal *pgactivate *pgdeactivate *pglazyfree *pglazyfreed *thp_fault_alloc *thp_collapse_alloc',
  v510: 'anon file kernel_stack percpu sock shmem file_mapped file_dirty file_writeback anon_thp inactive_anon active_anon inactive_file active_file unevictable slab_reclaimable slab_unreclaimable slab *workingset_refault_anon *workingset_refault_file *workingset_activate_anon *workingset_activate_file *workingset_restore_anon *workingset_restore_file *workingset_nodereclaim *pgfault *pgmajfault *pgrefill *pgscan *pgsteal *pgactivate *pgdeactivate *pglazyfree *pglazyfreed *thp_fault_alloc *thp_collapse_alloc',
  v515: 'anon file kernel_stack pagetables percpu sock shmem file_mapped file_dirty file_writeback swapcached anon_thp file_thp shmem_thp inactive_anon active_anon inactive_file active_file unevictable slab_reclaimable slab_unreclaimable slab *workingset_refault_anon *workingset_refault_file *workingset_activate_anon *workingset_activate_file *workingset_restore_anon *workingset_restore_file *workingset_nodereclaim *pgfault *pgmajfault *pgrefill *pgscan *pgsteal *pgactivate *pgdeactivate *pglazyfree *pglazyfreed *thp_fault_alloc *thp_collapse_alloc',
  v61: 'anon file kernel kernel_stack pagetables sec_pagetables percpu sock vmalloc shmem zswap zswapped file_mapped file_dirty file_writeback swapcached anon_thp file_thp shmem_thp inactive_anon active_anon inactive_file active_file unevictable slab_reclaimable slab_unreclaimable slab *workingset_refault_anon *workingset_refault_file *workingset_activate_anon *workingset_activate_file *workingset_restore_anon *workingset_restore_file *workingset_nodereclaim *pgscan *pgsteal *pgscan_kswapd *pgscan_direct *pgsteal_kswapd *pgsteal_direct *pgfault *pgmajfault *pgrefill *pgactivate *pgdeactivate *pglazyfree *pglazyfreed *zswpin *zswpout *thp_fault_alloc *thp_collapse_alloc',
  v68: 'anon file kernel kernel_stack pagetables sec_pagetables percpu sock vmalloc shmem zswap zswapped file_mapped file_dirty file_writeback swapcached anon_thp file_thp shmem_thp inactive_anon active_anon inactive_file active_file unevictable slab_reclaimable slab_unreclaimable slab *workingset_refault_anon *workingset_refault_file *workingset_activate_anon *workingset_activate_file *workingset_restore_anon *workingset_restore_file *workingset_nodereclaim *pgscan *pgsteal *pgscan_kswapd *pgscan_direct *pgscan_khugepaged *pgsteal_kswapd *pgsteal_direct *pgsteal_khugepaged *pgfault *pgmajfault *pgrefill *pgactivate *pgdeactivate *pglazyfree *pglazyfreed *zswpin *zswpout *thp_fault_alloc *thp_collapse_alloc',
  v612: 'anon file kernel kernel_stack pagetables sec_pagetables percpu sock vmalloc shmem zswap zswapped file_mapped file_dirty file_writeback swapcached anon_thp file_thp shmem_thp inactive_anon active_anon inactive_file active_file unevictable slab_reclaimable slab_unreclaimable slab *workingset_refault_anon *workingset_refault_file *workingset_activate_anon *workingset_activate_file *workingset_restore_anon *workingset_restore_file *workingset_nodereclaim *pgdemote_kswapd *pgdemote_direct *pgdemote_khugepaged *pgscan *pgsteal *pgscan_kswapd *pgscan_direct *pgscan_khugepaged *pgsteal_kswapd *pgsteal_direct *pgsteal_khugepaged *pgfault *pgmajfault *pgrefill *pgactivate *pgdeactivate *pglazyfree *pglazyfreed *zswpin *zswpout *zswpwb *thp_fault_alloc *thp_collapse_alloc *thp_swpout *thp_swpout_fallback',
};

const BASE = {
  pGg: true,
  cpuset: false, // separate `<comm> cpuset=… mems_allowed=…` line (≤4.19)
  nodemask: null, // in the trigger line: '4.14' (two spaces before order) | '4.19'
  kdump: true, // `Kdump: loaded ` possible in the CPU line
  cpuUid: false, // 6.12 `CPU: %d UID: %u PID: …`
  buildId: false,
  trace: 'x86', // '3.10' address frames | 'x86' | 'x86task' (<TASK> markers)
  userRegs: true,
  codeBad: false, // `Code: Bad RIP value.` (4.19–5.4) instead of `Unable to access opcode bytes`
  memcg: 'new', // 'old' Task in … killed as a result of limit of …
  oldStatKeys: null,
  statKeys: null,
  statLines: false, // 6.5+: memory.stat printed line by line (else one record cut at 992 bytes)
  counters: '4',
  perCpu: false,
  node: '4',
  zone: '4',
  lowmemZones: 5,
  buddy: 'UMEH',
  swapStats: true,
  cmaHwpoison: true,
  table: '4.19',
  tasksState: true,
  oomKill: true, // `oom-kill:` summary line
  select: false, // `Kill process … score … or sacrifice child`
  killed: '5.4',
  reaper: true,
  endZero: false,
  segv: '4.19',
  soft: 'watchdog: ',
  hung: '5.10',
  pf: '5.3',
  alloc: '5.4',
  trap: '5.4',
};

const KERNELS = {
  '3.10': { ...BASE, key: '3.10', releases: ['3.10.108'], ver: '#1', taintW: 13, gfp: GFP.v310, pGg: false, cpuset: true, kdump: false, trace: '3.10', userRegs: false, memcg: 'old', oldStatKeys: 'cache rss rss_huge mapped_file swap inactive_anon active_anon inactive_file active_file unevictable', counters: '3.10', perCpu: true, node: null, zone: '3.10', lowmemZones: 4, buddy: 'UEMR', cmaHwpoison: false, table: '3.10', tasksState: false, oomKill: false, select: true, killed: '3.10', reaper: false, segv: '3.10', soft: '', hung: 'rhel7', pf: '3.10', alloc: '3.10', trap: '3.10' },
  rhel7: { ...BASE, key: 'rhel7', releases: ['3.10.0-1160.el7.x86_64', '3.10.0-1160.108.1.el7.x86_64'], ver: '#1', taintW: 0, gfp: GFP.v310, pGg: false, cpuset: true, trace: '3.10', userRegs: false, memcg: 'old', oldStatKeys: 'cache rss rss_huge mapped_file swap inactive_anon active_anon inactive_file active_file unevictable', counters: '4', node: null, zone: 'rhel7', lowmemZones: 4, buddy: 'UEMR', cmaHwpoison: false, table: 'rhel7', tasksState: false, oomKill: false, select: true, killed: 'rhel7', reaper: false, segv: '3.10', soft: 'NMI watchdog: ', hung: 'rhel7', pf: '3.10', alloc: '3.10', trap: '3.10' },
  '4.14': { ...BASE, key: '4.14', releases: ['4.14.262-200.489.amzn2.x86_64', '4.14.336-256.557.amzn2.x86_64'], ver: '#1', taintW: 16, gfp: GFP.v414, cpuset: true, nodemask: '4.14', kdump: false, memcg: 'old', oldStatKeys: 'cache rss rss_huge shmem mapped_file dirty writeback swap inactive_anon active_anon inactive_file active_file unevictable', lowmemZones: 4, table: '4.14', tasksState: false, oomKill: false, select: true, killed: '4.14', segv: '3.10', hung: '4.14', pf: '4.14', alloc: '4.14', trap: '3.10' },
  '4.19': { ...BASE, key: '4.19', releases: ['4.19.0-26-amd64', '4.19.0-25-amd64'], ver: '#1 Debian 4.19.304-1', taintW: 18, gfp: GFP.v419, cpuset: true, nodemask: '4.19', codeBad: true, memcg: 'old', oldStatKeys: 'cache rss rss_huge shmem mapped_file dirty writeback swap inactive_anon active_anon inactive_file active_file unevictable', lowmemZones: 4, oomKill: false, select: true, killed: '4.14', hung: '4.14', pf: '4.19', alloc: '4.19', trap: '3.10' },
  rhel8: { ...BASE, key: 'rhel8', releases: ['4.18.0-240.el8.x86_64', '4.18.0-513.5.1.el8_9.x86_64'], ver: '#1', taintW: 0, gfp: GFP.v419, codeBad: true, statKeys: STAT_KEYS.v54, lowmemZones: 4, table: 'rhel8', tasksState: false, killed: 'rhel8', hung: '4.14', pf: '4.19', alloc: '5.4', trap: '3.10' },
  '5.4': { ...BASE, key: '5.4', releases: ['5.4.0-150-generic', '5.4.0-169-generic'], ver: '#167-Ubuntu', taintW: 18, gfp: GFP.v54, codeBad: true, statKeys: STAT_KEYS.v54, hung: '4.14' },
  '5.10': { ...BASE, key: '5.10', releases: ['5.10.0-21-amd64', '5.10.0-28-amd64'], arm64: '5.10.112-005.ali5000.al8.aarch64', ver: '#1 Debian 5.10.162-1', taintW: 18, gfp: GFP.v54, statKeys: STAT_KEYS.v510, counters: '5.10', node: '5.10', zone: '5.10' },
  '5.15': { ...BASE, key: '5.15', releases: ['5.15.0-91-generic', '5.15.0-105-generic'], ver: '#101-Ubuntu', taintW: 18, gfp: GFP.v515, trace: 'x86task', statKeys: STAT_KEYS.v515, counters: '5.15', node: '5.15', zone: '5.15' },
  '6.1': { ...BASE, key: '6.1', releases: ['6.1.0-18-amd64', '6.1.0-23-amd64'], arm64: '6.1.0-18-arm64', ver: '#1 Debian 6.1.76-1', taintW: 19, gfp: GFP.v54, trace: 'x86task', statKeys: STAT_KEYS.v61, counters: '6', node: '6.1', zone: '6', swapStats: false, endZero: true, segv: '6.1', hung: '6.1' },
  '6.8': { ...BASE, key: '6.8', releases: ['6.8.0-48-generic', '6.8.0-51-generic'], ver: '#48-Ubuntu', taintW: 19, gfp: GFP.v68, trace: 'x86task', statKeys: STAT_KEYS.v68, statLines: true, counters: '6', node: '6.6', zone: '6', swapStats: false, table: '6.8', endZero: true, segv: '6.1', hung: '6.1' },
  '6.12': { ...BASE, key: '6.12', releases: ['6.12.19-1-lts', '6.12.41-1-lts'], ver: '#1', taintW: 19, gfp: GFP.v68, cpuUid: true, buildId: true, trace: 'x86task', statKeys: STAT_KEYS.v612, statLines: true, counters: '6', node: '6.6', zone: '6', swapStats: false, table: '6.8', endZero: true, segv: '6.12', hung: '6.12' },
};
const KERNEL_KEYS = Object.keys(KERNELS);

// ---------------------------------------------------------------------------------------------
// Prefix styles (§2). `cont`: how the second and later lines of a multi-line record look.

const STYLES = {
  raw: { cont: 'indent', daemons: false, mono: true },
  'raw-caller': { cont: 'repeat', daemons: false, mono: true },
  'dmesg-T': { cont: 'indent', daemons: false },
  level: { cont: 'repeat', daemons: false, mono: true },
  none: { cont: 'indent', daemons: false },
  rsyslog: { cont: 'repeat', daemons: true, host: true },
  'rsyslog-ts': { cont: 'repeat', daemons: true, host: true },
  rfc3339: { cont: 'repeat', daemons: true, host: true },
  'rfc3339-imjournal': { cont: '#012', daemons: true, host: true },
  'journal-short': { cont: 'indent', daemons: true, host: true },
  'journal-iso': { cont: 'indent', daemons: true, host: true },
  'journal-precise': { cont: 'indent', daemons: true, host: true },
  'journal-mono': { cont: 'indent', daemons: false, host: true },
  mixed: { cont: 'repeat', daemons: true, host: true },
};
const STYLE_KEYS = Object.keys(STYLES);

/** Kernel versions that plausibly produced each style. */
function kernelsFor(style) {
  switch (style) {
    case 'raw-caller':
      return ['5.10', '5.15', '6.1', '6.8', '6.12'];
    case 'rsyslog-ts':
      return ['3.10', 'rhel7', '4.14', '4.19'];
    case 'journal-short':
    case 'journal-iso':
    case 'journal-precise':
    case 'journal-mono':
      return ['rhel8', '4.19', '5.4', '5.10', '5.15', '6.1', '6.8', '6.12'];
    case 'rfc3339-imjournal':
      return ['rhel7', 'rhel8', '4.19', '5.4', '5.10'];
    default:
      return KERNEL_KEYS;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// ---------------------------------------------------------------------------------------------
// Names.

const HOST_WORDS = ['web', 'db', 'api', 'worker', 'ci-runner', 'k8s-node', 'build', 'cache', 'app', 'batch', 'edge', 'gpu', 'search', 'queue', 'hpc-login', 'mail'];
const HARDWARE = [
  'QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014',
  'QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.3-debian-1.16.3-2 04/01/2014',
  'Amazon EC2 m5.xlarge/, BIOS 1.0 10/16/2017',
  'Amazon EC2 r5.2xlarge/, BIOS 1.0 10/16/2017',
  'Dell Inc. PowerEdge R640/0W23H8, BIOS 2.17.1 11/15/2022',
  'Dell Inc. PowerEdge R740xd/00WGD1, BIOS 2.12.2 07/09/2021',
  'HP ProLiant DL380 Gen9/ProLiant DL380 Gen9, BIOS P89 10/21/2019',
  'Google Google Compute Engine/Google Compute Engine, BIOS Google 06/07/2024',
  'Microsoft Corporation Virtual Machine/Virtual Machine, BIOS Hyper-V UEFI Release v4.1 04/06/2022',
  'VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 11/12/2020',
  'Supermicro SYS-1029P-WTR/X11DDW-L, BIOS 3.4 10/28/2020',
  'LENOVO 20XW0055US/20XW0055US, BIOS N32ET86W (1.62 ) 03/01/2023',
];
const HARDWARE_ARM = ['Alibaba Alibaba Cloud ECS/Alibaba Cloud ECS, BIOS 1.2.M1.AL.P.157.00 07/29/2023', 'Amazon EC2 m6g.xlarge/, BIOS 1.0 11/1/2018', 'linux,dummy-virt (DT)'];
const MODULES = 'xt_conntrack nf_nat nf_conntrack nf_defrag_ipv6 nf_defrag_ipv4 libcrc32c br_netfilter bridge stp llc overlay xt_MASQUERADE iptable_nat iptable_filter ip_tables x_tables ext4 mbcache jbd2 xfs intel_rapl_msr intel_rapl_common kvm_intel kvm irqbypass crct10dif_pclmul crc32_pclmul ghash_clmulni_intel aesni_intel crypto_simd cryptd rapl virtio_net net_failover failover virtio_blk virtio_scsi ena nvme nvme_core sd_mod sg ahci libahci libata i2c_piix4 button serio_raw psmouse evdev nfsd auth_rpcgss nfs_acl lockd grace sunrpc dm_mod fuse loop'.split(' ');

const SYSTEM_TASKS = [
  ['systemd', 0, -0],
  ['systemd-journal', 0, -250],
  ['systemd-udevd', 0, -1000],
  ['systemd-network', 101, 0],
  ['systemd-resolve', 102, 0],
  ['systemd-timesyn', 103, 0],
  ['systemd-logind', 0, 0],
  ['dbus-daemon', 104, -900],
  ['rsyslogd', 0, 0],
  ['cron', 0, 0],
  ['sshd', 0, -1000],
  ['agetty', 0, 0],
  ['polkitd', 998, 0],
  ['containerd', 0, -999],
  ['dockerd', 0, -500],
  ['kubelet', 0, -999],
  ['chronyd', 997, 0],
  ['irqbalance', 0, 0],
  ['snapd', 0, -900],
  ['NetworkManager', 0, 0],
  ['multipathd', 0, -1000],
  ['auditd', 0, -1000],
  ['node_exporter', 65534, 0],
  ['filebeat', 0, 0],
  ['amazon-ssm-agen', 0, 0],
  ['(sd-pam)', 1000, 100],
  ['tmux: server', 1000, 0],
  ['containerd-shim', 0, -998],
];

/** Workloads: names (with spaces sometimes), uid, oom_score_adj, size in pages (vm, rss). */
const WORKLOADS = {
  php: { names: ['php-fpm7.4', 'php-fpm8.1', 'php-fpm8.2'], uid: 33, adj: [0], vm: [60000, 140000], rss: [3000, 40000] },
  postgres: { names: ['postgres'], uid: 113, adj: [0, -900], vm: [50000, 1100000], rss: [2000, 90000] },
  java: { names: ['java'], uid: 1000, adj: [0], vm: [900000, 6000000], rss: [80000, 2000000] },
  browser: { names: ['firefox', 'Web Content', 'Isolated Web Co', 'WebExtensions', 'Privileged Cont', 'RDD Process', 'Socket Process', 'Utility Process', 'chrome'], uid: 1000, adj: [0, 100, 167, 200, 300, 1000], vm: [600000, 2900000], rss: [20000, 400000] },
  python: { names: ['python3', 'gunicorn', 'celery', 'uwsgi', 'python3.11'], uid: 1000, adj: [0], vm: [60000, 900000], rss: [10000, 300000] },
  node: { names: ['node', 'npm run build', 'next-server (v1'], uid: 1000, adj: [0], vm: [250000, 2800000], rss: [30000, 700000] },
  httpd: { names: ['httpd', 'apache2', 'nginx'], uid: 48, adj: [0], vm: [40000, 90000], rss: [1500, 12000] },
  build: { names: ['cc1plus', 'cc1', 'ld', 'rustc', 'make', 'ninja', 'clang++', 'ld.lld', 'cargo'], uid: 1000, adj: [0], vm: [20000, 1500000], rss: [5000, 900000] },
  k8s: { big: 'java', names: ['pause', 'java', 'envoy', 'node', 'ruby', 'sidekiq', 'python3', 'prometheus', 'dotnet'], uid: 0, adj: [999, 1000, 945, 969, 2], vm: [300, 1800000], rss: [1, 500000] },
  mysql: { names: ['mysqld'], uid: 27, adj: [0, -600], vm: [1000000, 9000000], rss: [200000, 5000000] },
};
const WORKLOAD_KEYS = Object.keys(WORKLOADS);

const SEGV_PROGS = [
  ['systemd-network', 'systemd-networkd'],
  ['python3', 'libpython3.11.so.1.0'],
  ['node', 'node'],
  ['java', 'libjvm.so'],
  ['nginx', 'nginx'],
  ['php-fpm8.1', 'opcache.so'],
  ['a.out', 'a.out'],
  ['chrome', 'chrome'],
  ['Web Content', 'libxul.so'],
  ['gsd-media-keys', 'libglib-2.0.so.0.7800.0'],
  ['containerd-shim', 'containerd-shim-runc-v2'],
  ['ruby', 'libruby.so.3.0.6'],
];

// ---------------------------------------------------------------------------------------------
// Output: a buffered line sink that counts bytes and lines.

class Sink {
  constructor(write) {
    this.write = write;
    this.parts = [];
    this.pending = 0;
    this.bytes = 0;
    this.lines = 0;
  }
  /** Appends one line (no newline inside); returns its 1-based line number. */
  push(line) {
    this.parts.push(line);
    const n = line.length + 1;
    this.pending += n;
    this.bytes += n;
    if (this.pending >= MIB) this.flush();
    return ++this.lines;
  }
  flush() {
    if (this.parts.length === 0) return;
    this.write(this.parts.join('\n') + '\n');
    this.parts = [];
    this.pending = 0;
  }
}

// ---------------------------------------------------------------------------------------------
// A host: its kernel, prefix style, clock and processes.

class Host {
  constructor(g, style, kernelKey, name, opts = {}) {
    const rng = g.rng;
    this.g = g;
    this.style = style;
    this.cfg = STYLES[style];
    this.k = KERNELS[kernelKey];
    this.name = name;
    this.arm = opts.arm ?? false;
    this.release = this.arm ? this.k.arm64 : rng.pick(this.k.releases);
    this.ver = this.arm ? '#1' : this.k.ver;
    this.hardware = this.arm ? rng.pick(HARDWARE_ARM) : rng.pick(HARDWARE);
    this.cpus = rng.pick([2, 4, 4, 8, 8, 16, 32, 48, 64, 96]);
    this.ramGiB = rng.pick([4, 8, 8, 16, 16, 32, 64, 128]);
    this.nodes = this.ramGiB >= 64 && rng.chance(0.5) ? 2 : 1;
    this.swapKb = rng.chance(0.5) ? 0 : rng.pick([2097148, 4194300, 8388604]);
    this.keepTs = style === 'rsyslog-ts' || (style === 'mixed' && rng.chance(0.5));
    this.isoColon = rng.chance(0.5); // journalctl v255 `+08:00` vs `+0800`
    this.tzMin = rng.pick([0, 0, 60, 120, 480, -300, -420, 330]);
    this.tainted = this.k.taintW > 0 && rng.chance(0.3) ? rng.pick(['P', 'G']) : null;
    this.kdump = this.k.kdump && rng.chance(0.3);
    this.buildId = this.k.buildId ? rng.hex(40) : this.k.key === '5.15' && rng.chance(0.3) ? rng.hex(40) : null;
    this.pidMax = ['3.10', 'rhel7', '4.14'].includes(this.k.key) ? 32768 : 4194304;
    this.nextPid = rng.int(300, this.pidMax === 32768 ? 8000 : rng.chance(0.25) ? 1500000 : 60000);
    // 6.5+ prints the cgroup-v1 memory.stat format on v1 hosts; the generator keeps those on v2.
    this.cgroupV2 = ['6.8', '6.12'].includes(this.k.key) ? true : ['5.15', '6.1'].includes(this.k.key) ? rng.chance(0.85) : ['5.4', '5.10', 'rhel8'].includes(this.k.key) ? rng.chance(0.3) : false;
    this.system = SYSTEM_TASKS.filter(() => rng.chance(0.55)).map(([n, uid, adj]) => this.task(n, uid, adj, [2000, 180000], [50, 9000]));
    this.workload = rng.pick(WORKLOAD_KEYS);
    this.reaperPid = rng.int(30, 120);
  }

  /** A new process (pages), with the split of rss into anon/file/shmem. */
  task(name, uid, adj, vmRange, rssRange) {
    const rng = this.g.rng;
    const pid = this.allocPid();
    const vm = rng.logUniform(vmRange[0], vmRange[1]);
    const rss = Math.min(vm, rng.logUniform(Math.max(1, rssRange[0]), Math.max(1, rssRange[1])));
    return this.withRss({ pid, uid, name, adj, vm, swap: 0 }, rss);
  }

  withRss(t, rss) {
    const rng = this.g.rng;
    t.rss = rss;
    const fileShare = rng.float() * 0.3;
    t.file = Math.floor(rss * fileShare);
    t.shmem = this.k.key === '3.10' ? 0 : rng.chance(0.2) ? Math.floor(rss * rng.float() * 0.1) : 0;
    if (t.file + t.shmem > rss) t.shmem = 0;
    t.anon = rss - t.file - t.shmem;
    if (t.vm < rss) t.vm = rss + rng.int(0, 1000);
    t.ptes = Math.max(1, Math.ceil(t.vm / 512 / 8) + rng.int(2, 12));
    t.pmds = rng.int(2, 5);
    t.pgtables = (Math.ceil(rss / 512) + rng.int(3, 12)) * 4096;
    t.swap = this.swapKb > 0 ? Math.floor(rss * rng.float() * 0.2) : 0;
    return t;
  }

  allocPid() {
    const pid = this.nextPid;
    this.nextPid += this.g.rng.chance(0.2) ? this.g.rng.int(2, 400) : 1;
    if (this.nextPid >= this.pidMax) this.nextPid = 300 + this.g.rng.int(0, 2000);
    return pid;
  }

  // ---- clock ------------------------------------------------------------------------------

  /**
   * The hosts of a segment share one clock (`clock.us`: µs since the segment began, `clock.epoch`:
   * its wall time); `mono0` is this host's time since boot when the segment began.
   */
  setClock(clock, monoUs) {
    this.clock = clock;
    this.mono0 = monoUs;
    this.bootEpoch = clock.epoch - Math.floor(monoUs / 1e6);
    this.cacheSec = -1;
  }

  /** Microseconds since boot. */
  get t() {
    return this.mono0 + this.clock.us;
  }

  set t(v) {
    this.clock.us = v - this.mono0;
  }

  mono() {
    const s = Math.floor(this.t / 1e6);
    return `[${pad(s, 5)}.${pad0(this.t - s * 1e6, 6)}]`;
  }

  /** Wall-clock fields for the current time, cached per second. */
  wall() {
    const sec = this.bootEpoch + Math.floor(this.t / 1e6);
    if (sec !== this.cacheSec) {
      const d = new Date((sec + this.tzMin * 60) * 1000);
      const Y = d.getUTCFullYear();
      const M = d.getUTCMonth();
      const D = d.getUTCDate();
      const hms = `${pad0(d.getUTCHours(), 2)}:${pad0(d.getUTCMinutes(), 2)}:${pad0(d.getUTCSeconds(), 2)}`;
      const tzAbs = Math.abs(this.tzMin);
      const sign = this.tzMin < 0 ? '-' : '+';
      this.cacheSec = sec;
      this.w = {
        rfc3164: `${MONTHS[M]} ${pad(D, 2)} ${hms}`,
        short: `${MONTHS[M]} ${pad0(D, 2)} ${hms}`,
        isoBase: `${Y}-${pad0(M + 1, 2)}-${pad0(D, 2)}T${hms}`,
        tzColon: `${sign}${pad0(Math.floor(tzAbs / 60), 2)}:${pad0(tzAbs % 60, 2)}`,
        tzPlain: `${sign}${pad0(Math.floor(tzAbs / 60), 2)}${pad0(tzAbs % 60, 2)}`,
        ctime: `${DAYS[d.getUTCDay()]} ${MONTHS[M]} ${pad(D, 2)} ${hms} ${Y}`,
      };
    }
    return this.w;
  }

  usec() {
    return pad0(this.t % 1e6, 6);
  }

  // ---- prefixes -----------------------------------------------------------------------------

  /** The text before the message. `tag` is the syslog tag (`kernel` for kernel lines). */
  prefix(level, tag = 'kernel', caller = null) {
    switch (this.style) {
      case 'raw':
        return this.mono() + ' ';
      case 'raw-caller':
        return `${this.mono()}[${pad(caller ?? 'T1', 6)}] `;
      case 'dmesg-T':
        return `[${this.wall().ctime}] `;
      case 'level':
        return `<${level}>${this.mono()} `;
      case 'none':
        return '';
      case 'rsyslog':
      case 'rsyslog-ts':
      case 'mixed':
        return `${this.wall().rfc3164} ${this.name} ${tag}: ${this.keepTs && tag === 'kernel' ? this.mono() + ' ' : ''}`;
      case 'rfc3339':
      case 'rfc3339-imjournal': {
        const w = this.wall();
        return `${w.isoBase}.${this.usec()}${w.tzColon} ${this.name} ${tag}: `;
      }
      case 'journal-short':
        return `${this.wall().short} ${this.name} ${tag}: `;
      case 'journal-precise':
        return `${this.wall().short}.${this.usec()} ${this.name} ${tag}: `;
      case 'journal-iso': {
        const w = this.wall();
        return `${w.isoBase}${this.isoColon ? w.tzColon : w.tzPlain} ${this.name} ${tag}: `;
      }
      case 'journal-mono':
        return `${this.mono()} ${this.name} ${tag}: `;
      default:
        throw new Error(`unknown style ${this.style}`);
    }
  }

  /** One kernel record of one line. */
  line(msg, level = 6, caller = null) {
    this.t += 1 + (this.g.rng.u32() & 15);
    return this.g.sink.push(this.prefix(level, 'kernel', caller) + msg);
  }

  /** One kernel record with embedded newlines (§2.6). Returns the first line number. */
  record(lines, level = 6, caller = null) {
    this.t += 1 + (this.g.rng.u32() & 15);
    const p = this.prefix(level, 'kernel', caller);
    const sink = this.g.sink;
    switch (this.cfg.cont) {
      case '#012':
        return sink.push(p + lines.join('#012'));
      case 'repeat': {
        const first = sink.push(p + lines[0]);
        for (let i = 1; i < lines.length; i++) sink.push(p + lines[i]);
        return first;
      }
      default: {
        const first = sink.push(p + lines[0]);
        const indent = ' '.repeat(p.length);
        for (let i = 1; i < lines.length; i++) sink.push(indent + lines[i]);
        return first;
      }
    }
  }

  /** A user-space daemon's line (syslog and journal styles only). */
  daemon(tag, msg) {
    this.t += 1 + (this.g.rng.u32() & 255);
    return this.g.sink.push(this.prefix(6, tag) + msg);
  }
}

// ---------------------------------------------------------------------------------------------
// Noise between events (and, rarely, inside them: other CPUs and other daemons interleave).

function iface(rng) {
  return rng.pick(['eth0', 'eth1', 'ens5', 'eno1', 'enp3s0', 'bond0', 'ens192']);
}
function veth(rng) {
  return 'veth' + rng.hex(7);
}
function ip(rng) {
  return `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

const KERNEL_NOISE = [
  (r) => `${r.pick(['e1000e 0000:00:1f.6', 'ixgbe 0000:3b:00.0', 'igb 0000:02:00.1', 'ena 0000:00:05.0'])} ${iface(r)}: NIC Link is Up ${r.pick(['1000 Mbps Full Duplex', '10 Gbps'])}, Flow Control: ${r.pick(['Rx/Tx', 'None'])}`,
  (r) => `IPv6: ADDRCONF(NETDEV_CHANGE): ${veth(r)}: link becomes ready`,
  (r) => `docker0: port ${r.int(1, 30)}(${veth(r)}) entered ${r.pick(['blocking', 'forwarding', 'disabled'])} state`,
  (r) => `device ${veth(r)} ${r.pick(['entered', 'left'])} promiscuous mode`,
  (r) => `eth0: renamed from ${veth(r)}`,
  (r) => `TCP: request_sock_TCP: Possible SYN flooding on port ${r.pick([80, 443, 3000, 8080, 5432])}. Sending cookies.  Check SNMP counters.`,
  () => `nf_conntrack: nf_conntrack: table full, dropping packet`,
  (r) => `[UFW BLOCK] IN=${iface(r)} OUT= MAC=52:54:00:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:52:54:00:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:08:00 SRC=203.0.113.${r.int(1, 254)} DST=${ip(r)} LEN=60 TOS=0x00 PREC=0x00 TTL=${r.int(40, 60)} ID=${r.int(1, 65535)} DF PROTO=TCP SPT=${r.int(1024, 65535)} DPT=${r.pick([22, 23, 3389, 5900])} WINDOW=64240 RES=0x00 SYN URGP=0`,
  (r) => `EXT4-fs (${r.pick(['sda1', 'nvme0n1p2', 'vda1', 'dm-0'])}): mounted filesystem with ordered data mode. Opts: (null)`,
  (r) => `EXT4-fs (${r.pick(['sdb1', 'nvme1n1'])}): re-mounted. Opts: errors=remount-ro`,
  (r) => `audit: type=1400 audit(${r.int(1700000000, 1730000000)}.${r.int(100, 999)}:${r.int(100, 9999)}): apparmor="DENIED" operation="open" profile="${r.pick(['snap.lxd.daemon', '/usr/sbin/cupsd', 'docker-default'])}" name="/proc/${r.int(1, 9999)}/environ" pid=${r.int(300, 99999)} comm="${r.pick(['snapd', 'cupsd', 'runc'])}" requested_mask="r" denied_mask="r" fsuid=0 ouid=0`,
  (r) => `audit: type=1130 audit(${r.int(1700000000, 1730000000)}.${r.int(100, 999)}:${r.int(100, 9999)}): pid=1 uid=0 auid=4294967295 ses=4294967295 msg='unit=${r.pick(['systemd-tmpfiles-clean', 'logrotate', 'fstrim', 'apt-daily'])} comm="systemd" exe="/usr/lib/systemd/systemd" hostname=? addr=? terminal=? res=success'`,
  (r) => `kauditd_printk_skb: ${r.int(2, 40)} callbacks suppressed`,
  (r) => `usb ${r.int(1, 4)}-${r.int(1, 4)}: new high-speed USB device number ${r.int(2, 20)} using xhci_hcd`,
  (r) => `perf: interrupt took too long (${r.int(2500, 6000)} > ${r.int(2500, 6000)}), lowering kernel.perf_event_max_sample_rate to ${r.pick([63500, 50000, 39750, 31750])}`,
  (r) => `nfs: server nas-0${r.int(1, 4)}.lab.example.net ${r.pick(['not responding, still trying', 'OK'])}`,
  (r) => `bond0: (slave ${r.pick(['eno1', 'eno2'])}): link status definitely ${r.pick(['up, 10000 Mbps full duplex', 'down, disabling slave'])}`,
  (r) => `cgroup: fork rejected by pids controller in /system.slice/${r.pick(['app', 'worker', 'cron'])}.service`,
  () => `overlayfs: upperdir is in-use as upperdir/workdir of another mount, accessing files from both mounts will result in undefined behavior.`,
  (r) => `ata${r.int(1, 6)}.00: configured for UDMA/133`,
  (r) => `nvme nvme${r.int(0, 3)}: I/O ${r.int(1, 1000)} QID ${r.int(1, 16)} timeout, completion polled`,
  (r) => `virbr0: port ${r.int(1, 4)}(vnet${r.int(0, 9)}) entered ${r.pick(['blocking', 'disabled', 'forwarding'])} state`,
  (r) => `IPVS: rr: TCP 10.96.0.${r.int(1, 20)}:443 - no destination available`,
  (r) => `xfs filesystem being remounted at /var/lib/docker/overlay2/${r.hex(64)}/merged supports timestamps until 2038 (0x7fffffff)`,
  (r) => `sd ${r.int(0, 3)}:0:0:0: [sd${r.pick(['a', 'b', 'c'])}] Synchronizing SCSI cache`,
  (r) => `workqueue: ${r.pick(['drm_fb_helper_damage_work', 'vmstat_update', 'psi_avgs_work'])} hogged CPU for >10000us ${r.int(4, 64)} times, consider switching to WQ_UNBOUND`,
  (r) => `blk_update_request: I/O error, dev sd${r.pick(['b', 'c'])}, sector ${r.int(1000, 900000000)} op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0`,
  (r) => `Buffer I/O error on dev sd${r.pick(['b', 'c'])}1, logical block ${r.int(1000, 90000000)}, async page read`,
  (r) => `systemd-journald[${r.int(200, 600)}]: Received client request to flush runtime journal.`,
  (r) => `br-${r.hex(12)}: port ${r.int(1, 9)}(${veth(r)}) entered blocking state`,
  (r) => `Process accounting resumed`,
  (r) => `mlx5_core 0000:${pad0(r.int(1, 99), 2)}:00.0: mlx5_fw_tracer_handle_traces:${r.int(700, 800)}:(pid ${r.int(100, 9000)}): FWTracer: Events were lost`,
];

function daemonNoise(r, h) {
  switch (r.int(0, 9)) {
    case 0:
      return [`sshd[${r.int(1000, 999999)}]`, `Accepted publickey for ${r.pick(['deploy', 'root', 'ci', 'admin'])} from ${ip(r)} port ${r.int(1024, 65535)} ssh2: RSA SHA256:${r.hex(22)}`];
    case 1:
      return [`sshd[${r.int(1000, 999999)}]`, `pam_unix(sshd:session): session ${r.pick(['opened', 'closed'])} for user ${r.pick(['deploy', 'root', 'ci'])}`];
    case 2:
      return [`CRON[${r.int(1000, 999999)}]`, `(root) CMD (${r.pick(['/usr/local/bin/backup.sh >/dev/null 2>&1', 'command -v debian-sa1 > /dev/null && debian-sa1 1 1', '/usr/lib/php/sessionclean'])})`];
    case 3:
      return ['systemd[1]', r.pick([`Started Session ${r.int(1, 9999)} of User ${r.pick(['root', 'deploy'])}.`, 'Starting Daily apt upgrade and clean activities...', 'Finished Rotate log files.', `Started ${r.pick(['logrotate', 'man-db', 'fstrim'])}.service.`, 'Reloading.'])];
    case 4:
      return [`systemd-logind[${r.int(400, 900)}]`, `New session ${r.int(1, 9999)} of user ${r.pick(['deploy', 'root', 'ci'])}.`];
    case 5:
      return [`dockerd[${r.int(700, 3000)}]`, `time="2024-12-04T0${r.int(0, 9)}:${pad0(r.int(0, 59), 2)}:${pad0(r.int(0, 59), 2)}.${r.int(100000000, 999999999)}Z" level=info msg="ignoring event" container=${r.hex(64)} module=libcontainerd namespace=moby topic=/tasks/delete type="*events.TaskDelete"`];
    case 6:
      return [`kubelet[${r.int(700, 3000)}]`, `I1204 0${r.int(0, 9)}:${pad0(r.int(0, 59), 2)}:${pad0(r.int(0, 59), 2)}.${r.int(100000, 999999)}    ${r.int(700, 3000)} kubelet.go:2457] "SyncLoop (PLEG): event for pod" pod="default/web-${r.hex(10)}-${r.hex(5)}" event={"ID":"${r.hex(8)}","Type":"ContainerStarted"}`];
    case 7:
      return [`containerd[${r.int(700, 3000)}]`, `time="2024-12-04T0${r.int(0, 9)}:${pad0(r.int(0, 59), 2)}:${pad0(r.int(0, 59), 2)}.${r.int(100000000, 999999999)}Z" level=info msg="shim disconnected" id=${r.hex(64)} namespace=k8s.io`];
    case 8:
      return ['rsyslogd', `[origin software="rsyslogd" swVersion="8.2112.0" x-pid="${r.int(500, 900)}" x-info="https://www.rsyslog.com"] rsyslogd was HUPed`];
    default:
      return [`${h.workload === 'php' ? 'php-fpm' : 'app'}[${r.int(1000, 99999)}]`, `[pool www] child ${r.int(1000, 99999)} started`];
  }
}

// ---------------------------------------------------------------------------------------------
// The generator.

class Generator {
  constructor(sizeBytes, seed, write) {
    this.size = sizeBytes;
    this.rng = makeRng(seed);
    this.sink = new Sink(write);
    this.oomBytes = 0;
    this.otherBytes = 0;
    this.rows = 0;
    this.truth = { oom: [], kinds: {} };
    this.styleDeck = [];
    this.kernelDeck = [];
    this.epoch = 1700000000 + this.rng.int(0, 30000000);
  }

  count(kind) {
    this.truth.kinds[kind] = (this.truth.kinds[kind] ?? 0) + 1;
  }

  deal(deck, all) {
    if (deck.length === 0) deck.push(...this.rng.shuffle([...all]));
    return deck.pop();
  }

  run() {
    while (this.sink.bytes < this.size) this.segment();
    this.sink.flush();
    return {
      bytes: this.sink.bytes,
      lines: this.sink.lines,
      oom: this.truth.oom,
      kinds: this.truth.kinds,
      oomBytes: this.oomBytes,
      taskRows: this.rows,
      generator: GENERATOR_VERSION,
      size: this.size,
    };
  }

  /** One host segment (or, for `mixed`, one central syslog of several hosts). */
  segment() {
    const rng = this.rng;
    const style = this.deal(this.styleDeck, STYLE_KEYS);
    const kernels = kernelsFor(style);
    let kernel = this.deal(this.kernelDeck, KERNEL_KEYS);
    if (!kernels.includes(kernel)) kernel = rng.pick(kernels);
    const segBytes = Math.max(48 * 1024, Math.min(6 * MIB, Math.round((this.size / 16) * (0.5 + rng.float()))));
    const end = Math.min(this.size, this.sink.bytes + segBytes);
    const nHosts = style === 'mixed' ? rng.int(2, 3) : 1;
    const hosts = [];
    for (let i = 0; i < nHosts; i++) {
      const k = i === 0 ? kernel : rng.pick(kernels);
      const arm = (k === '5.10' || k === '6.1') && rng.chance(0.25);
      const name = `${rng.pick(HOST_WORDS)}-${pad0(rng.int(1, 40), 2)}${rng.chance(0.05) ? '.prod.example.net' : ''}`;
      hosts.push(new Host(this, style, k, name, { arm }));
    }
    // Clock: dmesg-like captures start at boot; syslog and journal files start mid-uptime.
    const atBoot = STYLES[style].mono && rng.chance(0.5);
    this.epoch += rng.int(3600, 86400 * 20);
    const clock = { us: 0, epoch: this.epoch };
    for (const h of hosts) h.setClock(clock, atBoot ? rng.int(0, 2000) : rng.int(200, 4000000) * 1e6 + rng.int(0, 999999));
    this.hosts = hosts;
    if (atBoot) this.bootBanner(hosts[0]);

    this.segmentOver = false;
    while (this.sink.bytes < end && !this.segmentOver) {
      const h = rng.pick(hosts);
      const total = this.sink.bytes;
      if (this.oomBytes < OOM_SHARE * (total + 4096)) {
        this.oomEpisode(h);
      } else if (this.otherBytes < OTHER_SHARE * (total + 4096)) {
        const before = this.sink.bytes;
        this.otherEvent(h);
        this.otherBytes += this.sink.bytes - before;
      } else {
        this.noiseBurst(rng.int(1, 8));
      }
      this.advance(rng.int(2e5, 9e7));
    }
  }

  advance(us) {
    this.hosts[0].clock.us += us;
  }

  bootBanner(h) {
    const rng = this.rng;
    const verStr = h.ver.startsWith('#1 Debian') ? `#1 SMP Debian ${h.ver.slice(10)} (2023-01-21)` : `${h.ver} SMP PREEMPT_DYNAMIC`;
    h.line(`Linux version ${h.release} (buildd@lcy02-amd64-${pad0(rng.int(1, 99), 3)}) (gcc (GCC) ${rng.pick(['4.8.5 20150623 (Red Hat 4.8.5-44)', '10.2.1 20210110', '12.3.0'])}) ${verStr}`, 5);
    h.line(`Command line: BOOT_IMAGE=/vmlinuz-${h.release} root=UUID=${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)} ro quiet`, 6);
    if (!h.arm) h.line(`x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'`, 6);
    h.line(`BIOS-provided physical RAM map:`, 6);
    h.line(`DMI: ${h.hardware}`, 6);
    h.line(`Memory: ${h.ramGiB * 1048576 - rng.int(200000, 900000)}K/${h.ramGiB * 1048576}K available (${rng.int(12, 20)}${pad0(rng.int(0, 999), 3)}K kernel code, ${rng.int(2000, 4000)}K rwdata)`, 6);
    h.line(`random: crng init done`, 5);
    h.t += rng.int(5e6, 60e6);
  }

  noiseBurst(n) {
    const rng = this.rng;
    for (let i = 0; i < n; i++) {
      const h = rng.pick(this.hosts);
      this.noiseLine(h);
      h.t += rng.int(1e4, 3e6);
    }
  }

  noiseLine(h) {
    const rng = this.rng;
    if (h.cfg.daemons && rng.chance(0.45)) {
      const [tag, msg] = daemonNoise(rng, h);
      return h.daemon(tag, msg);
    }
    return h.line(rng.pick(KERNEL_NOISE)(rng), rng.pick([4, 5, 6, 6, 6]), `T${rng.int(1, 99999)}`);
  }

  /** A noise line from some host, as other CPUs and daemons interleave with long reports. */
  interleave(p) {
    if (this.rng.chance(p)) this.noiseLine(this.rng.pick(this.hosts));
  }

  // ---- OOM --------------------------------------------------------------------------------

  /** One OOM kill, or a storm of them in one memcg with rate-limited headers. */
  oomEpisode(h) {
    const rng = this.rng;
    const memcg = rng.chance(h.arm ? 1 : 0.65);
    const storm = memcg && rng.chance(0.18);
    const full = storm ? rng.int(1, 3) : 1;
    const start = this.sink.bytes;
    const cg = memcg ? this.memcgOf(h) : null;
    const tasks = this.taskList(h, cg, this.plannedRows(h, cg, full));
    const ctx = { h, cg, tasks, late: [] };
    if (!storm) {
      this.fullReport(ctx, false);
    } else {
      for (let i = 0; i < full; i++) {
        this.fullReport(ctx, true);
        h.t += rng.int(20000, 400000);
      }
      const killOnly = rng.int(3, 25);
      for (let i = 0; i < killOnly; i++) {
        this.killOnly(ctx);
        h.t += rng.int(5000, 300000);
      }
      this.flushLateReapers(ctx);
      if (rng.chance(0.5)) h.line(`oom_kill_process: ${killOnly + rng.int(0, 30)} callbacks suppressed`, 4, `T${rng.pick(tasks).pid}`);
    }
    this.flushLateReapers(ctx);
    this.oomBytes += this.sink.bytes - start;
    // Afterwards: systemd notices (journal/syslog), the service restarts.
    if (h.cfg.daemons && rng.chance(0.6)) {
      const svc = cg?.service ?? `${h.workload}.service`;
      h.daemon('systemd[1]', `${svc}: A process of this unit has been killed by the OOM killer.`);
      if (rng.chance(0.6)) h.daemon('systemd[1]', `${svc}: Main process exited, code=killed, status=9/KILL`);
      if (rng.chance(0.5)) h.daemon('systemd[1]', `${svc}: Failed with result 'oom-kill'.`);
    }
  }

  /** Rows for the next table, steering towards ROWS_PER_MIB overall at OOM_SHARE of the bytes. */
  plannedRows(h, cg, reports) {
    const rng = this.rng;
    const pl = h.prefix(6).length;
    const rowLen = pl + (h.k.table === '6.8' ? 112 : h.k.table === '3.10' || h.k.table === 'rhel7' ? 80 : h.k.table === '4.14' ? 88 : 94);
    const header = (cg ? (h.k.memcg === 'old' ? 40 : h.k.statLines ? 95 : 60) : h.k.perCpu ? 95 : 70) * (pl + 60);
    const k = ROWS_PER_MIB / MIB / OOM_SHARE;
    const denom = 1 - k * rowLen;
    const want = (k * (this.oomBytes + header * reports) - this.rows) / Math.max(0.05, denom) / reports;
    // Small logs get smaller tables, and the last event must not run far past the size.
    const left = Math.max(0, this.size - this.sink.bytes);
    const cap = Math.max(20, Math.min(2000, Math.floor((0.07 * this.size) / rowLen / reports), Math.floor((0.5 * left) / rowLen / reports)));
    let rows = Math.round(want * (0.5 + rng.float()));
    if (rng.chance(0.08)) rows = rng.logUniform(20, 2000);
    return Math.max(20, Math.min(cap, rows));
  }

  /** The memory cgroup of a memcg OOM: paths for cgroup v1/v2, docker, kubernetes, systemd. */
  memcgOf(h) {
    const rng = this.rng;
    const id = rng.hex(64);
    const pod = `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
    let oom;
    let task;
    let service;
    let cpuset = '/';
    const kind = rng.pick(['docker', 'k8s', 'systemd']);
    if (!h.cgroupV2) {
      if (kind === 'k8s') {
        oom = `/kubepods/${rng.pick(['burstable/', 'besteffort/', ''])}pod${pod}`;
        task = `${oom}/${id}`;
        if (rng.chance(0.5)) oom = task;
        cpuset = id;
      } else {
        oom = task = `/docker/${id}`;
        cpuset = id;
        if (kind === 'systemd') {
          service = `${rng.pick(['app', 'worker', 'api', 'indexer'])}.service`;
          oom = task = `/system.slice/${service}`;
          cpuset = '/';
        }
      }
    } else if (kind === 'k8s') {
      const podSlice = `/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod${pod.replace(/-/g, '_')}.slice`;
      task = `${podSlice}/cri-containerd-${id}.scope`;
      oom = rng.chance(0.5) ? podSlice : task;
    } else if (kind === 'docker') {
      oom = task = `/system.slice/docker-${id}.scope`;
    } else {
      service = `${rng.pick(['app', 'worker', 'api', 'indexer', 'postgresql', 'php8.1-fpm'])}.service`;
      oom = task = rng.chance(0.7) ? `/system.slice/${service}` : `/user.slice/user-1000.slice/user@1000.service/app.slice/app-${rng.pick(['gnome-firefox', 'code', 'slack'])}-${rng.int(1000, 99999)}.scope`;
    }
    const limitKb = rng.pick([262144, 524288, 1048576, 2097152, 4194304, 8388608, 16777216]);
    return { oom, task, cpuset, service, limitKb, failcnt: rng.int(1, 200000), memswLimit: rng.chance(0.7) ? 9007199254740988 : limitKb * 2, swapLimit: rng.pick([0, 9007199254740988, limitKb]) };
  }

  /** The tasks of one table: system daemons (global OOMs) and workload processes. */
  taskList(h, cg, rows) {
    const rng = this.rng;
    const w = WORKLOADS[cg && h.cgroupV2 === false && rng.chance(0.3) ? 'k8s' : h.workload];
    const tasks = [];
    if (!cg) for (const t of h.system) if (tasks.length < rows - 5) tasks.push(t);
    const nSystem = tasks.length;
    const many = rows - nSystem;
    const big = Math.min(many, rng.int(1, 3));
    const work = [];
    for (let i = 0; i < many; i++) {
      const name = i < big ? (w.big ?? w.names[0]) : rng.pick(w.names);
      // Kubernetes sandboxes (`pause`) stay tiny and are protected.
      if (name === 'pause') work.push(h.task(name, 65535, -998, [250, 300], [1, 60]));
      else work.push(h.task(name, w.uid === 1000 && rng.chance(0.2) ? rng.int(1000, 1010) : w.uid, i < big ? w.adj[0] : rng.pick(w.adj), w.vm, w.rss));
    }
    // Scale the workload's resident sizes to the memory that ran out (the memcg limit or the
    // RAM): one to three big processes hold a large share, the rest split what is left.
    const targetPages = cg ? Math.floor((cg.limitKb / 4) * (0.75 + rng.float() * 0.2)) : Math.floor(h.ramGiB * 262144 * (0.82 + rng.float() * 0.1));
    let systemPages = 0;
    for (const t of tasks) systemPages += t.rss;
    const workPages = Math.max(targetPages * 0.5, targetPages - systemPages);
    const bigPages = workPages * (many === big ? 1 : 0.2 + 0.5 * rng.float());
    let restRaw = 0;
    for (let i = big; i < many; i++) if (work[i].name !== 'pause') restRaw += work[i].rss;
    for (let i = 0; i < many; i++) {
      const t = work[i];
      if (t.name === 'pause') continue;
      const rss = i < big ? Math.round((bigPages / big) * (0.6 + 0.8 * rng.float())) : Math.max(t.rss > 0 ? 1 : 0, Math.round((t.rss * (workPages - bigPages)) / Math.max(1, restRaw)));
      t.vm = Math.max(t.vm, rss + rng.int(100, 5000));
      h.withRss(t, rss);
    }
    // Processes are listed in task-list order, which is mostly pid order.
    for (let i = 0; i < big; i++) work.splice(rng.int(big, many - 1), 0, work.shift());
    work.sort((a, b) => a.pid - b.pid);
    return tasks.concat(work);
  }

  /** Badness as the kernel version computes it (§3.10), and the printed score (≤5.0). */
  badness(h, t, totalpages) {
    if (t.adj === -1000) return -Infinity;
    const k = h.k.key;
    let points;
    if (k === '3.10' || k === 'rhel7') points = t.rss + t.ptes + t.swap;
    else if (k === '4.14') points = t.rss + t.ptes + t.pmds + t.swap;
    else points = t.rss + t.swap + Math.floor(t.pgtables / 4096);
    if ((k === '3.10' || k === 'rhel7' || k === '4.14') && t.uid === 0) points -= Math.floor((points * 3) / 100);
    return points + t.adj * Math.floor(totalpages / 1000);
  }

  pickVictim(ctx) {
    const h = ctx.h;
    const total = ctx.cg ? ctx.cg.limitKb / 4 : h.ramGiB * 262144 + h.swapKb / 4;
    let best = null;
    let bestPts = -Infinity;
    for (const t of ctx.tasks) {
      const p = this.badness(h, t, total);
      if (p > bestPts) {
        bestPts = p;
        best = t;
      }
    }
    const score = Math.max(1, Math.floor((bestPts * 1000) / total));
    return { victim: best, score };
  }

  /** Removes a killed task; a supervisor (usually) starts a replacement. */
  replace(ctx, victim) {
    const rng = this.rng;
    const h = ctx.h;
    const i = ctx.tasks.indexOf(victim);
    if (i >= 0) ctx.tasks.splice(i, 1);
    const si = h.system.indexOf(victim);
    if (si >= 0) h.system.splice(si, 1);
    const killable = ctx.tasks.filter((t) => t.adj !== -1000).length;
    if (rng.chance(0.8) || killable < 4) {
      const t = h.task(victim.name, victim.uid, victim.adj === -1000 ? 0 : victim.adj, [Math.max(2, victim.vm >> 1), Math.max(3, Math.round(victim.vm * 1.5))], [Math.max(1, victim.rss >> 1), Math.max(2, victim.rss)]);
      ctx.tasks.push(t);
      if (si >= 0) h.system.push(t);
    }
  }

  fullReport(ctx, inStorm) {
    const rng = this.rng;
    const { h, cg, tasks } = ctx;
    const k = h.k;
    const isMemcg = cg !== null;
    const msg = isMemcg ? 'Memory cgroup out of memory' : rng.chance(0.05) ? 'Out of memory (oom_kill_allocating_task)' : 'Out of memory';
    const eligible = tasks.filter((t) => t.adj !== -1000);
    const allocating = msg.endsWith('(oom_kill_allocating_task)');
    const trig = rng.chance(0.5) && !allocating ? this.pickVictim(ctx).victim : rng.pick(eligible.length ? eligible : tasks);
    const caller = `T${trig.pid}`;
    const gfp = k.gfp[rng.weighted([['hum', 6], ['humz', 3], ['kernel', isMemcg ? 0 : 1]])];
    const order = 0;
    const gfpText = k.pGg ? `${gfp[0]}(${gfp[1]})` : gfp[0];
    const nodes = h.nodes === 2 ? '0-1' : '0';
    let selected = null;
    let victim = allocating ? trig : this.pickVictim(ctx).victim;
    // ≤5.0 "sacrifice child": a child with its own mm is killed instead of the selected parent.
    if (k.select && !allocating && rng.chance(0.15)) {
      const child = tasks.find((t) => t !== victim && t.adj !== -1000 && t.name === victim.name && t.pid > victim.pid);
      if (child) {
        selected = victim;
        victim = child;
      }
    }

    const ev = { startLine: 0, endLine: 0, triggerComm: trig.name, killedPid: victim.pid, killedComm: victim.name, taskRows: tasks.length };
    // 1. trigger (§3.2)
    let trigLine = `${trig.name} invoked oom-killer: gfp_mask=${gfpText}, `;
    if (k.nodemask === '4.14') trigLine += `nodemask=(null),  `;
    else if (k.nodemask === '4.19') trigLine += `nodemask=(null), `;
    trigLine += `order=${order}, oom_score_adj=${trig.adj}`;
    ev.startLine = h.line(trigLine, 4, caller);
    // 2. cpuset line (≤4.19)
    if (k.cpuset) h.line(`${trig.name} cpuset=${cg ? cg.cpuset : '/'} mems_allowed=${nodes}`, 6, caller);
    // 3. dump_stack
    this.stackDump(h, trig, caller, isMemcg ? 'oom-memcg' : gfp === k.gfp.kernel ? 'oom-kernel' : 'oom-fault');
    // 4. memcg information or Mem-Info
    if (isMemcg) this.memcgInfo(h, cg, tasks, victim, caller);
    else this.memInfo(h, tasks, caller, true);
    // 5. tasks table
    if (k.tasksState) h.line('Tasks state (memory values in pages):', 6, caller);
    h.line(TABLE_HEADER[k.table], 6, caller);
    const fmt = ROW_FMT[k.table];
    const every = rng.chance(0.3) ? rng.int(150, 900) : 0;
    for (let i = 0; i < tasks.length; i++) {
      h.line(fmt(tasks[i]), 6, caller);
      if (every && i % every === every - 1) this.interleave(1);
    }
    this.rows += tasks.length;
    // 6. oom-kill: summary (RHEL8, 5.0+)
    const uid = victim.uid;
    if (k.oomKill) {
      const scope = cg ? `oom_memcg=${cg.oom},task_memcg=${cg.task}` : `global_oom,task_memcg=${rng.pick(['/user.slice/user-1000.slice/session-3.scope', '/system.slice/' + h.workload + '.service', '/'])}`;
      h.line(`oom-kill:constraint=${cg ? 'CONSTRAINT_MEMCG' : 'CONSTRAINT_NONE'},nodemask=(null),cpuset=${cg ? cg.cpuset : '/'},mems_allowed=${nodes},${scope},task=${victim.name},pid=${victim.pid},uid=${uid}`, 6, caller);
    }
    // 7. select (≤5.0)
    if (k.select) {
      const sel = selected ?? victim;
      const total = cg ? cg.limitKb / 4 : h.ramGiB * 262144 + h.swapKb / 4;
      const score = Math.max(1, Math.floor((this.badness(h, sel, total) * 1000) / total));
      h.line(`${msg}: Kill process ${sel.pid} (${sel.name}) score ${score} or sacrifice child`, 3, caller);
    }
    // 8. Killed process
    ev.endLine = this.killedLine(h, msg, victim, caller);
    // memory.oom.group (5.x, cgroup v2): the rest of the group goes too.
    if (cg && h.cgroupV2 && k.oomKill && k.key !== 'rhel8' && !inStorm && rng.chance(0.08)) {
      ev.endLine = h.line(`Tasks in ${cg.oom} are going to be killed due to memory.oom.group set`, 6, caller);
      const members = tasks.filter((t) => t !== victim && t.adj !== -1000).slice(0, rng.int(1, 4));
      for (const m of members) {
        ev.endLine = this.killedLine(h, msg, m, caller);
        if (rng.chance(0.4)) ctx.late.push(m);
      }
      for (const m of members) this.replace(ctx, m);
    }
    ev.endLine = this.reaper(ctx, victim, inStorm) ?? ev.endLine;
    this.truth.oom.push(ev);
    this.count('oom');
    this.replace(ctx, victim);
    return ev;
  }

  /** A rate-limited kill: dump_header was suppressed, only the kill lines are printed. */
  killOnly(ctx) {
    const rng = this.rng;
    const { h, cg } = ctx;
    const k = h.k;
    const msg = cg ? 'Memory cgroup out of memory' : 'Out of memory';
    const { victim, score } = this.pickVictim(ctx);
    const caller = `T${rng.pick(ctx.tasks).pid}`;
    const ev = { startLine: 0, endLine: 0, triggerComm: null, killedPid: victim.pid, killedComm: victim.name, taskRows: null };
    if (k.select) {
      ev.startLine = h.line(`${msg}: Kill process ${victim.pid} (${victim.name}) score ${score} or sacrifice child`, 3, caller);
      ev.endLine = this.killedLine(h, msg, victim, caller);
    } else {
      ev.startLine = ev.endLine = this.killedLine(h, msg, victim, caller);
    }
    ev.endLine = this.reaper(ctx, victim, true) ?? ev.endLine;
    this.truth.oom.push(ev);
    this.count('oom');
    this.replace(ctx, victim);
  }

  killedLine(h, msg, v, caller) {
    const k = h.k;
    const kv = `total-vm:${v.vm * 4}kB, anon-rss:${v.anon * 4}kB, file-rss:${v.file * 4}kB`;
    switch (k.killed) {
      case '3.10':
        return h.line(`Killed process ${v.pid} (${v.name}) ${kv}`, 3, caller);
      case 'rhel7':
        return h.line(`Killed process ${v.pid} (${v.name}), UID ${v.uid}, ${kv}, shmem-rss:${v.shmem * 4}kB`, 3, caller);
      case '4.14':
        return h.line(`Killed process ${v.pid} (${v.name}) ${kv}, shmem-rss:${v.shmem * 4}kB`, 3, caller);
      case 'rhel8':
        return h.line(`${msg}: Killed process ${v.pid} (${v.name}) ${kv}, shmem-rss:${v.shmem * 4}kB, UID:${v.uid}`, 3, caller);
      default:
        return h.line(`${msg}: Killed process ${v.pid} (${v.name}) ${kv}, shmem-rss:${v.shmem * 4}kB, UID:${v.uid} pgtables:${v.pgtables >> 10}kB oom_score_adj:${v.adj}`, 3, caller);
    }
  }

  /** oom_reaper's line (4.14+): right after the kill, or later (after the next kill of a storm). */
  reaper(ctx, v, inStorm) {
    const h = ctx.h;
    if (!h.k.reaper || this.rng.chance(0.15)) return null;
    if (inStorm && this.rng.chance(0.4)) {
      ctx.late.push(v);
      return null;
    }
    h.t += this.rng.int(200, 60000);
    return h.line(`oom_reaper: reaped process ${v.pid} (${v.name}), now anon-rss:0kB, file-rss:${this.rng.chance(0.8) ? 0 : v.file * 4}kB, shmem-rss:0kB`, 6, `T${h.reaperPid}`);
  }

  flushLateReapers(ctx) {
    const h = ctx.h;
    for (const v of ctx.late.splice(0)) {
      h.t += this.rng.int(200, 60000);
      h.line(`oom_reaper: reaped process ${v.pid} (${v.name}), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB`, 6, `T${h.reaperPid}`);
    }
  }

  // ---- stack dumps (§3.4) -------------------------------------------------------------------

  cpuLine(h, comm, pid, uid, caller, level = 4, onCpu = null) {
    const rng = this.rng;
    const k = h.k;
    const taint = h.tainted ? taintString(k.taintW, h.tainted) : 'Not tainted';
    const cpu = onCpu ?? rng.int(0, h.cpus - 1);
    const kd = h.kdump ? 'Kdump: loaded ' : '';
    const bid = h.buildId ? ' ' + h.buildId : '';
    const head = k.cpuUid ? `CPU: ${cpu} UID: ${uid} PID: ${pid} Comm: ` : `CPU: ${cpu} PID: ${pid} Comm: `;
    h.line(`${head}${comm} ${kd}${taint} ${h.release} ${h.ver}${bid}`, level, caller);
    if (k.cpuUid && h.tainted) h.line(`Tainted: ${h.tainted === 'P' ? '[P]=PROPRIETARY_MODULE, ' : ''}[O]=OOT_MODULE, [E]=UNSIGNED_MODULE`, level, caller);
    h.line(`Hardware name: ${h.hardware}`, level, caller);
    return cpu;
  }

  /** dump_stack(): CPU line, hardware, call trace (x86 or arm64), user registers. */
  stackDump(h, who, caller, path) {
    const rng = this.rng;
    const k = h.k;
    this.cpuLine(h, who.name, who.pid, who.uid, caller);
    if (k.trace === '3.10') {
      for (let i = 0; i < 3; i++) h.line(` ${hex16(rng, 'ffff88')} ${rng.chance(0.5) ? hex16(rng, '00000000') : hex16(rng, 'ffff88')} ${hex16(rng, 'ffff88')} ${hex16(rng, 'ffffffff81')}`, 4, caller);
    }
    const frames = traceFrames(k, path, h.arm);
    if (h.arm) {
      h.line('Call trace:', 4, caller);
      for (const f of frames) h.line(` ${sym(rng, f)}`, 4, caller);
      return;
    }
    h.line('Call Trace:', 4, caller);
    const task = k.trace === 'x86task';
    if (task) h.line(' <TASK>', 4, caller);
    for (const f of frames) {
      const unreliable = rng.chance(0.12);
      if (unreliable) h.line(frameText(rng, k, rng.pick(UNRELIABLE), true), 4, caller);
      h.line(frameText(rng, k, f, false), 4, caller);
    }
    if (k.userRegs && path !== 'oom-kernel' && path !== 'alloc') this.userRegs(h, caller);
    if (task) h.line(' </TASK>', 4, caller);
  }

  userRegs(h, caller) {
    const rng = this.rng;
    const ip = '7f' + rng.hex(10);
    h.line(`RIP: 0033:0x${ip}`, 4, caller);
    if (h.k.codeBad) h.line('Code: Bad RIP value.', 4, caller);
    else h.line(`Code: Unable to access opcode bytes at 0x${(parseInt(ip, 16) - 0x2a).toString(16)}.`, 4, caller);
    h.line(`RSP: 002b:00007ff${rng.hex(9)} EFLAGS: 00010206`, 4, caller);
    const reg = () => (rng.chance(0.4) ? '0000' + rng.hex(12) : '00007f' + rng.hex(10));
    h.line(`RAX: ${reg()} RBX: ${reg()} RCX: ${reg()}`, 4, caller);
    h.line(`RDX: ${reg()} RSI: ${reg()} RDI: ${reg()}`, 4, caller);
    h.line(`RBP: ${reg()} R08: ${reg()} R09: ${reg()}`, 4, caller);
    h.line(`R10: ${reg()} R11: 0000000000000246 R12: ${reg()}`, 4, caller);
    h.line(`R13: ${reg()} R14: ${reg()} R15: ${reg()}`, 4, caller);
  }

  /** Kernel-mode registers of an oops, warning or lockup (4.14+ layout). */
  kernelRegs(h, fn, caller, cr2 = null) {
    const rng = this.rng;
    const k = h.k;
    const reg = () => (rng.chance(0.5) ? rng.pick(['ffff8', 'ffff9', 'ffffa', 'ffffb', 'ffffc']) + rng.hex(11) : '0000000000' + rng.hex(6));
    if (k.pf === '3.10') {
      h.line(`task: ffff88${rng.hex(10)} ti: ffff88${rng.hex(10)} task.ti: ffff88${rng.hex(10)}`, 4, caller);
      const a = 'ffffffff' + rng.hex(8);
      h.line(`RIP: 0010:[<${a}>]  [<${a}>] ${fn}`, 4, caller);
      h.line(`RSP: 0018:ffff88${rng.hex(10)}  EFLAGS: 00010246`, 4, caller);
    } else {
      h.line(`RIP: 0010:${fn}`, 4, caller);
      if (k.pf === '5.3' || k.pf === '4.19') h.line(`Code: ${codeBytes(rng)}`, 4, caller);
      h.line(`RSP: 0018:ffffb${rng.hex(11)} EFLAGS: 000${rng.pick(['10246', '10282', '10202', '00246'])}`, 4, caller);
    }
    h.line(`RAX: ${reg()} RBX: ${reg()} RCX: ${reg()}`, 4, caller);
    h.line(`RDX: ${reg()} RSI: ${reg()} RDI: ${reg()}`, 4, caller);
    h.line(`RBP: ${reg()} R08: ${reg()} R09: ${reg()}`, 4, caller);
    h.line(`R10: ${reg()} R11: ${reg()} R12: ${reg()}`, 4, caller);
    h.line(`R13: ${reg()} R14: ${reg()} R15: ${reg()}`, 4, caller);
    h.line(`FS:  ${rng.chance(0.5) ? '0000000000000000' : '00007f' + rng.hex(10)}(0000) GS:ffff88${rng.hex(10)}(0000) knlGS:0000000000000000`, 4, caller);
    h.line(`CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033`, 4, caller);
    h.line(`CR2: ${cr2 ?? '00007f' + rng.hex(10)} CR3: 0000000${rng.hex(9)} CR4: 00000000003${rng.hex(5)}`, 4, caller);
  }

  // ---- memcg (§3.5) ---------------------------------------------------------------------------

  memcgInfo(h, cg, tasks, victim, caller) {
    const rng = this.rng;
    const k = h.k;
    let anon = 0;
    let file = 0;
    let shmem = 0;
    for (const t of tasks) {
      anon += t.anon;
      file += t.file;
      shmem += t.shmem;
    }
    const usage = cg.limitKb - 4 * rng.int(0, 64);
    const cachePages = Math.max(file + shmem, Math.floor(usage / 4) - anon - rng.int(0, 2000));
    if (k.memcg === 'old') {
      h.line(`Task in ${cg.task} killed as a result of limit of ${cg.oom}`, 6, caller);
      h.line(`memory: usage ${usage}kB, limit ${cg.limitKb}kB, failcnt ${cg.failcnt}`, 6, caller);
      h.line(`memory+swap: usage ${usage}kB, limit ${cg.memswLimit}kB, failcnt 0`, 6, caller);
      h.line(`kmem: usage ${kb4(rng.int(0, usage / 20))}kB, limit 9007199254740988kB, failcnt 0`, 6, caller);
      // One line per cgroup of the subtree (for_each_mem_cgroup_tree), values in KB.
      const paths = cg.oom === cg.task ? [cg.oom] : [cg.oom, `${cg.oom}/${rng.hex(64)}`, cg.task];
      paths.forEach((p, i) => {
        const own = i === paths.length - 1 || paths.length === 1;
        const v = {
          cache: own ? cachePages * 4 : 0,
          rss: own ? anon * 4 : 0,
          rss_huge: own && rng.chance(0.3) ? Math.floor((anon * 2 * rng.float()) / 2048) * 2048 : 0,
          shmem: own ? shmem * 4 : 0,
          mapped_file: own ? kb4(file * 4 * rng.float()) : 0,
          dirty: own ? 4 * rng.int(0, 200) : 0,
          writeback: 0,
          swap: 0,
          inactive_anon: own ? kb4(anon * 4 * 0.6) : 0,
          active_anon: own ? anon * 4 - kb4(anon * 4 * 0.6) : 0,
          inactive_file: own ? kb4(cachePages * 4 * 0.5) : 0,
          active_file: own ? cachePages * 4 - kb4(cachePages * 4 * 0.5) : 0,
          unevictable: 0,
        };
        h.line(`Memory cgroup stats for ${p}:${k.oldStatKeys.split(' ').map((key) => ` ${key}:${v[key]}KB`).join('')}`, 6, caller);
      });
      return;
    }
    h.line(`memory: usage ${usage}kB, limit ${cg.limitKb}kB, failcnt ${cg.failcnt}`, 6, caller);
    if (h.cgroupV2) {
      h.line(`swap: usage 0kB, limit ${cg.swapLimit}kB, failcnt 0`, 6, caller);
    } else {
      h.line(`memory+swap: usage ${usage}kB, limit ${cg.memswLimit}kB, failcnt 0`, 6, caller);
      h.line(`kmem: usage ${kb4(rng.int(0, usage / 20))}kB, limit 9007199254740988kB, failcnt 0`, 6, caller);
    }
    h.line(`Memory cgroup stats for ${cg.oom}:`, 6, caller);
    const stats = statBlock(rng, k.statKeys, anon, file, shmem, cachePages);
    if (k.statLines) {
      for (const s of stats) h.line(s, 6, caller);
    } else {
      // 5.3–6.4: one pr_info("%s", buf) record, cut at LOG_LINE_MAX (992 bytes, §2.1).
      let text = stats.join('\n');
      if (text.length > 991) text = text.slice(0, 991);
      h.record(text.split('\n').filter((l) => l.length > 0), 6, caller);
    }
  }

  // ---- Mem-Info (§3.6) ----------------------------------------------------------------------

  memInfo(h, tasks, caller, forOom) {
    const rng = this.rng;
    const k = h.k;
    let anon = 0;
    let shmem = 0;
    let pgt = 0;
    let file = 0;
    for (const t of tasks) {
      anon += t.anon;
      shmem += t.shmem;
      file += t.file;
      pgt += t.pgtables / 4096;
    }
    if (!forOom) anon = Math.floor(h.ramGiB * 262144 * (0.3 + 0.4 * rng.float()));
    const zones = memZones(rng, h);
    const c = {
      active_anon: Math.floor((anon + shmem) * (0.4 + 0.5 * rng.float())),
      inactive_anon: 0,
      isolated_anon: rng.chance(0.7) ? 0 : rng.int(1, 64),
      active_file: forOom ? rng.int(20, 900) : Math.floor(file + rng.int(1000, 900000)),
      inactive_file: forOom ? rng.int(20, 900) : rng.int(1000, 900000),
      isolated_file: rng.chance(0.7) ? 0 : rng.int(1, 40),
      unevictable: rng.int(0, 2048),
      dirty: rng.int(0, 60),
      writeback: rng.int(0, 60),
      unstable: 0,
      slab_reclaimable: rng.int(10000, 150000),
      slab_unreclaimable: rng.int(20000, 150000),
      mapped: rng.int(800, 12000),
      shmem: shmem + rng.int(1000, 30000),
      pagetables: Math.floor(pgt),
      sec_pagetables: 0,
      bounce: 0,
      kernel_misc_reclaimable: 0,
      free: 0,
      free_pcp: rng.int(0, 3000),
      free_cma: 0,
    };
    c.inactive_anon = anon + shmem - c.active_anon;
    for (const z of zones) c.free += z.free / 4;
    // Spread the LRU counters over the zones (DMA holds none), in kB.
    const lru = ['active_anon', 'inactive_anon', 'active_file', 'inactive_file', 'unevictable'];
    const managed = zones.reduce((s, z) => s + (z.name === 'DMA' ? 0 : z.managed), 0);
    for (const key of [...lru, 'mlocked', 'writepending', 'kernel_stack', 'pagetables', 'dirty', 'writeback', 'mapped', 'shmem', 'slab_reclaimable', 'slab_unreclaimable', 'free_pcp']) {
      const totalKb = key === 'mlocked' ? 4 * rng.int(0, 1024) : key === 'writepending' ? 4 * (c.dirty + c.writeback) : key === 'kernel_stack' ? 16 * rng.int(500, 3000) : 4 * (c[key] ?? 0);
      let left = totalKb;
      const big = zones.filter((z) => z.name !== 'DMA');
      big.forEach((z, i) => {
        const v = i === big.length - 1 ? left : kb4((totalKb * z.managed) / managed);
        z[key] = v;
        left -= v;
      });
      for (const z of zones) if (z.name === 'DMA') z[key] = 0;
    }
    const nodes = [...new Set(zones.map((z) => z.node))];
    const nodeSum = (n, key) => zones.filter((z) => z.node === n).reduce((s, z) => s + z[key], 0);

    h.line('Mem-Info:', 6, caller);
    if (k.perCpu) {
      for (const z of zones) {
        h.line(`Node ${z.node} ${z.name} per-cpu:`, 6, caller);
        for (let cpu = 0; cpu < Math.min(h.cpus, 8); cpu++) h.line(z.name === 'DMA' ? `CPU ${pad(cpu, 4)}: hi:    0, btch:   1 usd:   0` : `CPU ${pad(cpu, 4)}: hi:  186, btch:  31 usd: ${pad(rng.int(0, 180), 3)}`, 6, caller);
      }
    }
    h.record(counterLines(k.counters, c), 6, caller);
    if (k.node) {
      for (const n of nodes) {
        const kb = (key) => nodeSum(n, key);
        const thpKb = Math.floor((kb('active_anon') * 0.1 * rng.float()) / 2048) * 2048;
        const thp = k.node === '6.6' ? `shmem_thp:0kB shmem_pmdmapped:0kB anon_thp:${thpKb}kB` : `shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: ${thpKb}kB`;
        let s = `Node ${n} active_anon:${kb('active_anon')}kB inactive_anon:${kb('inactive_anon')}kB active_file:${kb('active_file')}kB inactive_file:${kb('inactive_file')}kB unevictable:${kb('unevictable')}kB isolated(anon):${n === 0 ? c.isolated_anon * 4 : 0}kB isolated(file):${n === 0 ? c.isolated_file * 4 : 0}kB mapped:${kb('mapped')}kB dirty:${kb('dirty')}kB writeback:${kb('writeback')}kB shmem:${kb('shmem')}kB ${thp} writeback_tmp:0kB`;
        if (k.node === '4') s += ' unstable:0kB';
        else s += ` kernel_stack:${kb('kernel_stack')}kB`;
        if (k.node === '5.15' || k.node === '6.1' || k.node === '6.6') s += ` pagetables:${kb('pagetables')}kB`;
        if (k.node === '6.1' || k.node === '6.6') s += ' sec_pagetables:0kB';
        s += ` all_unreclaimable? ${rng.chance(0.3) ? 'yes' : 'no'}`;
        h.line(s, 6, caller);
      }
    }
    const nz = k.lowmemZones;
    for (const z of zones) {
      h.line(`Node ${z.node} ${z.name} free:${z.free}kB ${zoneFields(k.zone, z, rng)}`, 6, caller);
      h.line(`lowmem_reserve[]:${z.reserve.slice(0, nz).map((v) => ' ' + v).join('')}`, 6, caller);
    }
    for (const z of zones) h.line(`Node ${z.node} ${z.name}: ${z.buddy}`, 6, caller);
    for (const n of nodes) {
      h.line(`Node ${n} hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB`, 6, caller);
      h.line(`Node ${n} hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB`, 6, caller);
    }
    const swapCache = h.swapKb > 0 ? rng.int(10, 30000) : 0;
    h.line(`${c.active_file + c.inactive_file + c.shmem + swapCache} total pagecache pages`, 6, caller);
    h.line(`${swapCache} pages in swap cache`, 6, caller);
    if (k.swapStats) {
      const add = rng.int(1000, 40000000);
      const find = rng.int(100, add);
      h.line(`Swap cache stats: add ${add}, delete ${add - swapCache}, find ${find}/${find + rng.int(0, add)}`, 6, caller);
    }
    h.line(`Free swap  = ${h.swapKb > 0 ? 4 * rng.int(0, 500) : 0}kB`, 6, caller);
    h.line(`Total swap = ${h.swapKb}kB`, 6, caller);
    const present = zones.reduce((s, z) => s + z.present, 0);
    const managedAll = zones.reduce((s, z) => s + z.managed, 0);
    h.line(`${present / 4} pages RAM`, 6, caller);
    h.line(`0 pages HighMem/MovableOnly`, 6, caller);
    h.line(`${(present - managedAll) / 4} pages reserved`, 6, caller);
    if (k.cmaHwpoison) {
      h.line(`0 pages cma reserved`, 6, caller);
      h.line(`0 pages hwpoisoned`, 6, caller);
    }
  }

  // ---- other events -------------------------------------------------------------------------

  otherEvent(h) {
    const rng = this.rng;
    const kind = rng.weighted([
      ['segfault', h.arm ? 0 : 30],
      ['warning', h.arm ? 0 : 12],
      ['hung-task', 12],
      ['soft-lockup', 8],
      ['oops', h.arm ? 0 : 7],
      ['page-alloc-failure', h.arm ? 0 : 12],
      ['trap', h.arm ? 0 : 6],
    ]);
    switch (kind) {
      case 'segfault': {
        const n = rng.chance(0.3) ? rng.int(2, 8) : 1;
        for (let i = 0; i < n; i++) {
          this.segfault(h);
          if (i < n - 1) {
            this.noiseBurst(rng.int(0, 3));
            h.t += rng.int(1e5, 6e7);
          }
        }
        break;
      }
      case 'warning':
        this.warning(h);
        break;
      case 'hung-task': {
        const n = rng.chance(0.3) ? rng.int(2, 4) : 1;
        for (let i = 0; i < n; i++) this.hungTask(h);
        if (rng.chance(0.2)) h.line('Future hung task reports are suppressed, see sysctl kernel.hung_task_warnings', 3);
        break;
      }
      case 'soft-lockup':
        this.softLockup(h);
        break;
      case 'oops':
        this.oops(h);
        // Often the machine panics right after (panic_on_oops); the capture ends there.
        if (rng.chance(0.15)) {
          this.panic(h);
          this.segmentOver = true;
        }
        break;
      case 'page-alloc-failure':
        this.allocFailure(h);
        break;
      case 'trap':
        this.trap(h);
        break;
      default:
        break;
    }
    return kind;
  }

  segfault(h) {
    const rng = this.rng;
    const k = h.k;
    const [comm, lib] = rng.pick(SEGV_PROGS);
    const pid = h.allocPid();
    const base = parseInt('7f' + rng.hex(7), 16) * 4096;
    const size = rng.int(0x20, 0x2000) * 4096;
    const ipv = base + rng.int(0, size - 1);
    const addr = rng.pick([0, 8, 0x10, 0x89, parseInt(rng.hex(8), 16), parseInt(rng.hex(12), 16)]);
    const err = rng.pick(['4', '4', '6', '7', '14', '15']);
    const spv = '7ff' + rng.hex(9);
    let line = `${comm}[${pid}]: segfault at ${addr.toString(16)} ip ${ipv.toString(16).padStart(16, '0')} sp ${spv.padStart(16, '0')} error ${err}`;
    if (k.segv === '6.12') line += ` in ${lib}[${rng.int(0x1000, size).toString(16)},${base.toString(16)}+${size.toString(16)}]`;
    else line += ` in ${lib}[${base.toString(16)}+${size.toString(16)}]`;
    if (k.segv === '6.1' || k.segv === '6.12') {
      const cpu = rng.int(0, h.cpus - 1);
      line += ` likely on CPU ${cpu} (core ${cpu >> 1}, socket 0)`;
    }
    h.line(line, pid === 1 ? 0 : 6, `T${pid}`);
    if (k.segv !== '3.10') h.line(`Code: ${codeBytes(rng)}`, 6, `T${pid}`);
    this.count('segfault');
  }

  trap(h) {
    const rng = this.rng;
    const k = h.k;
    const [comm, lib] = rng.pick(SEGV_PROGS);
    const pid = h.allocPid();
    const base = parseInt('55' + rng.hex(7), 16) * 4096;
    const size = rng.int(0x20, 0x2000) * 4096;
    const what = rng.pick(['trap divide error', 'trap invalid opcode', 'general protection', 'trap int3']);
    const kind = k.trap === '5.4' && what === 'general protection' ? 'general protection fault' : what;
    h.line(`traps: ${comm}[${pid}] ${kind} ip:${(base + rng.int(0, size - 1)).toString(16)} sp:7ff${rng.hex(9)} error:0 in ${lib}[${base.toString(16)}+${size.toString(16)}]`, 6, `T${pid}`);
    this.count('trap');
  }

  warning(h) {
    const rng = this.rng;
    const k = h.k;
    const w = rng.pick([
      ['net/sched/sch_generic.c', 477, 'dev_watchdog', 'swapper/', `NETDEV WATCHDOG: ${iface(rng)} (${rng.pick(['e1000e', 'ixgbe', 'virtio_net', 'igb'])}): transmit queue ${rng.int(0, 7)} timed out`],
      ['fs/ext4/inode.c', 3613, 'ext4_set_page_dirty', 'kworker/u16:2', null],
      ['mm/page_alloc.c', 4935, '__alloc_pages', 'kworker/3:1', null],
      ['kernel/workqueue.c', 3066, '__flush_work', 'kworker/0:0', null],
      ['drivers/gpu/drm/i915/intel_runtime_pm.c', 632, 'intel_runtime_pm_put_raw', 'Xorg', null],
      ['fs/xfs/xfs_message.c', 112, 'asswarn', 'xfsaild/dm-0', null],
      ['lib/refcount.c', 28, 'refcount_warn_saturate', 'kworker/1:2', 'refcount_t: underflow; use-after-free.'],
    ]);
    const cpu = rng.int(0, h.cpus - 1);
    const comm = w[3].endsWith('/') ? w[3] + cpu : w[3];
    const pid = comm.startsWith('swapper') ? 0 : h.allocPid();
    const caller = pid === 0 ? `C${cpu}` : `T${pid}`;
    const fn = sym(rng, w[2]);
    h.line('------------[ cut here ]------------', 4, caller);
    if (w[4]) h.line(w[4], 4, caller);
    if (k.pf === '3.10' && k.key === '3.10') h.line(`WARNING: at ${w[0]}:${w[1]} ${fn}()`, 4, caller);
    else h.line(`WARNING: CPU: ${cpu} PID: ${pid} at ${w[0]}:${w[1]} ${fn}`, 4, caller);
    h.line(`Modules linked in: ${modules(rng)}`, 4, caller);
    this.cpuLine(h, comm, pid, 0, caller, 4, cpu);
    if (k.pf !== '3.10') this.kernelRegs(h, fn, caller);
    h.line('Call Trace:', 4, caller);
    const irq = w[2] === 'dev_watchdog';
    if (irq) h.line(' <IRQ>', 4, caller);
    for (const f of irq ? ['call_timer_fn', 'run_timer_softirq', '__do_softirq', 'irq_exit_rcu', 'sysvec_apic_timer_interrupt'] : ['process_one_work', 'worker_thread', 'kthread', 'ret_from_fork']) h.line(frameText(rng, k, f, false), 4, caller);
    if (irq) h.line(' </IRQ>', 4, caller);
    h.line(`---[ end trace ${k.endZero ? '0000000000000000' : rng.hex(16)} ]---`, 4, caller);
    this.count('warning');
  }

  hungTask(h) {
    const rng = this.rng;
    const k = h.k;
    const comm = rng.pick(['jbd2/sda1-8', 'kworker/u16:3', 'mysqld', 'java', 'postgres', 'rsync', 'xfsaild/dm-0', 'dockerd', 'nfsd', 'python3', 'tar']);
    const pid = h.allocPid();
    const caller = `T${rng.int(30, 200)}`;
    const secs = rng.pick([120, 122, 241, 245, 362, 483, 604, 622]);
    h.line(`INFO: task ${comm}:${pid} blocked for more than ${secs} seconds.`, 3, caller);
    if (k.hung !== 'rhel7') h.line(`      ${h.tainted ? taintString(k.taintW, h.tainted) : 'Not tainted'} ${h.release} ${h.ver}`, 3, caller);
    h.line('"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.', 3, caller);
    const c15 = comm.slice(0, 15);
    const ppid = rng.int(1, 4000);
    switch (k.hung) {
      case 'rhel7':
        h.line(`${c15.padEnd(15)} D ffff88${rng.hex(10)}     0 ${pad(pid, 5)} ${pad(ppid, 6)} 0x00000080`, 6, caller);
        break;
      case '4.14':
        h.line(`${c15.padEnd(15)} D    0 ${pad(pid, 5)} ${pad(ppid, 6)} 0x80000000`, 6, caller);
        break;
      case '5.10':
        h.line(`task:${c15.padEnd(15)} state:D stack:${pad(0, 5)} pid:${pad(pid, 5)} ppid:${pad(ppid, 6)} flags:0x00004000`, 6, caller);
        break;
      case '6.1':
        h.line(`task:${c15.padEnd(15)} state:D stack:${'0'.padEnd(5)} pid:${String(pid).padEnd(5)} ppid:${String(ppid).padEnd(6)} flags:0x00004000`, 6, caller);
        break;
      default:
        h.line(`task:${c15.padEnd(15)} state:D stack:${'0'.padEnd(5)} pid:${String(pid).padEnd(5)} tgid:${String(pid).padEnd(5)} ppid:${String(ppid).padEnd(6)} flags:0x00004000`, 6, caller);
        break;
    }
    h.line('Call Trace:', 6, caller);
    const task = k.trace === 'x86task' && !h.arm;
    if (task) h.line(' <TASK>', 6, caller);
    for (const f of ['__schedule', 'schedule', 'io_schedule', rng.pick(['wait_on_page_bit_common', 'jbd2_journal_commit_transaction', 'rwsem_down_write_slowpath', 'folio_wait_bit_common']), rng.pick(['ext4_sync_file', 'xfs_log_force_seq', 'kjournald2', 'do_fsync']), 'kthread', 'ret_from_fork']) {
      h.line(h.arm ? ` ${sym(rng, f)}` : frameText(rng, k, f, false), 6, caller);
    }
    if (task) h.line(' </TASK>', 6, caller);
    this.count('hung-task');
  }

  softLockup(h) {
    const rng = this.rng;
    const k = h.k;
    const cpu = rng.int(0, h.cpus - 1);
    const caller = `C${cpu}`;
    const comm = rng.pick([`kworker/${cpu}:1`, 'java', `ksoftirqd/${cpu}`, 'qemu-kvm', 'python3', 'stress-ng', 'swapper/' + cpu]);
    const pid = comm.startsWith('swapper') ? 0 : h.allocPid();
    h.line(`${k.soft}BUG: soft lockup - CPU#${cpu} stuck for ${rng.int(21, 63)}s! [${comm}:${pid}]`, 0, caller);
    h.line(`Modules linked in: ${modules(rng)}`, 4, caller);
    this.cpuLine(h, comm, pid, 0, caller, 4, cpu);
    const fn = sym(rng, rng.pick(['_raw_spin_unlock_irqrestore', 'smp_call_function_many_cond', 'native_queued_spin_lock_slowpath', 'clear_page_erms']));
    if (h.arm) {
      h.line(`pstate: 60400009 (nZCv daif +PAN -UAO -TCO BTYPE=--)`, 4, caller);
      h.line(`pc : ${fn}`, 4, caller);
      h.line(`lr : ${sym(rng, 'fput')}`, 4, caller);
      h.line(`sp : ffff8000${rng.hex(8)}`, 4, caller);
      for (let i = 29; i >= 1; i -= 2) h.line(`x${i}${i < 10 ? ' ' : ''}: ${'ffff' + rng.hex(12)} x${i - 1}${i - 1 < 10 ? ' ' : ''}: ${'0000' + rng.hex(12)}`, 4, caller);
      h.line('Call trace:', 4, caller);
      for (const f of ['fput_many', 'fput', 'task_work_run', 'do_notify_resume', 'el0_svc']) h.line(` ${sym(rng, f)}`, 4, caller);
    } else {
      this.kernelRegs(h, fn, caller);
      h.line('Call Trace:', 4, caller);
      const task = k.trace === 'x86task';
      if (task) h.line(' <TASK>', 4, caller);
      for (const f of ['on_each_cpu_cond_mask', 'flush_tlb_mm_range', 'change_protection', 'mprotect_fixup', 'do_mprotect_pkey', '__x64_sys_mprotect', 'do_syscall_64', 'entry_SYSCALL_64_after_hwframe']) h.line(frameText(rng, k, f, false), 4, caller);
      if (task) h.line(' </TASK>', 4, caller);
    }
    this.count('soft-lockup');
  }

  oops(h) {
    const rng = this.rng;
    const k = h.k;
    const pid = h.allocPid();
    const comm = rng.pick(['kworker/u4:5', 'systemd-udevd', 'modprobe', 'nfsd', 'java', 'containerd', 'kswapd0']);
    const caller = `T${pid}`;
    const addr = rng.pick(['0000000000000000', '0000000000000008', '0000000000000010', '00000000000000c8', 'ffff' + rng.hex(12)]);
    const nul = addr.startsWith('00000000000');
    const fn = sym(rng, rng.pick(['dma_direct_max_mapping_size', 'nfs4_proc_lock', 'ext4_es_lookup_extent', 'tcp_v4_rcv', 'kmem_cache_alloc', 'blk_mq_dispatch_rq_list'])) + (rng.chance(0.3) ? ` [${rng.pick(['nfsv4', 'ext4', 'nvme_core', 'xfs'])}]` : '');
    switch (k.pf) {
      case '3.10':
      case '4.14':
        h.line(`BUG: unable to handle kernel ${nul ? 'NULL pointer dereference' : 'paging request'} at ${addr}`, 1, caller);
        h.line(k.pf === '3.10' ? `IP: [<ffffffff${rng.hex(8)}>] ${fn}` : `IP: ${fn}`, 1, caller);
        h.line(k.pf === '3.10' ? `PGD ${rng.hex(8)} PUD ${rng.hex(8)} PMD 0 ` : 'PGD 0 P4D 0 ', 1, caller);
        break;
      case '4.19':
        h.line(`BUG: unable to handle kernel ${nul ? 'NULL pointer dereference' : 'paging request'} at ${addr}`, 1, caller);
        h.line('PGD 0 P4D 0 ', 1, caller);
        break;
      default:
        h.line(nul ? `BUG: kernel NULL pointer dereference, address: ${addr}` : `BUG: unable to handle page fault for address: ${addr}`, 1, caller);
        h.line(`#PF: supervisor ${rng.pick(['read', 'write'])} access in kernel mode`, 1, caller);
        h.line(`#PF: error_code(0x000${rng.pick(['0', '2', '3'])}) - ${nul ? 'not-present page' : 'permissions violation'}`, 1, caller);
        h.line('PGD 0 P4D 0 ', 1, caller);
        break;
    }
    h.line(`Oops: 000${rng.int(0, 2)} [#1] ${k.pf === '3.10' ? 'SMP ' : k.pf === '4.14' ? 'SMP PTI' : rng.pick(['SMP PTI', 'SMP NOPTI', 'PREEMPT SMP PTI'])}`, 4, caller);
    const early = k.pf === '3.10' || k.pf === '4.14';
    if (early) h.line(`Modules linked in: ${modules(rng)}`, 4, caller);
    this.cpuLine(h, comm, pid, 0, caller);
    if (rng.chance(0.4)) h.line(`Workqueue: ${rng.pick(['events_unbound async_run_entry_fn', 'events_freezable_power_ disk_events_workfn', 'writeback wb_workfn (flush-259:0)'])}`, 4, caller);
    this.kernelRegs(h, fn, caller, addr);
    if (k.pf === '3.10') {
      h.line('Stack:', 4, caller);
      for (let i = 0; i < 3; i++) h.line(` ${hex16(rng, 'ffff88')} ${hex16(rng, 'ffff88')} ${hex16(rng, 'ffffffff81')} ${hex16(rng, 'ffff88')}`, 4, caller);
    }
    h.line('Call Trace:', 4, caller);
    const task = k.trace === 'x86task';
    if (task) h.line(' <TASK>', 4, caller);
    for (const f of ['__scsi_init_queue', 'scsi_mq_alloc_queue', 'scsi_alloc_sdev', 'scsi_probe_and_add_lun', '__scsi_scan_target', 'process_one_work', 'worker_thread', 'kthread', 'ret_from_fork']) {
      if (rng.chance(0.15)) h.line(frameText(rng, k, rng.pick(UNRELIABLE), true), 4, caller);
      h.line(frameText(rng, k, f, false), 4, caller);
    }
    if (task) h.line(' </TASK>', 4, caller);
    if (k.pf === '3.10') {
      h.line(`Code: ${codeBytes(rng)}`, 4, caller);
      const a = 'ffffffff' + rng.hex(8);
      h.line(`RIP  [<${a}>] ${fn}`, 4, caller);
      h.line(` RSP <ffff88${rng.hex(10)}>`, 4, caller);
    }
    if (!early) h.line(`Modules linked in: ${modules(rng)}`, 4, caller);
    h.line(`CR2: ${addr}`, 4, caller);
    h.line(`---[ end trace ${k.endZero ? '0000000000000000' : rng.hex(16)} ]---`, 4, caller);
    this.count('oops');
    // 4.19+ repeats the register summary after the end marker (outside the event).
    if (!early && rng.chance(0.7)) this.kernelRegs(h, fn, caller, addr);
  }

  panic(h) {
    const rng = this.rng;
    const k = h.k;
    h.t += rng.int(100, 5000);
    h.line('Kernel panic - not syncing: Fatal exception', 0);
    if (k.key !== '3.10' && k.key !== 'rhel7') h.line(`Kernel Offset: 0x${rng.hex(4)}00000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)`, 0);
    if (k.key === '4.14') h.line('---[ end Kernel panic - not syncing: Fatal exception', 0);
    else if (k.key !== '3.10' && k.key !== 'rhel7') h.line('---[ end Kernel panic - not syncing: Fatal exception ]---', 0);
    this.count('panic');
  }

  allocFailure(h) {
    const rng = this.rng;
    const k = h.k;
    const who = h.task(rng.pick(['kworker/u8:2', 'java', 'nginx', 'kswapd0', 'ksoftirqd/3', 'python3']), 0, 0, [1000, 90000], [100, 9000]);
    const caller = `T${who.pid}`;
    const order = rng.int(0, 4);
    const gfp = k.gfp[rng.pick(['atomic', 'acomp', 'kcomp'])];
    const nodes = h.nodes === 2 ? '0-1' : '0';
    switch (k.alloc) {
      case '3.10':
        h.line(`${who.name}: page allocation failure: order:${order}, mode:${gfp[0]}`, 4, caller);
        break;
      case '4.14':
        h.line(`${who.name}: page allocation failure: order:${order}, mode:${gfp[0]}(${gfp[1]}), nodemask=(null)`, 4, caller);
        h.line(`${who.name} cpuset=/ mems_allowed=${nodes}`, 6, caller);
        break;
      case '4.19':
        h.line(`${who.name}: page allocation failure: order:${order}, mode:${gfp[0]}(${gfp[1]}), nodemask=(null)`, 4, caller);
        h.line(`${who.name} cpuset=/ mems_allowed=${nodes}`, 6, caller);
        break;
      default:
        h.line(`${who.name}: page allocation failure: order:${order}, mode:${gfp[0]}(${gfp[1]}), nodemask=(null),cpuset=/,mems_allowed=${nodes}`, 4, caller);
        break;
    }
    this.stackDump(h, who, caller, 'alloc');
    this.memInfo(h, h.system, caller, false);
    this.count('page-alloc-failure');
  }
}

// ---------------------------------------------------------------------------------------------
// Report pieces.

const TABLE_HEADER = {
  '3.10': '[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name',
  rhel7: '[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name',
  '4.14': '[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name',
  rhel8: '[ pid ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  '4.19': '[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  '6.8': '[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name',
};

// dump_task() per version (§3.7); 3.10 vanilla rss has no shmem part (withRss keeps shmem 0 there).
const ROW_FMT = {
  '3.10': (t) => `[${pad(t.pid, 5)}] ${pad(t.uid, 5)} ${pad(t.pid, 5)} ${pad(t.vm, 8)} ${pad(t.rss, 8)} ${pad(t.ptes, 7)} ${pad(t.swap, 8)}         ${pad(t.adj, 5)} ${t.name}`,
  rhel7: (t) => `[${pad(t.pid, 5)}] ${pad(t.uid, 5)} ${pad(t.pid, 5)} ${pad(t.vm, 8)} ${pad(t.rss, 8)} ${pad(t.ptes, 7)} ${pad(t.swap, 8)}         ${pad(t.adj, 5)} ${t.name}`,
  '4.14': (t) => `[${pad(t.pid, 5)}] ${pad(t.uid, 5)} ${pad(t.pid, 5)} ${pad(t.vm, 8)} ${pad(t.rss, 8)} ${pad(t.ptes, 7)} ${pad(t.pmds, 7)} ${pad(t.swap, 8)}         ${pad(t.adj, 5)} ${t.name}`,
  rhel8: (t) => `[${pad(t.pid, 5)}] ${pad(t.uid, 5)} ${pad(t.pid, 5)} ${pad(t.vm, 8)} ${pad(t.rss, 8)} ${pad(t.pgtables, 8)} ${pad(t.swap, 8)}         ${pad(t.adj, 5)} ${t.name}`,
  '4.19': (t) => `[${pad(t.pid, 7)}] ${pad(t.uid, 5)} ${pad(t.pid, 5)} ${pad(t.vm, 8)} ${pad(t.rss, 8)} ${pad(t.pgtables, 8)} ${pad(t.swap, 8)}         ${pad(t.adj, 5)} ${t.name}`,
  '6.8': (t) => `[${pad(t.pid, 7)}] ${pad(t.uid, 5)} ${pad(t.pid, 5)} ${pad(t.vm, 8)} ${pad(t.rss, 8)} ${pad(t.anon, 8)} ${pad(t.file, 8)} ${pad(t.shmem, 9)} ${pad(t.pgtables, 8)} ${pad(t.swap, 8)}         ${pad(t.adj, 5)} ${t.name}`,
};

/** print_tainted(): one character per flag, fixed width (taint-flags.json). */
function taintString(width, first) {
  const chars = new Array(width).fill(' ');
  chars[0] = first;
  if (width > 12) chars[12] = 'O';
  if (width > 13) chars[13] = 'E';
  return 'Tainted: ' + chars.join('');
}

function modules(rng) {
  return MODULES.filter(() => rng.chance(0.45)).join(' ') + (rng.chance(0.2) ? ' [last unloaded: ' + rng.pick(['nvidia', 'zfs', 'vboxdrv']) + ']' : '');
}

function codeBytes(rng) {
  const bytes = [];
  for (let i = 0; i < 64; i++) bytes.push(i === 42 ? `<${rng.hex(2)}>` : rng.hex(2));
  return bytes.join(' ');
}

const UNRELIABLE = ['__switch_to_asm', '_cond_resched', 'mutex_lock', 'ktime_get', 'oom_evaluate_task', 'find_lock_task_mm', 'delayacct_end', 'sched_clock_cpu'];

function frameText(rng, k, name, unreliable) {
  const q = unreliable ? '? ' : '';
  if (k.trace === '3.10') return ` [<ffffffff81${rng.hex(6)}>] ${q}${sym(rng, name)}`;
  return ` ${q}${sym(rng, name)}`;
}

/** Call-trace function names per kernel era and allocation path. */
function traceFrames(k, path, arm) {
  const key = k.key;
  const old = key === '3.10' || key === 'rhel7';
  const v4 = key === '4.14' || key === '4.19' || key === 'rhel8' || key === '5.4';
  const top = k.trace === 'x86task' ? ['dump_stack_lvl', 'dump_header'] : ['dump_stack', 'dump_header'];
  if (arm) {
    const memcg = ['dump_backtrace', 'show_stack', 'dump_stack', 'dump_header', 'oom_kill_process', 'out_of_memory', 'mem_cgroup_out_of_memory', 'try_charge', 'mem_cgroup_charge', 'do_anonymous_page', 'handle_pte_fault', '__handle_mm_fault', 'handle_mm_fault', 'do_page_fault', 'do_translation_fault', 'do_mem_abort', 'el0_da', 'el0_sync_handler', 'el0_sync'];
    return memcg;
  }
  switch (path) {
    case 'oom-memcg':
      if (old) return [...top, 'oom_kill_process', 'mem_cgroup_oom_synchronize', 'pagefault_out_of_memory', '__do_page_fault', 'do_page_fault', 'page_fault'];
      if (v4) return [...top, 'oom_kill_process', 'out_of_memory', 'mem_cgroup_out_of_memory', 'try_charge', 'mem_cgroup_try_charge', '__add_to_page_cache_locked', 'add_to_page_cache_lru', 'filemap_fault', '__do_fault', '__handle_mm_fault', 'handle_mm_fault', '__do_page_fault', 'do_page_fault', 'page_fault'];
      return [...top, 'oom_kill_process.cold', 'out_of_memory', 'mem_cgroup_out_of_memory', key === '5.10' ? 'try_charge' : 'try_charge_memcg', key === '5.10' ? 'mem_cgroup_charge' : '__mem_cgroup_charge', k.trace === 'x86task' ? 'alloc_anon_folio' : 'do_anonymous_page', '__handle_mm_fault', 'handle_mm_fault', 'do_user_addr_fault', 'exc_page_fault', 'asm_exc_page_fault'];
    case 'oom-kernel':
      return [...top, 'oom_kill_process', 'out_of_memory', '__alloc_pages_slowpath', old || v4 ? '__alloc_pages_nodemask' : '__alloc_pages', 'alloc_pages_current', '__get_free_pages', 'pgd_alloc', 'mm_init', 'copy_process', 'kernel_clone', '__do_sys_clone', 'do_syscall_64', 'entry_SYSCALL_64_after_hwframe'];
    case 'alloc':
      return [old || v4 ? 'dump_stack' : 'dump_stack_lvl', 'warn_alloc', '__alloc_pages_slowpath', old || v4 ? '__alloc_pages_nodemask' : '__alloc_pages', 'kmalloc_large_node', '__kmalloc_node_track_caller', '__alloc_skb', 'tcp_stream_alloc_skb', 'tcp_sendmsg_locked', 'tcp_sendmsg', 'sock_sendmsg', '__sys_sendto', 'do_syscall_64', 'entry_SYSCALL_64_after_hwframe'];
    default:
      if (old) return [...top, 'oom_kill_process', 'out_of_memory', '__alloc_pages_nodemask', 'alloc_pages_current', '__page_cache_alloc', 'filemap_fault', '__do_fault', 'handle_mm_fault', '__do_page_fault', 'do_page_fault', 'page_fault'];
      if (v4) return [...top, 'oom_kill_process', 'out_of_memory', '__alloc_pages_slowpath', '__alloc_pages_nodemask', 'alloc_pages_vma', '__handle_mm_fault', 'handle_mm_fault', '__do_page_fault', 'do_page_fault', 'page_fault'];
      return [...top, 'oom_kill_process', 'out_of_memory', '__alloc_pages_slowpath.constprop.0', '__alloc_pages', k.trace === 'x86task' ? 'vma_alloc_folio' : 'alloc_pages_vma', 'do_anonymous_page', '__handle_mm_fault', 'handle_mm_fault', 'do_user_addr_fault', 'exc_page_fault', 'asm_exc_page_fault'];
  }
}

/** memory.stat lines (§3.5): bytes for sizes, plain counts for events. */
function statBlock(rng, keys, anon, file, shmem, cache) {
  const B = 4096;
  const activeAnon = Math.floor((anon + shmem) * rng.float() * 0.2);
  const inactiveFile = Math.floor((cache - shmem) * 0.5);
  const slabR = rng.int(100, 4000) * B;
  const slabU = rng.int(100, 4000) * B;
  const v = {
    anon: anon * B,
    file: cache * B,
    kernel: rng.int(1000, 20000) * B,
    kernel_stack: rng.int(50, 2000) * 16384,
    pagetables: rng.int(100, 9000) * B,
    percpu: rng.int(100, 90000) * 8,
    sock: rng.int(0, 300) * B,
    vmalloc: rng.int(0, 300) * B,
    shmem: shmem * B,
    file_mapped: Math.floor(cache * rng.float()) * B,
    file_dirty: rng.int(0, 2000) * B,
    anon_thp: rng.chance(0.4) ? Math.floor((anon / 512) * rng.float()) * 2097152 : 0,
    inactive_anon: (anon + shmem - activeAnon) * B,
    active_anon: activeAnon * B,
    inactive_file: inactiveFile * B,
    active_file: (cache - shmem - inactiveFile) * B,
    slab_reclaimable: slabR,
    slab_unreclaimable: slabU,
    slab: slabR + slabU,
  };
  return keys.split(' ').map((key) => {
    if (key.startsWith('*')) {
      const name = key.slice(1);
      return `${name} ${name.startsWith('thp_') || name.startsWith('zswp') || name.startsWith('pgdemote') ? rng.int(0, 5000) : rng.logUniform(1, 5000000000)}`;
    }
    return `${key} ${v[key] ?? 0}`;
  });
}

/** Zones of a global OOM's Mem-Info (x86_64 layout, 4 KiB pages), with buddy lists that add up. */
function memZones(rng, h) {
  const ramKb = h.ramGiB * 1048576;
  const zones = [];
  const mk = (node, name, present, managed) => ({ node, name, present, managed });
  zones.push(mk(0, 'DMA', 15992, rng.pick([15360, 15908, 15904])));
  const dma32 = rng.pick([3145208, 3145080, 3094644, 3348656]);
  zones.push(mk(0, 'DMA32', dma32, dma32 - 4 * rng.int(16000, 60000)));
  const normalKb = ramKb - 3 * 1048576;
  const perNode = h.nodes === 2 ? [normalKb / 2 - 1048576, normalKb / 2 + 1048576] : [normalKb];
  perNode.forEach((p, n) => {
    const present = kb4(p);
    zones.push(mk(n, 'Normal', present, present - kb4(present * (0.015 + 0.01 * rng.float()))));
  });
  const three = h.k.buddy === 'UEMR';
  for (const z of zones) {
    const minKb = z.name === 'DMA' ? rng.pick([16, 40, 64, 68, 84]) : kb4(z.managed * 0.0043);
    z.min = minKb;
    z.low = kb4(minKb * 1.25);
    z.high = kb4(minKb * 1.5);
    z.free = z.name === 'DMA' ? kb4(z.managed - 4 * rng.int(0, 200)) : kb4(minKb * (0.85 + rng.float() * 0.5));
    z.boost = z.name === 'Normal' && rng.chance(0.2) ? 8192 : 0;
    z.reserved_highatomic = 0;
    z.buddy = buddyList(rng, z.free, z.name === 'DMA', three);
  }
  // lowmem_reserve (pages): managed pages of the higher zones / sysctl_lowmem_reserve_ratio (256).
  const dma32Pages = zones[1].managed / 4;
  const normalPages = zones.filter((z) => z.name === 'Normal' && z.node === 0).reduce((s, z) => s + z.managed / 4, 0);
  for (const z of zones) {
    if (z.name === 'DMA') {
      const a = Math.floor(dma32Pages / 256) + rng.int(0, 20);
      const b = a + Math.floor(normalPages / 256);
      z.reserve = [0, a, b, b, b];
    } else if (z.name === 'DMA32') {
      const b = Math.floor(normalPages / 256) + rng.int(0, 20);
      z.reserve = [0, 0, b, b, b];
    } else {
      z.reserve = [0, 0, 0, 0, 0];
    }
  }
  return zones;
}

function buddyList(rng, freeKb, dma, threeLetters) {
  const counts = new Array(11).fill(0);
  let left = freeKb;
  for (let o = 10; o >= 1; o--) {
    const size = 4 << o;
    const cap = dma ? (o >= 9 ? 3 : 2) : o >= 7 ? (rng.chance(0.15) ? 1 : 0) : Math.floor((freeKb / size) * 0.1 * rng.float());
    const c = Math.min(Math.floor(left / size), rng.int(0, cap));
    counts[o] = c;
    left -= c * size;
  }
  counts[0] = left / 4;
  const types = threeLetters ? ['U', 'E', 'M'] : ['U', 'M', 'E'];
  const parts = counts.map((c, o) => {
    const size = 4 << o;
    if (c === 0) return `0*${size}kB`;
    const t = types.filter(() => rng.chance(0.7));
    return `${c}*${size}kB (${(t.length ? t : ['M']).join('')})`;
  });
  return `${parts.join(' ')} = ${freeKb}kB`;
}

function zoneFields(layout, z, rng) {
  const kb = (key) => `${z[key] ?? 0}kB`;
  const wm = `min:${z.min}kB low:${z.low}kB high:${z.high}kB`;
  const lru = `active_anon:${kb('active_anon')} inactive_anon:${kb('inactive_anon')} active_file:${kb('active_file')} inactive_file:${kb('inactive_file')} unevictable:${kb('unevictable')}`;
  const pm = `present:${z.present}kB managed:${z.managed}kB mlocked:${kb('mlocked')}`;
  const pcp = `free_pcp:${kb('free_pcp')} local_pcp:${kb4((z.free_pcp ?? 0) / 8)}kB`;
  switch (layout) {
    case '3.10':
    case 'rhel7':
      return `${wm} ${lru} isolated(anon):0kB isolated(file):0kB ${pm} dirty:${kb('dirty')} writeback:${kb('writeback')} mapped:${kb('mapped')} shmem:${kb('shmem')} slab_reclaimable:${kb('slab_reclaimable')} slab_unreclaimable:${kb('slab_unreclaimable')} kernel_stack:${kb('kernel_stack')} pagetables:${kb('pagetables')} unstable:0kB bounce:0kB ${layout === 'rhel7' ? pcp + ' ' : ''}free_cma:0kB writeback_tmp:0kB pages_scanned:${z.name === 'DMA' ? 0 : rng.int(0, 200000)} all_unreclaimable? ${z.name === 'DMA' || rng.chance(0.3) ? 'yes' : 'no'}`;
    case '4':
      return `${wm} ${lru} writepending:${kb('writepending')} ${pm} kernel_stack:${kb('kernel_stack')} pagetables:${kb('pagetables')} bounce:0kB ${pcp} free_cma:0kB`;
    case '5.10':
      return `${wm} reserved_highatomic:0KB ${lru} writepending:${kb('writepending')} ${pm} pagetables:${kb('pagetables')} bounce:0kB ${pcp} free_cma:0kB`;
    case '5.15':
      return `${wm} reserved_highatomic:0KB ${lru} writepending:${kb('writepending')} ${pm} bounce:0kB ${pcp} free_cma:0kB`;
    default:
      return `boost:${z.boost}kB ${wm} reserved_highatomic:0KB ${lru} writepending:${kb('writepending')} ${pm} bounce:0kB ${pcp} free_cma:0kB`;
  }
}

/** The global counters record (pages, one printk with embedded newlines, §3.6a). */
function counterLines(layout, c) {
  const l = [`active_anon:${c.active_anon} inactive_anon:${c.inactive_anon} isolated_anon:${c.isolated_anon}`, ` active_file:${c.active_file} inactive_file:${c.inactive_file} isolated_file:${c.isolated_file}`];
  switch (layout) {
    case '3.10':
      l.push(` unevictable:${c.unevictable} dirty:${c.dirty} writeback:${c.writeback} unstable:0`, ` free:${c.free} slab_reclaimable:${c.slab_reclaimable} slab_unreclaimable:${c.slab_unreclaimable}`, ` mapped:${c.mapped} shmem:${c.shmem} pagetables:${c.pagetables} bounce:0`, ` free_cma:0`);
      break;
    case '4':
      l.push(` unevictable:${c.unevictable} dirty:${c.dirty} writeback:${c.writeback} unstable:0`, ` slab_reclaimable:${c.slab_reclaimable} slab_unreclaimable:${c.slab_unreclaimable}`, ` mapped:${c.mapped} shmem:${c.shmem} pagetables:${c.pagetables} bounce:0`, ` free:${c.free} free_pcp:${c.free_pcp} free_cma:0`);
      break;
    case '5.10':
    case '5.15':
      l.push(` unevictable:${c.unevictable} dirty:${c.dirty} writeback:${c.writeback}`, ` slab_reclaimable:${c.slab_reclaimable} slab_unreclaimable:${c.slab_unreclaimable}`, ` mapped:${c.mapped} shmem:${c.shmem} pagetables:${c.pagetables} bounce:0`);
      if (layout === '5.15') l.push(` kernel_misc_reclaimable:0`);
      l.push(` free:${c.free} free_pcp:${c.free_pcp} free_cma:0`);
      break;
    default:
      l.push(` unevictable:${c.unevictable} dirty:${c.dirty} writeback:${c.writeback}`, ` slab_reclaimable:${c.slab_reclaimable} slab_unreclaimable:${c.slab_unreclaimable}`, ` mapped:${c.mapped} shmem:${c.shmem} pagetables:${c.pagetables}`, ` sec_pagetables:0 bounce:0`, ` kernel_misc_reclaimable:0`, ` free:${c.free} free_pcp:${c.free_pcp} free_cma:0`);
      break;
  }
  return l;
}

// ---------------------------------------------------------------------------------------------
// Entry points.

function checkArgs(sizeBytes, seed) {
  if (!Number.isFinite(sizeBytes) || sizeBytes <= 0) throw new Error(`sizeBytes must be a positive number (got ${sizeBytes})`);
  if (seed === undefined || seed === null) throw new Error('seed is required');
}

/** The whole log in memory: `{ text, truth }`. */
export function generate({ sizeBytes, seed }) {
  checkArgs(sizeBytes, seed);
  const chunks = [];
  const g = new Generator(sizeBytes, seed, (s) => chunks.push(s));
  const truth = { ...g.run(), seed };
  return { text: chunks.join(''), truth };
}

/** Streams the log to `out` (any size, constant memory) and returns the truth. */
export function generateToFile({ sizeBytes, seed, out }) {
  checkArgs(sizeBytes, seed);
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const fd = openSync(out, 'w');
  try {
    const g = new Generator(sizeBytes, seed, (s) => writeSync(fd, s));
    return { ...g.run(), seed };
  } finally {
    closeSync(fd);
  }
}

/** `48MiB`, `1GiB`, `500k`, `1000000` → bytes. */
export function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(String(s).trim());
  if (!m) throw new Error(`cannot read the size "${s}" (e.g. 48MiB, 1GiB)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? MIB : unit === 'g' ? 1024 * MIB : 1;
  return Math.round(Number(m[1]) * mult);
}

export function truthPathFor(out) {
  return out.replace(/\.log$/, '') + '.truth.json';
}

function main(argv) {
  const args = { size: null, seed: 1, out: null, truth: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--size') args.size = parseSize(v());
    else if (a === '--seed') args.seed = Number(v());
    else if (a === '--out') args.out = v();
    else if (a === '--truth') args.truth = v();
    else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: node scripts/gen-log.mjs --size 48MiB --seed 1 --out bench-output/gen-48.log [--truth FILE]\n');
      return 0;
    } else throw new Error(`unknown argument ${a}`);
  }
  if (args.size === null || args.out === null) throw new Error('--size and --out are required');
  if (!Number.isInteger(args.seed)) throw new Error('--seed takes an integer');
  const t0 = process.hrtime.bigint();
  const truth = generateToFile({ sizeBytes: args.size, seed: args.seed, out: args.out });
  const truthFile = args.truth ?? truthPathFor(args.out);
  writeFileSync(truthFile, JSON.stringify(truth) + '\n');
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stderr.write(`gen-log: ${args.out}: ${truth.bytes} bytes, ${truth.lines} lines, ${truth.oom.length} OOM events, ${truth.taskRows} task rows, OOM ${((100 * truth.oomBytes) / truth.bytes).toFixed(1)} % of bytes (${(ms / 1000).toFixed(1)} s); truth in ${truthFile}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`gen-log: ${e.message}\n`);
    process.exitCode = 2;
  }
}
