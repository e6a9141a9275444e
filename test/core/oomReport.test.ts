/**
 * One test per part of the OOM report and per version form, written from the kernel's format
 * strings (shared/reference/kernel-log-formats.md §3), not from the corpus.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import type { OomEvent } from '../../server/src/core/model/events.js';

function oom(text: string): OomEvent[] {
  return analyze(text, { fields: true }).events.filter((e): e is OomEvent => e.kind === 'oom');
}
function one(text: string): OomEvent {
  const evs = oom(text);
  assert.equal(evs.length, 1, 'exactly one OOM event');
  return evs[0]!;
}
/** The text of a located field. */
function at(text: string, ev: OomEvent, name: string): string | undefined {
  const f = ev.fields.find((x) => x.name === name);
  return f ? text.slice(f.start, f.end) : undefined;
}
const lines = (...l: string[]): string => l.join('\n') + '\n';

const TABLE_419 = [
  'Tasks state (memory values in pages):',
  '[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name',
  '[    812]     0   812    10000      500    81920        0         -1000 sshd',
  '[   4242]  1000  4242   600000   250000  2200000       12             0 stress',
];
const KILL_54 = 'Out of memory: Killed process 4242 (stress) total-vm:2400000kB, anon-rss:999000kB, file-rss:1000kB, shmem-rss:0kB, UID:1000 pgtables:2148kB oom_score_adj:0';

describe('trigger line', () => {
  test('5.x form, every field located', () => {
    const t = lines('stress invoked oom-killer: gfp_mask=0x100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0', ...TABLE_419, KILL_54);
    const ev = one(t);
    assert.deepEqual(ev.trigger, { comm: 'stress', pid: null, gfpMask: '0x100cca', gfpFlags: ['GFP_HIGHUSER_MOVABLE'], gfpDecoded: { flags: ['GFP_HIGHUSER_MOVABLE'], layout: 'unknown', exact: false, unknownBits: '0x100cca' }, order: 0, oomScoreAdj: 0, nodemask: null }, 'no CPU line, so no verified layout: the printed names only');
    assert.equal(at(t, ev, 'trigger.gfpMask'), '0x100cca');
    assert.equal(at(t, ev, 'trigger.order'), '0');
    assert.equal(at(t, ev, 'trigger.oomScoreAdj'), '0');
    assert.equal(at(t, ev, 'trigger.comm'), 'stress');
  });
  test('4.14 form: nodemask and two blanks before order', () => {
    const ev = one(lines('java invoked oom-killer: gfp_mask=0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null),  order=0, oom_score_adj=-17', KILL_54));
    assert.equal(ev.trigger!.nodemask, '(null)');
    assert.equal(ev.trigger!.order, 0);
    assert.equal(ev.trigger!.oomScoreAdj, -17);
  });
  test('3.10 form: no flag names printed', () => {
    const ev = one(lines('sed invoked oom-killer: gfp_mask=0x201da, order=0, oom_score_adj=0', 'Killed process 6576 (mysqld) total-vm:33914892kB, anon-rss:20629004kB, file-rss:0kB'));
    assert.equal(ev.trigger!.gfpMask, '0x201da');
    assert.equal(ev.trigger!.gfpFlags, null);
  });
  test('3.4 form with oom_adj; keys in another order', () => {
    const ev = one(lines('foo invoked oom-killer: order=2, gfp_mask=0xd0, oom_adj=-17, oom_score_adj=-1000', 'Killed process 1 (x) total-vm:1kB, anon-rss:1kB, file-rss:0kB'));
    assert.equal(ev.trigger!.order, 2);
    assert.equal(ev.trigger!.gfpMask, '0xd0');
    assert.equal(ev.trigger!.oomScoreAdj, -1000);
  });
  test('SysRq (order=-1) and page-fault (gfp_mask=0x0()) triggers', () => {
    let ev = one(lines('kworker/0:2 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=-1, oom_score_adj=0', KILL_54));
    assert.equal(ev.trigger!.order, -1);
    assert.equal(ev.trigger!.comm, 'kworker/0:2');
    ev = one(lines('a.out invoked oom-killer: gfp_mask=0x0(), order=0, oom_score_adj=0', KILL_54));
    assert.equal(ev.trigger!.gfpMask, '0x0');
    assert.deepEqual(ev.trigger!.gfpFlags, []);
  });
  test('a comm with blanks, parentheses and markup', () => {
    const t = lines('Web (Content) <b invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=300', KILL_54);
    const ev = one(t);
    assert.equal(ev.trigger!.comm, 'Web (Content) <b');
    assert.equal(at(t, ev, 'trigger.comm'), 'Web (Content) <b');
  });
  test('flags with an unnamed remainder keep it as printed', () => {
    const ev = one(lines('x invoked oom-killer: gfp_mask=0x1100cca(GFP_HIGHUSER_MOVABLE|0x1000000), order=0, oom_score_adj=0', KILL_54));
    assert.deepEqual(ev.trigger!.gfpFlags, ['GFP_HIGHUSER_MOVABLE', '0x1000000']);
  });
});

