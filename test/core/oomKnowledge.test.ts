/** Verdicts, badness estimates and page-size inference on reports written from the kernel formats. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/analyze.js';
import { badnessRule, estimateBadness, verdict } from '../../server/src/core/knowledge/oom.js';
import { inferPageSize } from '../../server/src/core/knowledge/pageSize.js';
import type { OomEvent } from '../../server/src/core/model/events.js';

const oom = (...l: string[]): OomEvent => analyze(l.join('\n') + '\n').events[0] as OomEvent;
const HEAD = (order: number, release = '5.10.0'): string[] => [`a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=${order}, oom_score_adj=0`, `CPU: 0 PID: 1 Comm: a Not tainted ${release} #1`];
const KILL = 'Out of memory: Killed process 20 (big) total-vm:4000kB, anon-rss:2000kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:8kB oom_score_adj:0';
const zone = (free: number, min: number, buddy: string): string[] => ['Mem-Info:', `Node 0 Normal free:${free}kB min:${min}kB low:${min + 100}kB high:${min + 200}kB present:1048576kB managed:1000000kB`, 'lowmem_reserve[]: 0 0 0 0', `Node 0 Normal: ${buddy} = ${free}kB`, '262144 pages RAM', 'Free swap  = 0kB', 'Total swap = 0kB'];
const TABLE = ['Tasks state (memory values in pages):', '[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name', '[     10]     0    10     2000     1000    16384        0          -1000 sshd', '[     20]     0    20     1000      500     8192        0              0 big', '[     30]  1000    30     3000      900     8192      200            500 bigger'];

describe('verdict', () => {
  test('memcg limit', () => {
    const ev = oom(...HEAD(0), 'memory: usage 1024kB, limit 1024kB, failcnt 7', 'swap: usage 0kB, limit 0kB, failcnt 0', 'oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,oom_memcg=/a,task_memcg=/a,task=big,pid=20,uid=0', KILL);
    const v = verdict(ev);
    assert.equal(v.kind, 'memcg-limit');
    assert.ok(v.evidence.some((x) => x.message.includes('failcnt') && x.args[0] === 7));
  });
  test('exhausted: a zone at its min watermark', () => {
    assert.equal(verdict(oom(...HEAD(0), ...zone(900, 1000, '225*4kB (U) 0*8kB'), KILL)).kind, 'exhausted');
  });
  test('fragmentation: above the watermarks, no free block of the order', () => {
    const v = verdict(oom(...HEAD(3), ...zone(8000, 1000, '2000*4kB (UME) 0*8kB 0*16kB 0*32kB 0*64kB'), KILL));
    assert.equal(v.kind, 'fragmentation');
    assert.ok(v.evidence.some((x) => x.message.includes('no free block')));
  });
  test('the same free memory with a free block of that order is not fragmentation', () => {
    assert.notEqual(verdict(oom(...HEAD(3), ...zone(8000, 1000, '1936*4kB (UME) 0*8kB 0*16kB 2*32kB 0*64kB'), KILL)).kind, 'fragmentation');
  });
  test('manual OOM', () => {
    assert.equal(verdict(oom(...HEAD(-1), KILL)).kind, 'manual');
  });
});

describe('badness estimate and page size', () => {
  test('the rule follows the kernel version', () => {
    assert.equal(badnessRule(oom(...HEAD(0, '3.10.0-1160.el7.x86_64'), KILL))!.rootBonus, true);
    assert.equal(badnessRule(oom(...HEAD(0, '4.18.0-240.el8.x86_64'), KILL))!.rule, '4.19-5.4.143');
    assert.equal(badnessRule(oom(...HEAD(0, '5.4.144'), KILL))!.rule, '5.4.144+');
    assert.equal(badnessRule(oom(...HEAD(0, '3.4.9'), KILL)), null);
  });
  test('rss + swapents + page tables + oom_score_adj × totalpages/1000; -1000 is unkillable', () => {
    const ev = oom(...HEAD(0), ...zone(900, 1000, '225*4kB (U) 0*8kB'), ...TABLE, KILL);
    const page = inferPageSize(ev)!;
    assert.deepEqual(page, { kb: 4, source: 'buddy-list' });
    const est = estimateBadness(ev, page)!;
    assert.equal(est.totalpages, 262144);
    // big: 500 + 0 + 8192/4096 = 502; bigger: 900 + 200 + 2 + 500 × floor(262144/1000) = 1102 + 131000
    assert.deepEqual(est.scores, [{ pid: 10, points: null }, { pid: 20, points: 502 }, { pid: 30, points: 132102 }]);
  });
  test('page size from the victim total-vm when no buddy lists are printed, else unknown', () => {
    const ev = oom(...HEAD(0), ...TABLE, KILL);
    assert.deepEqual(inferPageSize(ev), { kb: 4, source: 'victim-total-vm' });
    const arm = oom('a invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0', 'CPU: 0 PID: 1 Comm: a Not tainted 5.10.0 #1', ...TABLE.slice(0, 3));
    assert.equal(inferPageSize(arm), null);
    const sixtyFour = oom(...HEAD(0), 'Mem-Info:', 'Node 0 Normal: 10*64kB (U) 0*128kB = 640kB', KILL);
    assert.deepEqual(inferPageSize(sixtyFour), { kb: 64, source: 'buddy-list' });
  });
});
