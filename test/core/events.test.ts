/**
 * Every event kind other than the OOM kill, from the kernel's format strings
 * (shared/reference/kernel-log-formats.md §4, §7, §8).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import type { KernelEvent } from '../../server/src/core/model/events.js';

const lines = (...l: string[]): string => l.join('\n') + '\n';
function events(text: string): KernelEvent[] {
  return analyze(text).events;
}
function only<K extends KernelEvent['kind']>(text: string, kind: K): Extract<KernelEvent, { kind: K }> {
  const evs = events(text);
  assert.deepEqual(evs.map((e) => e.kind), [kind]);
  return evs[0] as Extract<KernelEvent, { kind: K }>;
}
const TRACE = ['Call Trace:', ' dump_stack+0x63/0x8b', ' warn_alloc+0x11c/0x1b0', ' __alloc_pages_slowpath+0xd8a/0xe20'];
const MEMINFO = ['Mem-Info:', 'active_anon:10 inactive_anon:20 isolated_anon:0', ' free:50 free_pcp:0 free_cma:0', 'Node 0 Normal free:200kB min:100kB low:125kB high:150kB present:1000kB managed:900kB', 'lowmem_reserve[]: 0 0 0 0', 'Node 0 Normal: 50*4kB (U) 0*8kB 0*16kB 0*32kB = 200kB'];

describe('page allocation failure', () => {
  test('5.4+ form with cpuset inline, stack and Mem-Info', () => {
    const ev = only(lines('kworker/u8:2: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null),cpuset=/,mems_allowed=0', 'CPU: 1 PID: 77 Comm: kworker/u8:2 Not tainted 5.10.0-21-amd64 #1', 'Hardware name: QEMU', ...TRACE, ...MEMINFO), 'page-alloc-failure');
    assert.deepEqual([ev.comm, ev.pid, ev.order, ev.gfpMask, ev.gfpFlags, ev.nodemask, ev.cpuset], ['kworker/u8:2', 77, 4, '0x40cc0', ['GFP_KERNEL', '__GFP_COMP'], '(null)', { name: '/', memsAllowed: '0' }]);
    assert.equal(ev.memInfo!.zones[0]!.kb.min, 100);
    assert.equal(ev.callTrace!.length, 3);
    assert.equal(ev.complete, true);
    assert.deepEqual([ev.startLine, ev.endLine], [0, 12]);
  });
  test('3.10 form without names, 4.14 form with a separate cpuset line, stall warning', () => {
    let ev = only(lines('swapper/0: page allocation failure: order:2, mode:0x4020', 'CPU: 0 PID: 0 Comm: swapper/0 Not tainted 3.10.0 #1'), 'page-alloc-failure');
    assert.deepEqual([ev.order, ev.gfpMask, ev.gfpFlags], [2, '0x4020', null]);
    ev = only(lines('java: page allocation failure: order:0, mode:0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=0', 'java cpuset=/ mems_allowed=0', 'CPU: 0 PID: 5 Comm: java Not tainted 4.14.177 #1'), 'page-alloc-failure');
    assert.deepEqual(ev.cpuset, { name: '/', memsAllowed: '0' });
    ev = only(lines('dd: page allocation stalls for 10212ms, order:0, mode:0x14200ca(GFP_HIGHUSER_MOVABLE), nodemask=(null)'), 'page-alloc-failure');
    assert.equal(ev.stallMs, 10212);
  });
});

describe('oops', () => {
  test('x86 5.3+: NULL dereference, #PF, die line, registers, modules, end marker', () => {
    const ev = only(
      lines(
        'BUG: kernel NULL pointer dereference, address: 0000000000000008',
        '#PF: supervisor read access in kernel mode',
        '#PF: error_code(0x0000) - not-present page',
        'PGD 0 P4D 0',
        'Oops: 0000 [#1] SMP PTI',
        'CPU: 2 PID: 812 Comm: modprobe Tainted: G           OE     5.15.0-91-generic #101-Ubuntu',
        'Hardware name: Dell Inc. PowerEdge R640',
        'RIP: 0010:mydrv_probe+0x2b/0x64 [mydrv]',
        'Code: 48 89 fd 53 e8 81 13 <48> 8b 85',
        'RSP: 0018:ffffb60d001ebc20 EFLAGS: 00010202',
        'Call Trace:',
        ' <TASK>',
        ' do_one_initcall+0x46/0x1d0',
        ' </TASK>',
        'Modules linked in: mydrv(OE+) xfs libcrc32c',
        'CR2: 0000000000000008',
        '---[ end trace 8a1b2c3d4e5f6a7b ]---',
      ),
      'oops',
    );
    assert.deepEqual([ev.type, ev.address, ev.errorCode, ev.dieCounter, ev.comm, ev.pid, ev.ip, ev.endTrace], ['null-deref', '0000000000000008', '0000', 1, 'modprobe', 812, 'mydrv_probe+0x2b/0x64', '8a1b2c3d4e5f6a7b']);
    assert.deepEqual(ev.modules, ['mydrv(OE+)', 'xfs', 'libcrc32c']);
    assert.deepEqual(ev.callTrace, ['do_one_initcall+0x46/0x1d0']);
    assert.equal(ev.kernel!.arch, 'x86_64');
    assert.equal(ev.complete, true);
    assert.deepEqual([ev.startLine, ev.endLine], [0, 16]);
  });
  test('≤5.0 wording, general protection fault, kernel BUG at + invalid opcode', () => {
    let ev = only(lines('BUG: unable to handle kernel paging request at ffffffffc0ffee00', 'IP: [<ffffffffc0ffee00>] foo+0x0/0x10', 'Oops: 0002 [#3] SMP'), 'oops');
    assert.deepEqual([ev.type, ev.address, ev.errorCode, ev.dieCounter], ['paging-request', 'ffffffffc0ffee00', '0002', 3]);
    ev = only(lines('general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] SMP NOPTI', 'CPU: 0 PID: 1 Comm: a Not tainted 5.10.0 #1'), 'oops');
    assert.equal(ev.type, 'general-protection');
    ev = only(lines('------------[ cut here ]------------', 'kernel BUG at mm/slub.c:305!', 'invalid opcode: 0000 [#1] SMP PTI'), 'oops');
    assert.deepEqual([ev.type, ev.location, ev.dieCounter, ev.startLine], ['bug', 'mm/slub.c:305', 1, 0]);
  });
  test('x86 traps that die: divide error, double fault, stack segment, int3 (arch/x86/kernel/traps.c), alone and right after an OOM kill', () => {
    for (const head of ['divide error: 0000 [#1] PREEMPT SMP NOPTI', 'double fault: 0000 [#1] SMP', 'stack segment: 0000 [#1] SMP PTI', 'int3: 0000 [#1] SMP']) {
      const ev = only(lines(head, 'CPU: 3 PID: 4242 Comm: a.out Not tainted 6.1.0 #1', 'RIP: 0010:foo+0x1c/0x40'), 'oops');
      assert.equal(ev.dieCounter, 1, head);
    }
    const kill = 'Out of memory: Killed process 999 (stress) total-vm:1200000kB, anon-rss:999000kB, file-rss:1000kB, shmem-rss:0kB, UID:0 pgtables:2148kB oom_score_adj:0';
    const evs = events(lines(kill, 'divide error: 0000 [#1] PREEMPT SMP NOPTI', 'CPU: 3 PID: 4242 Comm: a.out Not tainted 6.1.0 #1'));
    assert.deepEqual(evs.map((e) => e.kind), ['oom', 'oops']);
  });
  test('arm64: Unable to handle kernel …, Mem abort info, Internal error', () => {
    const ev = only(lines('Unable to handle kernel NULL pointer dereference at virtual address 0000000000000010', 'Mem abort info:', '  ESR = 0x96000005', 'Internal error: Oops: 96000005 [#1] PREEMPT SMP', 'pc : foo_read+0x1c/0x40', 'lr : vfs_read+0x98/0x1a0', 'Call trace:', ' foo_read+0x1c/0x40'), 'oops');
    assert.deepEqual([ev.type, ev.address, ev.errorCode, ev.ip], ['null-deref', '0000000000000010', '96000005', 'foo_read+0x1c/0x40']);
  });
  test('an oops then its panic are two events', () => {
    const evs = events(lines('Oops: 0000 [#1] SMP', 'CPU: 0 PID: 1 Comm: swapper Not tainted 6.1.0 #1', '---[ end trace 0000000000000000 ]---', 'Kernel panic - not syncing: Fatal exception in interrupt', '---[ end Kernel panic - not syncing: Fatal exception in interrupt ]---'));
    assert.deepEqual(evs.map((e) => e.kind), ['oops', 'panic']);
    const p = evs[1] as Extract<KernelEvent, { kind: 'panic' }>;
    assert.deepEqual([p.reason, p.cause, p.startLine, p.endLine], ['Fatal exception in interrupt', 'oops-in-interrupt', 3, 4]);
    assert.equal(p.kernel!.release, '6.1.0', 'the panic runs the kernel of its boot');
  });
});

describe('warning, panic, lockups, hung task, RCU stall, bad page', () => {
  test('WARNING with cut here and end trace', () => {
    const ev = only(lines('------------[ cut here ]------------', 'WARNING: CPU: 1 PID: 42 at fs/ext4/inode.c:3610 ext4_set_page_dirty+0x3f/0x50 [ext4]', 'Modules linked in: ext4', 'CPU: 1 PID: 42 Comm: kworker/1:2 Not tainted 5.4.0 #1', 'RIP: 0010:ext4_set_page_dirty+0x3f/0x50 [ext4]', 'Call Trace:', ' set_page_dirty+0x4e/0x90', '---[ end trace 3b1d7e2c9a0f8e11 ]---'), 'warning');
    assert.deepEqual([ev.location, ev.function, ev.pid, ev.cpu, ev.endTrace, ev.startLine, ev.endLine, ev.complete], ['fs/ext4/inode.c:3610', 'ext4_set_page_dirty+0x3f/0x50 [ext4]', 42, 1, '3b1d7e2c9a0f8e11', 0, 7, true]);
  });
  test('panic_on_oom panic', () => {
    const ev = only(lines('Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled', 'Kernel Offset: 0x2a000000 from 0xffffffff81000000', 'Rebooting in 10 seconds..'), 'panic');
    assert.deepEqual([ev.cause, ev.rebootSeconds, ev.endLine], ['panic_on_oom', 10, 2]);
  });
  test('soft and hard lockups', () => {
    const s = only(lines('watchdog: BUG: soft lockup - CPU#3 stuck for 23s! [kworker/3:1:123]', 'Modules linked in: nfs', 'CPU: 3 PID: 123 Comm: kworker/3:1 Tainted: G             L    5.4.0 #1', 'RIP: 0010:native_queued_spin_lock_slowpath+0x5d/0x1d0'), 'soft-lockup');
    assert.deepEqual([s.stuckCpu, s.seconds, s.task, s.ip], [3, 23, { comm: 'kworker/3:1', pid: 123 }, 'native_queued_spin_lock_slowpath+0x5d/0x1d0']);
    const h = only(lines('NMI watchdog: Watchdog detected hard LOCKUP on cpu 5'), 'hard-lockup');
    assert.equal(h.stuckCpu, 5);
  });
  test('a central log: a host still printing its hung-task report keeps it while other hosts print many events', () => {
    const a = ['INFO: task nfsd:1234 blocked for more than 120 seconds.', '      Not tainted 5.10.0-21-amd64 #1', '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.', 'task:nfsd state:D stack:    0 pid: 1234 ppid:     2 flags:0x00004000', 'Call Trace:', ...Array.from({ length: 30 }, (_, i) => ` frame_${i}+0x1${i}/0x200`)];
    const out: string[] = [];
    a.forEach((l, i) => {
      out.push(`Dec  4 00:01:${String(i % 60).padStart(2, '0')} b kernel: app[${2000 + i}]: segfault at 0 ip 0000000000401126 sp 00007ffc9d5e6a50 error 6 in app[401000+1000]`);
      out.push(`Dec  4 00:01:${String(i % 60).padStart(2, '0')} a kernel: ${l}`);
    });
    const evs = events(lines(...out));
    const hung = evs.filter((e) => e.kind === 'hung-task');
    assert.equal(hung.length, 1);
    // Its range ends where host b's next event begins (ranges never overlap); its later lines are
    // parts of it outside the range.
    assert.equal(Math.max(...hung[0]!.parts.map((p) => p.endLine)), out.length - 1, 'the last frame, 35 events of host b later, is still part of it');
    assert.equal(evs.filter((e) => e.kind === 'segfault').length, a.length);
  });
  test('hung task (5.10 sched_show_task form)', () => {
    const ev = only(lines('INFO: task jbd2/sda1-8:312 blocked for more than 120 seconds.', '      Not tainted 5.10.0-21-amd64 #1', '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs" disables this message.', 'task:jbd2/sda1-8     state:D stack:    0 pid:  312 ppid:     2 flags:0x00004000', 'Call Trace:', ' __schedule+0x282/0x870', ' schedule+0x46/0xb0'), 'hung-task');
    assert.deepEqual([ev.comm, ev.pid, ev.seconds, ev.state, ev.callTrace!.length, ev.endLine], ['jbd2/sda1-8', 312, 120, 'D', 2, 6]);
  });
  test('RCU stall', () => {
    const ev = only(lines('rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:', 'rcu:     3-...0: (1 GPs behind) idle=b2e/1/0x4000000000000000 softirq=1/1 fqs=2', '        (detected by 5, t=21002 jiffies, g=12345, q=7)', 'Task dump for CPU 3:'), 'rcu-stall');
    assert.deepEqual([ev.flavour, ev.selfDetected, ev.cpus, ev.endLine], ['rcu_preempt', false, [3], 3]);
  });
  test('bad page state', () => {
    const ev = only(lines('BUG: Bad page state in process kswapd0  pfn:1a2b3', 'page:00000000d1e0f0c3 refcount:0 mapcount:1 mapping:0000000000000000 index:0x0 pfn:0x1a2b3', 'flags: 0x17ffffc0000000()', 'page dumped because: nonzero mapcount', 'Modules linked in: ext4'), 'bad-page');
    assert.deepEqual([ev.comm, ev.pfn, ev.reason, ev.endLine], ['kswapd0', '1a2b3', 'nonzero mapcount', 4]);
  });
});

describe('hardware errors, segfaults, traps, core dumps', () => {
  test('machine check lines form one event', () => {
    const evs = events(lines('mce: [Hardware Error]: CPU 2: Machine Check: 0 Bank 5: be00000000800400', 'mce: [Hardware Error]: RIP !INEXACT! 10:<ffffffff8104f4b6> {intel_idle+0x86/0x110}', 'mce: [Hardware Error]: TSC 0 ADDR 1f2e3d MISC 8c', 'e1000e: eth0 NIC Link is Up'));
    assert.deepEqual(evs.map((e) => [e.kind, e.startLine, e.endLine]), [['hardware-error', 0, 2]]);
    const ev = evs[0] as Extract<KernelEvent, { kind: 'hardware-error' }>;
    assert.deepEqual([ev.source, ev.cpu, ev.bank], ['mce', 2, 5]);
  });
  test('x86 segfault: ≤6.8, 6.1+ CPU, 6.12+ file offset; the Code: line joins it', () => {
    let ev = only(lines('a.out[4242]: segfault at 0 ip 0000000000401126 sp 00007ffc9d5e6a50 error 6 in a.out[401000+1000]', 'Code: 48 89 e5 <c7> 00 2a 00 00 00'), 'segfault');
    assert.deepEqual([ev.comm, ev.pid, ev.address, ev.ip, ev.error, ev.errorDecoded, ev.library, ev.mapStart, ev.mapSize, ev.endLine], ['a.out', 4242, '0', '0000000000401126', '6', ['not-present', 'write', 'user'], 'a.out', '401000', '1000', 1]);
    ev = only(lines('python3[99]: segfault at 10 ip 00007f3a1b2c3d4e sp 00007ffd0 error 4 in libc.so.6[7f3a1b228000+195000] likely on CPU 7 (core 3, socket 0)'), 'segfault');
    assert.equal(ev.cpu, 7);
    ev = only(lines('my prog[7]: segfault at 10 ip 00007f3a1b2c3d4e sp 00007ffd0 error 15 in libc.so.6[29d90,7f3a1b228000+195000] likely on CPU 0 (core 0, socket 0)'), 'segfault');
    assert.deepEqual([ev.comm, ev.fileOffset, ev.mapStart, ev.errorDecoded], ['my prog', '29d90', '7f3a1b228000', ['protection-violation', 'user', 'instruction-fetch', 'read']]);
  });
  test('arm64 unhandled exception', () => {
    const ev = only(lines('a.out[123]: unhandled exception: DABT (lower EL), ESR 0x0000000092000006, level 2 translation fault in a.out[400000+1000]'), 'segfault');
    assert.deepEqual([ev.comm, ev.pid, ev.detail, ev.library], ['a.out', 123, 'DABT (lower EL), ESR 0x0000000092000006, level 2 translation fault', 'a.out']);
  });
  test('traps', () => {
    let ev = only(lines('traps: a.out[1234] trap divide error ip:401136 sp:7ffd8f5d2d60 error:0 in a.out[401000+1000]'), 'trap');
    assert.deepEqual([ev.trap, ev.ip, ev.error, ev.library], ['divide error', '401136', '0', 'a.out']);
    ev = only(lines('traps: node[77] general protection fault ip:55d0c sp:7ffc0 error:0 in node[55000+2000]'), 'trap');
    assert.equal(ev.trap, 'general protection fault');
  });
  test('kernel core-dump messages: two-line 3.10–6.6 form and the 6.12 prefixed form', () => {
    let ev = only(lines('Process 1234(a.out) has RLIMIT_CORE set to 1', 'Aborting core'), 'coredump');
    assert.deepEqual([ev.source, ev.pid, ev.comm, ev.outcome, ev.endLine], ['kernel', 1234, 'a.out', 'aborted', 1]);
    ev = only(lines('coredump: 1234(a.out): over core_pipe_limit, skipping core dump'), 'coredump');
    assert.deepEqual([ev.pid, ev.outcome], [1234, 'skipped']);
  });
  test('systemd-coredump journal entry with its stack, under a syslog prefix', () => {
    const ev = only(
      lines(
        'Dec  4 00:01:23 web-01 systemd-coredump[7888]: Process 334 (nginx) of user 33 dumped core.',
        'Dec  4 00:01:23 web-01 systemd-coredump[7888]: Stack trace of thread 334:',
        'Dec  4 00:01:23 web-01 systemd-coredump[7888]: #0  0x000073c605eabbe2 n/a (libc.so.6 + 0x9dbe2)',
        'Dec  4 00:01:23 web-01 systemd-coredump[7888]: #1  0x000073c605f27d85 epoll_wait (libc.so.6 + 0x119d85)',
        'Dec  4 00:01:24 web-01 systemd[1]: nginx.service: Main process exited, code=dumped, status=11/SEGV',
      ),
      'coredump',
    );
    assert.deepEqual([ev.source, ev.pid, ev.comm, ev.uid, ev.outcome, ev.stack, ev.endLine, ev.host], ['systemd-coredump', 334, 'nginx', 33, 'dumped', ['n/a (libc.so.6 + 0x9dbe2)', 'epoll_wait (libc.so.6 + 0x119d85)'], 3, 'web-01']);
  });
  test('a Linux version banner gives its boot\'s release to events without a CPU line', () => {
    const evs = events(lines('[    0.000000] Linux version 6.8.0-45-generic (buildd@lcy02) (gcc 13.2.0) #45-Ubuntu SMP', '[  100.000000] a.out[1]: segfault at 0 ip 0000000000401126 sp 00007ffc9d5e6a50 error 4 in a.out[401000+1000]'));
    assert.deepEqual(evs[0]!.kernel, { release: '6.8.0-45-generic', arch: null, tainted: null, source: 'banner' });
  });
});