describe('cpuset and CPU lines', () => {
  const head = 'stress invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0';
  const cpu: [string, string, { pid: number; release: string; tainted: string; comm?: string }][] = [
    ['3.10/4.14', 'CPU: 3 PID: 4242 Comm: stress Not tainted 4.14.177 #1', { pid: 4242, release: '4.14.177', tainted: 'Not tainted' }],
    ['4.19+ Kdump', 'CPU: 88 PID: 154533 Comm: argusagent Kdump: loaded Tainted: G        W  OE     5.10.112-005.al8.aarch64 #1', { pid: 154533, release: '5.10.112-005.al8.aarch64', tainted: 'Tainted: G        W  OE    ' }],
    ['collapsed blanks', 'CPU: 88 PID: 1 Comm: a Kdump: loaded Tainted: G OE K 5.10.112-005.ali5000.al8.aarch64 #1', { pid: 1, release: '5.10.112-005.ali5000.al8.aarch64', tainted: 'Tainted: G OE K' }],
    ['5.15 build id', 'CPU: 3 PID: 473206 Comm: doxygen Tainted: G           OE      6.1.1-arch1-1 #1 9bd09188b430be630e611f984454e4f3c489be77', { pid: 473206, release: '6.1.1-arch1-1', tainted: 'Tainted: G           OE     ' }],
    ['6.12 UID', 'CPU: 1 UID: 1000 PID: 4242 Comm: stress Not tainted 6.12.19 #1', { pid: 4242, release: '6.12.19', tainted: 'Not tainted' }],
    ['6.18 preempt model', 'CPU: 1 UID: 0 PID: 4242 Comm: stress Not tainted 6.18.3 #1 PREEMPT(voluntary) ', { pid: 4242, release: '6.18.3', tainted: 'Not tainted' }],
    ['comm with blanks', 'CPU: 0 PID: 7 Comm: my prog name Not tainted 5.4.0 #1', { pid: 7, release: '5.4.0', tainted: 'Not tainted', comm: 'my prog name' }],
    ['pre-3.10 Pid:', 'Pid: 80, comm: kswapd1 Not tainted 3.4.9-2.rgm.fc16.x86_64 #1', { pid: 80, release: '3.4.9-2.rgm.fc16.x86_64', tainted: 'Not tainted' }],
  ];
  for (const [name, line, want] of cpu) {
    test(`CPU line: ${name}`, () => {
      const t = lines(head, line, KILL_54);
      const ev = one(t);
      assert.equal(ev.kernel!.release, want.release);
      assert.equal(ev.kernel!.tainted, want.tainted);
      assert.equal(ev.kernel!.source, 'cpu-line');
      assert.equal(at(t, ev, 'cpu.pid'), String(want.pid));
      if (!line.startsWith('Pid:')) assert.equal(at(t, ev, 'cpu.release'), want.release);
    });
  }
  test('the trigger pid comes from the CPU line of the same comm', () => {
    const ev = one(lines(head, 'CPU: 3 PID: 4242 Comm: stress Not tainted 5.4.0 #1', KILL_54));
    assert.equal(ev.trigger!.pid, 4242);
  });
  test('arch from the release, else from the registers', () => {
    assert.equal(one(lines(head, 'CPU: 3 PID: 1 Comm: stress Not tainted 3.10.0-1160.el7.x86_64 #1', KILL_54)).kernel!.arch, 'x86_64');
    assert.equal(one(lines(head, 'CPU: 3 PID: 1 Comm: stress Not tainted 5.15.0 #1', 'RIP: 0033:0x7f5ba27c6d6f', KILL_54)).kernel!.arch, 'x86_64');
    assert.equal(one(lines(head, 'CPU: 3 PID: 1 Comm: stress Not tainted 5.15.0 #1', KILL_54)).kernel!.arch, null);
  });
  test('≤4.19 cpuset line', () => {
    const t = lines(head, 'stress cpuset=/ mems_allowed=0-1', KILL_54);
    const ev = one(t);
    assert.deepEqual(ev.cpuset, { name: '/', memsAllowed: '0-1' });
    assert.equal(at(t, ev, 'cpuset.memsAllowed'), '0-1');
  });
});

describe('call trace', () => {
  test('x86 frames with ? and <TASK>, arm64 frames, 3.10 [<addr>] frames and raw stack words', () => {
    const ev = one(
      lines(
        'a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0',
        'CPU: 0 PID: 1 Comm: a Not tainted 5.15.0 #1',
        'Call Trace:',
        ' <TASK>',
        ' dump_stack_lvl+0x4a/0x63',
        ' ? srso_alias_return_thunk+0x5/0x7f',
        ' ext4_filemap_fault+0x36/0x50 [ext4]',
        ' </TASK>',
        ' ffff880182272f10 00000000021dcb0a ffff880418207938 ffffffff816861ac',
        ' [<ffffffff816861ac>] dump_stack+0x19/0x1b',
        ' <IRQ>  [<ffffffff81681157>] ? dump_header+0x8e/0x225',
        '[<ffffffc00008a0a4>] dump_backtrace+0x0/0x150',
        KILL_54,
      ),
    );
    assert.deepEqual(ev.callTrace, ['dump_stack_lvl+0x4a/0x63', '? srso_alias_return_thunk+0x5/0x7f', 'ext4_filemap_fault+0x36/0x50 [ext4]', 'dump_stack+0x19/0x1b', '? dump_header+0x8e/0x225', 'dump_backtrace+0x0/0x150']);
    const trace = ev.parts.find((p) => p.name === 'call-trace')!;
    assert.deepEqual([trace.startLine, trace.endLine], [2, 11]);
  });
});

describe('memcg', () => {
  test('cgroup v1 (≤4.19): Task in … killed as a result of limit of …, memory/memory+swap/kmem, one-line stats', () => {
    const t = lines(
      'java invoked oom-killer: gfp_mask=0x14000c0(GFP_KERNEL), nodemask=(null),  order=0, oom_score_adj=0',
      'Task in /docker/abc killed as a result of limit of /docker',
      'memory: usage 524288kB, limit 524288kB, failcnt 1240',
      'memory+swap: usage 600000kB, limit 9007199254740988kB, failcnt 0',
      'kmem: usage 7260kB, limit 9007199254740988kB, failcnt 0',
      'Memory cgroup stats for /docker: cache:80KB rss:516948KB rss_huge:0KB shmem:0KB mapped_file:0KB swap:0KB',
      'Memory cgroup stats for /docker/abc: cache:0KB rss:500000KB',
      'Memory cgroup out of memory: Kill process 23793 (java) score 970 or sacrifice child',
      'Killed process 23793 (java) total-vm:2623712kB, anon-rss:506500kB, file-rss:1268kB, shmem-rss:0kB',
    );
    const ev = one(t);
    assert.equal(ev.memcg!.oomMemcg, '/docker');
    assert.equal(ev.memcg!.taskMemcg, '/docker/abc');
    assert.deepEqual([ev.memcg!.usageKb, ev.memcg!.limitKb, ev.memcg!.failcnt], [524288, 524288, 1240]);
    assert.deepEqual([ev.memcg!.memswUsageKb, ev.memcg!.memswLimitKb], [600000, 9007199254740988]);
    assert.equal(ev.memcg!.kmemUsageKb, 7260);
    assert.equal(ev.memcg!.swapUsageKb, null, 'v1 does not print swap alone');
    assert.equal(ev.memcgStats.length, 2);
    assert.equal(ev.memcgStats[0]!.format, 'v1-line');
    assert.equal(ev.memcgStats[0]!.stats.rss, 516948);
    assert.equal(at(t, ev, 'memcg.limit'), '524288kB');
    assert.equal(ev.killed!.score, 970, 'the score of the selected task, which is the one killed');
    assert.equal(ev.selected, null);
    assert.equal(ev.killMessage, 'Memory cgroup out of memory');
  });
  test('cgroup v2 (5.3+): swap line and a stats block continued by indented lines', () => {
    const ev = one(
      lines(
        '[Di Aug 12 03:54:03 2025] php invoked oom-killer: gfp_mask=0x1100cca(GFP_HIGHUSER_MOVABLE), order=0, oom_score_adj=0',
        '[Di Aug 12 03:54:03 2025] memory: usage 31211520kB, limit 31211520kB, failcnt 83420',
        '[Di Aug 12 03:54:03 2025] swap: usage 0kB, limit 0kB, failcnt 0',
        '[Di Aug 12 03:54:03 2025] Memory cgroup stats for /lxc/39004:',
        '[Di Aug 12 03:54:03 2025] anon 31154200576',
        '                          file 688283648',
        '                          pgfault 61533557290',
        '[Di Aug 12 03:54:03 2025] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=x.scope,mems_allowed=0,oom_memcg=/lxc/39004,task_memcg=/lxc/39004/ns,task=php,pid=3902942,uid=1000',
        '[Di Aug 12 03:54:03 2025] Memory cgroup out of memory: Killed process 3902942 (php) total-vm:14740176kB, anon-rss:12625252kB, file-rss:0kB, shmem-rss:156088kB, UID:1000 pgtables:26388kB oom_score_adj:0',
      ),
    );
    assert.deepEqual([ev.memcg!.swapUsageKb, ev.memcg!.swapLimitKb], [0, 0]);
    assert.deepEqual({ ...ev.memcgStats[0]!, stats: { ...ev.memcgStats[0]!.stats } }, { path: '/lxc/39004', format: 'block', stats: { anon: 31154200576, file: 688283648, pgfault: 61533557290 }, truncatedByKernel: false });
    assert.equal(ev.memcg!.oomMemcg, '/lxc/39004');
    assert.equal(ev.memcg!.taskMemcg, '/lxc/39004/ns');
    assert.equal(ev.constraint, 'CONSTRAINT_MEMCG');
    assert.equal(ev.time, 'Di Aug 12 03:54:03 2025');
  });
  test('a 5.3–6.4 stats block the kernel cut at about 1 KiB is flagged', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `workingset_key_${i} ${1000000 + i}`);
    keys.push('pgsca');
    const ev = one(lines('a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0', 'memory: usage 8kB, limit 8kB, failcnt 1', 'Memory cgroup stats for /a:', ...keys, KILL_54));
    assert.equal(ev.memcgStats[0]!.truncatedByKernel, true);
    assert.equal(Object.keys(ev.memcgStats[0]!.stats).length, 60);
  });
});

describe('Mem-Info', () => {
  const report = (memInfo: string[]): string =>
    lines('a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0', 'CPU: 0 PID: 1 Comm: a Not tainted 6.1.0 #1', 'Mem-Info:', ...memInfo, ...TABLE_419, KILL_54);
  const block = [
    'active_anon:1413442 inactive_anon:1509191 isolated_anon:0',
    ' active_file:29 inactive_file:186 isolated_file:0',
    ' free:34629 free_pcp:0 free_cma:0',
    'Node 0 active_anon:5653768kB inactive_anon:6036764kB shmem_thp: 0kB all_unreclaimable? yes',
    'Node 0 DMA free:13312kB boost:0kB min:64kB low:80kB high:96kB reserved_highatomic:0KB present:15992kB managed:15360kB',
    'lowmem_reserve[]: 0 3191 15659 15659 15659',
    'Node 0 Normal free:61900kB boost:8192kB min:61948kB low:75384kB high:88820kB present:12582912kB managed:12275000kB',
    'lowmem_reserve[]: 0 0 0 0 0',
    'Node 0 DMA: 0*4kB 0*8kB 1*1024kB (U) 2*2048kB (UM) 2*4096kB (M) = 13312kB',
    'Node 0 Normal: 6676*4kB (UME) 2120*8kB (UE) 0*4096kB = 62528kB',
    'Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB',
    '44659 total pagecache pages',
    '24863 pages in swap cache',
    'Free swap  = 84kB',
    'Total swap = 25165820kB',
    '4115400 pages RAM',
    '0 pages HighMem/MovableOnly',
    '97082 pages reserved',
  ];
  test('counters, nodes, zones with watermarks, lowmem_reserve, buddy lists, swap and totals', () => {
    const t = report(block);
    const ev = one(t);
    const mi = ev.memInfo!;
    assert.equal(mi.counters.active_anon, 1413442);
    assert.equal(mi.counters.free, 34629);
    assert.equal(mi.nodes[0]!.kb.active_anon, 5653768);
    assert.equal(mi.nodes[0]!.kb.shmem_thp, 0);
    assert.equal(mi.nodes[0]!.allUnreclaimable, true);
    assert.equal(mi.zones.length, 2);
    const normal = mi.zones[1]!;
    assert.deepEqual([normal.node, normal.zone, normal.kb.free, normal.kb.min, normal.kb.low, normal.kb.high], [0, 'Normal', 61900, 61948, 75384, 88820]);
    assert.deepEqual(normal.lowmemReserve, [0, 0, 0, 0, 0]);
    assert.deepEqual(mi.zones[0]!.buddy, { counts: [0, 0, 1, 2, 2], blockKb: [4, 8, 1024, 2048, 4096], totalKb: 13312 });
    assert.deepEqual(mi.hugepages, [{ node: 0, total: 0, free: 0, surp: 0, sizeKb: 2048 }]);
    assert.deepEqual([mi.pagecachePages, mi.swapCachePages, mi.freeSwapKb, mi.totalSwapKb, mi.pagesRam, mi.pagesHighMem, mi.pagesReserved], [44659, 24863, 84, 25165820, 4115400, 0, 97082]);
    assert.equal(ev.tasks!.length, 2);
    assert.equal(at(t, ev, 'memInfo.zone.min'), '64kB');
    assert.equal(at(t, ev, 'memInfo.memTotal.value'), '44659');
    const part = ev.parts.find((p) => p.name === 'mem-info')!;
    assert.deepEqual([part.startLine, part.endLine], [2, 2 + block.length]);
  });
  test('a Mem-Info counter record joined by rsyslog #012 on one line', () => {
    const ev = one(report(['active_anon:7355653 inactive_anon:660960 isolated_anon:0#012 active_file:1263 inactive_file:1167 isolated_file:32#012 free:39 free_pcp:0 free_cma:0', 'DMA free:15872kB min:40kB low:48kB high:60kB present:15992kB']));
    assert.equal(ev.memInfo!.counters.active_file, 1263);
    assert.equal(ev.memInfo!.counters.free, 39);
    assert.equal(ev.memInfo!.zones[0]!.node, null, 'no Node prefix without CONFIG_NUMA');
  });
  test('a /dev/kmsg record with \\x0a escapes', () => {
    const t = [
      '4,1,100,-;a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0',
      '4,2,101,-;Mem-Info:',
      '4,3,102,-;active_anon:10 inactive_anon:20 isolated_anon:0\\x0a active_file:30 inactive_file:40 isolated_file:0\\x0a free:50 free_pcp:0 free_cma:0',
      '6,4,103,-;' + KILL_54,
    ].join('\n');
    const ev = one(t);
    assert.deepEqual({ ...ev.memInfo!.counters }, { active_anon: 10, inactive_anon: 20, isolated_anon: 0, active_file: 30, inactive_file: 40, isolated_file: 0, free: 50, free_pcp: 0, free_cma: 0 });
  });
});

describe('tasks table', () => {
  const head = 'a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0';
  test('3.4 header with cpu and oom_adj', () => {
    const ev = one(lines(head, '[ pid ]   uid  tgid total_vm      rss cpu oom_adj oom_score_adj name', '[  390]     0   390    39012     6739   3     -17         -1000 udevd', 'Killed process 390 (udevd) total-vm:156048kB, anon-rss:1kB, file-rss:0kB'));
    assert.deepEqual(ev.tasks![0], { pid: 390, uid: 0, tgid: 390, totalVm: 39012, rss: 6739, rssAnon: null, rssFile: null, rssShmem: null, nrPtes: null, nrPmds: null, pgtablesBytes: null, swapents: null, oomScoreAdj: -1000, cpu: 3, oomAdj: -17, name: 'udevd', line: 2 });
  });
  test('3.10 nr_ptes, 4.14 nr_ptes nr_pmds, RHEL 8 without "Tasks state", 6.8 rss_anon/rss_file/rss_shmem', () => {
    let ev = one(lines(head, '[ pid ]   uid  tgid total_vm      rss nr_ptes swapents oom_score_adj name', '[  390]     0   390    39012     6739      78       51             0 systemd-journal', KILL_54));
    assert.deepEqual([ev.tasks![0]!.nrPtes, ev.tasks![0]!.swapents, ev.tasks![0]!.pgtablesBytes], [78, 51, null]);
    ev = one(lines(head, '[ pid ]   uid  tgid total_vm      rss nr_ptes nr_pmds swapents oom_score_adj name', '[  390]     0   390    39012     6739      78       3       51             0 journald', KILL_54));
    assert.deepEqual([ev.tasks![0]!.nrPtes, ev.tasks![0]!.nrPmds, ev.tasks![0]!.swapents], [78, 3, 51]);
    ev = one(lines(head, '[ pid ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name', '[  390]     0   390    39012     6739   319488       51             0 journald', KILL_54));
    assert.equal(ev.tasks![0]!.pgtablesBytes, 319488);
    ev = one(lines(head, 'Tasks state (memory values in pages):', '[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name', '[   4242]  1000  4242   600000   250000   249000      900       100  2200000       12             0 stress', KILL_54));
    assert.deepEqual([ev.tasks![0]!.rss, ev.tasks![0]!.rssAnon, ev.tasks![0]!.rssFile, ev.tasks![0]!.rssShmem], [250000, 249000, 900, 100]);
    assert.deepEqual(ev.taskColumns, ['pid', 'uid', 'tgid', 'total_vm', 'rss', 'rss_anon', 'rss_file', 'rss_shmem', 'pgtables_bytes', 'swapents', 'oom_score_adj', 'name']);
  });
  test('names with blanks or digits, 7-digit pids, foreign lines between rows', () => {
    const t = lines(
      head,
      ...TABLE_419.slice(0, 2),
      '[1833435]     0 1833435     5294      360    81920        0             0 Web Content',
      'e1000e: eth0 NIC Link is Up 1000 Mbps Full Duplex',
      '[   4243]  1000  4243      100       10    20480        0             0 1234',
      '[   4244]  1000  4244      100       10    20480        0             0 (sd-pam)',
      KILL_54,
    );
    const ev = one(t);
    assert.deepEqual(ev.tasks!.map((r) => [r.pid, r.name, r.line]), [[1833435, 'Web Content', 3], [4243, '1234', 5], [4244, '(sd-pam)', 6]]);
  });
  test('rows without a header: only the shared columns', () => {
    const ev = one(lines(head, '[  390]     0   390    39012     6739      78       51             -17 journald', KILL_54));
    assert.deepEqual([ev.tasks![0]!.totalVm, ev.tasks![0]!.rss, ev.tasks![0]!.oomScoreAdj, ev.tasks![0]!.swapents], [39012, 6739, -17, null]);
  });
});

describe('tasks-table rows: the scanner reads what the row pattern says', () => {
  // The reading the scanner must give, written as the pattern `[ \t]+(-?\d+)(?=[ \t]|$)` after `[pid]`.
  function reference(row: string, count: number | null): { values: number[]; offsets: number[]; nameOffset: number } {
    const close = row.indexOf(']');
    const inner = row.slice(1, close);
    const values = [Number(inner.trim())];
    const offsets = [1 + (inner.length - inner.trimStart().length)];
    const re = /[ \t]+(-?\d+)(?=[ \t]|$)/y;
    re.lastIndex = close + 1;
    let pos = close + 1;
    let m: RegExpExecArray | null;
    while ((count === null || values.length < count) && (m = re.exec(row)) !== null) {
      values.push(Number(m[1]));
      offsets.push(re.lastIndex - m[1]!.length);
      pos = re.lastIndex;
    }
    while (pos < row.length && (row[pos] === ' ' || row[pos] === '\t')) pos++;
    return { values, offsets, nameOffset: pos };
  }
  test('numbers, signs, tabs, long digit runs, names with digits, column limits', async () => {
    const { scanTaskRow, splitTaskRow } = await import('../../server/src/core/parser/reportLines.js');
    const rows = [
      '[    812]     0   812    10000      500    81920        0         -1000 sshd',
      '[ 4242]\t1000\t4242 600000 250000 2200000 12 0 stress-ng 2',
      '[1234567]  0 1234567 1 2 3 4 -0 a b c  ',
      '[   1]   0   1  12345678901234567890 5 6 7 8 9 init',
      '[   2]   0   2  3 4 5 6 7x8 name',
      '[   3]   0   3  3 4 5 6 7 8',
      '[   4]   0   4  3 4 5 6 7 -',
      '[   5]   0   5  3 4 5 6 7 --1 x',
    ];
    const values: number[] = [];
    for (const row of rows) {
      for (const count of [null, 3, 8, 20]) {
        const want = reference(row, count);
        const nameAt = scanTaskRow(row, count, values);
        assert.deepEqual(values, want.values, `${row} (${count})`);
        assert.equal(nameAt, want.nameOffset, `${row} (${count}): name offset`);
        const split = splitTaskRow(row, count);
        assert.deepEqual([split.values, split.offsets, split.nameOffset], [want.values, want.offsets, want.nameOffset], `${row} (${count}): with offsets`);
        assert.equal(split.name, row.slice(want.nameOffset).trimEnd());
      }
    }
  });
});

describe('kill lines', () => {
  const head = 'a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0';
  test('5.4+ Killed line, every field', () => {
    const t = lines(head, KILL_54);
    const ev = one(t);
    assert.deepEqual(ev.killed, { pid: 4242, comm: 'stress', uid: 1000, totalVmKb: 2400000, anonRssKb: 999000, fileRssKb: 1000, shmemRssKb: 0, pgtablesKb: 2148, oomScoreAdj: 0, anonRssSource: 'kill', score: null });
    assert.equal(ev.killMessage, 'Out of memory');
    assert.equal(at(t, ev, 'kill.anon-rss'), '999000kB');
    assert.equal(at(t, ev, 'kill.comm'), 'stress');
    assert.equal(ev.complete, true);
  });
  test('RHEL 7.9 form with ", UID N,"', () => {
    const ev = one(lines(head, 'Out of memory: Kill process 6576 (mysqld) score 651 or sacrifice child', 'Killed process 6576 (mysqld), UID 27, total-vm:33914892kB, anon-rss:20629004kB, file-rss:0kB, shmem-rss:0kB'));
    assert.equal(ev.killed!.uid, 27);
    assert.equal(ev.killed!.score, 651);
  });
  test('sacrifice child: selected differs from killed', () => {
    const ev = one(lines(head, 'Out of memory: Kill process 100 (parent) score 900 or sacrifice child', 'Killed process 101 (child) total-vm:1000kB, anon-rss:800kB, file-rss:0kB, shmem-rss:0kB'));
    assert.deepEqual(ev.selected, { pid: 100, comm: 'parent', score: 900 });
    assert.equal(ev.killed!.pid, 101);
  });
  test('a comm with parentheses and blanks in the Killed line', () => {
    const ev = one(lines(head, 'Out of memory: Killed process 77 (a (b) c) total-vm:10kB, anon-rss:5kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0'));
    assert.equal(ev.killed!.comm, 'a (b) c');
  });
  test('memory.oom.group: the first kill is the victim, the others are listed', () => {
    const ev = one(
      lines(
        head,
        'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/grp,task_memcg=/grp/a,task=a,pid=10,uid=0',
        'Memory cgroup out of memory: Killed process 10 (a) total-vm:10kB, anon-rss:5kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0',
        'Tasks in /grp are going to be killed due to memory.oom.group set',
        'Memory cgroup out of memory: Killed process 11 (b) total-vm:10kB, anon-rss:5kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0',
        'Memory cgroup out of memory: Killed process 12 (c) total-vm:10kB, anon-rss:5kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0',
      ),
    );
    assert.equal(ev.killed!.pid, 10);
    assert.deepEqual(ev.alsoKilled, [{ pid: 11, comm: 'b' }, { pid: 12, comm: 'c' }]);
  });
  test('oom-kill: fields, global_oom, a comm with a comma', () => {
    const t = lines(head, 'oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/user.slice,task=a,b,pid=4242,uid=1000', KILL_54);
    const ev = one(t);
    assert.equal(ev.constraint, 'CONSTRAINT_NONE');
    assert.equal(ev.globalOom, true);
    assert.equal(ev.memcg, null, 'a global OOM has no memcg');
    assert.equal(at(t, ev, 'oomKill.task'), 'a,b');
    assert.equal(at(t, ev, 'oomKill.constraint'), 'CONSTRAINT_NONE');
  });
});

describe('events in a log', () => {
  const report = (comm: string, pid: number): string[] => [
    `${comm} invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0`,
    `oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,task=${comm},pid=${pid},uid=0`,
    `Out of memory: Killed process ${pid} (${comm}) total-vm:100kB, anon-rss:80kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0`,
  ];
  test('a reaper line after the next report joins its event without widening it', () => {
    const t = lines(...report('a', 1), ...report('b', 2), 'oom_reaper: reaped process 1 (a), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB', 'oom_reaper: reaped process 2 (b), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB');
    const [a, b] = oom(t);
    assert.deepEqual([a!.startLine, a!.endLine, b!.startLine, b!.endLine], [0, 2, 3, 7]);
    assert.deepEqual(a!.parts.find((p) => p.name === 'reaper'), { name: 'reaper', startLine: 6, endLine: 6 });
    assert.equal(a!.killed!.anonRssKb, 80, 'the kill line wins over the post-reap value');
  });
  test('a storm: rate-limited headers leave kill lines that are events of their own', () => {
    const t = lines(
      ...report('a', 1),
      'Out of memory: Killed process 2 (b) total-vm:100kB, anon-rss:70kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0',
      'oom_reaper: reaped process 2 (b), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB',
      'Out of memory: Killed process 3 (c) total-vm:100kB, anon-rss:60kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:4kB oom_score_adj:0',
    );
    const evs = oom(t);
    assert.deepEqual(evs.map((e) => [e.killed!.pid, e.trigger?.comm ?? null, e.complete, e.startLine, e.endLine]), [[1, 'a', true, 0, 2], [2, null, false, 3, 4], [3, null, false, 5, 5]]);
  });
  test('a report cut short has no victim and is flagged as a problem', () => {
    const r = analyze(lines('x invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0', ...TABLE_419));
    const ev = r.events[0] as OomEvent;
    assert.equal(ev.killed, null);
    assert.equal(ev.complete, false);
    assert.equal(ev.tasks!.length, 2);
    assert.match(r.problems[0]!.message, /no kill line/);
  });
  test('event ranges never overlap, and lines of other reports are not taken in', () => {
    const t = lines(...report('a', 1).slice(0, 1), 'CPU: 0 PID: 1 Comm: a Not tainted 5.4.0 #1', 'BUG: unable to handle page fault for address: 0000000000001234', 'CPU: 1 PID: 9 Comm: z Not tainted 5.4.0 #1', ...report('b', 2));
    const [a, b] = oom(t);
    assert.deepEqual([a!.startLine, a!.endLine], [0, 1]);
    assert.equal(b!.startLine, 4);
  });
  test('boots: a new dmesg clock near zero starts a new boot', () => {
    const t = lines(...report('a', 1).map((l) => `[ 5000.000000] ${l}`), '[    0.000000] Booting Linux on physical CPU 0x0', ...report('b', 2).map((l) => `[ 9.000000] ${l}`));
    assert.deepEqual(oom(t).map((e) => e.boot), [0, 1]);
  });
  test('CRLF and lone CR line breaks give the same events and line numbers', () => {
    const lf = lines(...report('a', 1), 'noise', ...report('b', 2));
    const crlf = lf.replace(/\n/g, '\r\n');
    const cr = lf.replace(/\n/g, '\r');
    const shape = (s: string): unknown => oom(s).map((e) => [e.startLine, e.endLine, e.killed!.comm, e.trigger!.comm]);
    assert.deepEqual(shape(crlf), shape(lf));
    assert.deepEqual(shape(cr), shape(lf));
  });
  test('a central syslog file: two hosts\' reports interleaved stay apart', () => {
    const a = report('a', 1).map((l) => `Dec  4 00:01:23 web-01 kernel: ${l}`);
    const b = report('b', 2).map((l) => `Dec  4 00:01:23 db-02 kernel: ${l}`);
    const t = lines(a[0]!, b[0]!, a[1]!, b[1]!, a[2]!, b[2]!);
    const evs = oom(t);
    assert.deepEqual(evs.map((e) => [e.host, e.trigger!.comm, e.killed!.pid, e.complete]), [['web-01', 'a', 1, true], ['db-02', 'b', 2, true]]);
    assert.ok(evs[0]!.endLine < evs[1]!.startLine, 'ranges do not overlap');
    assert.deepEqual(evs[0]!.parts.find((p) => p.name === 'kill'), { name: 'kill', startLine: 4, endLine: 4 }, 'later lines are parts beyond the range');
  });
});
