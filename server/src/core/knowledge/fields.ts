/**
 * What each field of a report means, in English and Simplified Chinese: two or three sentences for
 * an engineer reading the log. Sources: mm/oom_kill.c, mm/memcontrol.c, mm/page_alloc.c and
 * mm/show_mem.c (3.10–6.18, kernel-log-formats.md §3), Documentation/admin-guide/cgroup-v2.rst
 * (memory.stat keys), Documentation/admin-guide/sysctl/vm.rst (watermarks), lib/dump_stack.c.
 * zh-CN terms follow shared/reference/glossary-zh-cn.md.
 */
import type { Lang } from '../l10n/l10n.js';

export type Text = Record<Lang, string>;

const x = (en: string, zh: string): Text => ({ en, 'zh-cn': zh });

export const FIELD_TEXT: Record<string, Text> = {
  'trigger.comm': x(
    'The task whose allocation failed and which invoked the OOM killer. It is not necessarily the victim: the killer picks the task with the highest badness.',
    '分配内存失败并调用 OOM killer 的进程。它不一定是被杀进程：OOM killer 会选择 OOM 评分最高的进程。',
  ),
  'trigger.gfpMask': x(
    'gfp_mask: the allocation flags of the request that failed. They say which memory zones it may use and whether the allocator may sleep, reclaim, do I/O or call into file systems.',
    'gfp_mask：失败的那次分配请求所带的分配标志，决定可用的内存区域（zone），以及分配器能否睡眠、回收内存、做 I/O 或进入文件系统。',
  ),
  'trigger.order': x(
    'order: the request was for 2^order physically contiguous pages. Orders above 3 (PAGE_ALLOC_COSTLY_ORDER) are costly: the allocator fails them instead of invoking the OOM killer. order=-1 means the OOM killer was invoked by hand (SysRq-f).',
    'order（阶）：请求 2^order 个物理连续页。阶大于 3（PAGE_ALLOC_COSTLY_ORDER）属于代价高的分配，分配器会直接失败而不调用 OOM killer。order=-1 表示 OOM killer 是手动触发的（SysRq-f）。',
  ),
  oomScoreAdj: x(
    'oom_score_adj (-1000…1000) shifts a task’s badness by oom_score_adj × totalpages / 1000. -1000 makes a task unkillable by the OOM killer; 1000 makes it the first choice.',
    'oom_score_adj（-1000…1000）会把进程的 OOM 评分调整 oom_score_adj × totalpages / 1000。-1000 表示 OOM killer 永不杀它；1000 表示优先杀它。',
  ),
  'trigger.nodemask': x('nodemask: the NUMA nodes the allocation was allowed to use; (null) means no restriction (4.14–4.19 print it here).', 'nodemask：该分配允许使用的 NUMA 节点；(null) 表示不限制（4.14–4.19 在此处打印）。'),
  'cpuset.cpuset': x('The cpuset cgroup of the allocating task; its mems_allowed limits the NUMA nodes it may allocate from.', '发起分配的进程所属的 cpuset cgroup；其 mems_allowed 限定了可分配的 NUMA 节点。'),
  memsAllowed: x('mems_allowed: the NUMA nodes the task’s cpuset allows.', 'mems_allowed：进程的 cpuset 允许使用的 NUMA 节点。'),
  'cpu.comm': x('The task that was running on this CPU when the stack was dumped.', '打印调用栈时该 CPU 上正在运行的进程。'),
  'cpu.pid': x('PID of the task whose stack follows.', '其后调用栈所属进程的 PID。'),
  'cpu.release': x('The kernel release (uname -r). Formats, flag layouts and the badness rule are read for this version.', '内核版本（uname -r）。报告格式、标志位布局和 OOM 评分规则都按该版本解读。'),
  'cpu.tainted': x('The kernel’s taint flags: one letter per reason the kernel is no longer in a pristine state (see the list).', '内核污染标志（taint）：每个字母代表内核不再处于“干净”状态的一个原因（见下表）。'),
  hardware: x('The machine as DMI (x86) or the device tree (arm64) describes it.', '由 DMI（x86）或设备树（arm64）给出的机器型号。'),
  'memcg.usage': x('Memory charged to this cgroup when the OOM happened.', '发生 OOM 时该 cgroup 已计入的内存用量。'),
  'memcg.limit': x('The cgroup’s limit (memory.max on v2, memory.limit_in_bytes on v1). 9007199254740988kB (PAGE_COUNTER_MAX) means unlimited.', '该 cgroup 的内存上限（v2 为 memory.max，v1 为 memory.limit_in_bytes）。9007199254740988kB（PAGE_COUNTER_MAX）表示不限制。'),
  'memcg.failcnt': x('How many times a charge hit the limit (v2 6.18+: memory.events max). A high count means the cgroup has been reclaiming at its limit for a while.', '内存计费触达上限的次数（v2 6.18+ 为 memory.events 的 max）。数值大说明该 cgroup 已在上限处反复回收了一段时间。'),
  'memcg.taskMemcg': x('The memory cgroup of the task in question (the victim, or the task printed).', '相关进程（被杀进程或所打印的进程）所在的内存 cgroup。'),
  'memcg.oomMemcg': x('The memory cgroup whose limit was hit: only its tasks could be chosen.', '达到内存上限的内存 cgroup：只会从其中的进程里选择被杀进程。'),
  'memcgStats.path': x('The cgroup whose memory.stat follows (≤5.2: one line per cgroup of the subtree).', '其后 memory.stat 所属的 cgroup（5.2 及以前：子树中每个 cgroup 一行）。'),
  'oomKill.constraint': x('What limited the memory the allocation could use; it also sets totalpages for the badness.', '限制该次分配可用内存的因素；它也决定了 OOM 评分中的 totalpages。'),
  'oomKill.nodemask': x('The NUMA nodes the allocation was allowed to use; (null) means no restriction.', '该分配允许使用的 NUMA 节点；(null) 表示不限制。'),
  'oomKill.cpuset': x('The cpuset cgroup (its name only) of the allocating task.', '发起分配的进程所属 cpuset cgroup（仅名称）。'),
  'oomKill.mems_allowed': x('mems_allowed: the NUMA nodes the cpuset allows.', 'mems_allowed：cpuset 允许使用的 NUMA 节点。'),
  'oomKill.oom_memcg': x('The memory cgroup that hit its limit (a memcg OOM).', '达到内存上限的内存 cgroup（memcg OOM）。'),
  'oomKill.global_oom': x('The whole machine ran out of memory: no cgroup limit was involved.', '整机内存耗尽：与 cgroup 上限无关。'),
  'oomKill.task_memcg': x('The memory cgroup of the victim (full path).', '被杀进程所在的内存 cgroup（完整路径）。'),
  'oomKill.task': x('The victim’s command name (comm, at most 15 characters).', '被杀进程的命令名（comm，最多 15 个字符）。'),
  'oomKill.pid': x('The victim’s PID.', '被杀进程的 PID。'),
  'oomKill.uid': x('The victim’s user ID.', '被杀进程的用户 ID。'),
  'kill.pid': x('The PID of the task the OOM killer killed.', 'OOM killer 杀死的进程的 PID。'),
  'kill.comm': x('The command name of the killed task.', '被杀进程的命令名。'),
  'kill.message': x('Which OOM killer acted: "Out of memory" (global), "Memory cgroup out of memory" (a cgroup limit).', '是哪一种 OOM 处理：“Out of memory”为全局，“Memory cgroup out of memory”为 cgroup 上限。'),
  'kill.total-vm': x('The victim’s virtual address space size (mm->total_vm), in kB. Virtual, not resident: it says little about memory use.', '被杀进程的虚拟地址空间大小（mm->total_vm），单位 kB。这是虚拟内存而非常驻内存，不代表实际占用。'),
  'kill.anon-rss': x('The victim’s resident anonymous memory (heap, stacks, private mappings) when it was killed: what killing it frees.', '被杀时该进程的常驻匿名页（堆、栈、私有映射）：杀掉它能释放的主要就是这部分。'),
  'kill.file-rss': x('The victim’s resident file-backed pages (mapped files, libraries); they can be dropped without the kill.', '被杀进程常驻的文件页（映射文件、共享库）；即使不杀进程也可以被回收。'),
  'kill.shmem-rss': x('The victim’s resident shared memory (tmpfs, shm, memfd); killing the task frees it only if nothing else maps it.', '被杀进程常驻的共享内存（tmpfs、shm、memfd）；只有没有其他进程映射时，杀掉它才会释放。'),
  'kill.UID': x('The victim’s user ID.', '被杀进程的用户 ID。'),
  'kill.pgtables': x('Memory used by the victim’s page tables, in kB; counted in the badness too.', '被杀进程页表占用的内存（kB）；也计入 OOM 评分。'),
  'kill.oom_score_adj': x('The victim’s oom_score_adj (5.4+ print it here).', '被杀进程的 oom_score_adj（5.4+ 在此打印）。'),
  'select.score': x('The chosen task’s badness as permille of totalpages (≤5.2). It can exceed 1000 because oom_score_adj is added first.', '被选中进程的 OOM 评分，按 totalpages 的千分比表示（5.2 及以前）。因为先加上了 oom_score_adj，它可能超过 1000。'),
  'select.pid': x('The task the OOM killer selected. Before 5.3 it could kill one of its children instead ("or sacrifice child").', 'OOM killer 选中的进程。5.3 之前可能改杀它的一个子进程（“or sacrifice child”）。'),
  'select.comm': x('The command name of the selected task.', '被选中进程的命令名。'),
  'reaper.pid': x('The victim whose memory the oom_reaper kernel thread freed.', 'oom_reaper 内核线程回收了其内存的被杀进程。'),
  reaperRss: x('Measured after the reap: usually 0 kB. The victim’s size before the kill is on its kill line or its tasks-table row.', '这是回收之后的值，通常为 0 kB。被杀前的大小见杀进程那一行或进程表中的对应行。'),
  'memInfo.counters': x('A global counter of the Mem-Info block, in pages.', 'Mem-Info 中的全局计数，单位为页。'),
  'memInfo.node': x('A per-node counter of the Mem-Info block, in kB.', 'Mem-Info 中按 NUMA 节点统计的值，单位 kB。'),
  'memInfo.zone': x('A per-zone value of the Mem-Info block, in kB.', 'Mem-Info 中按内存区域（zone）统计的值，单位 kB。'),
  'zone.free': x('Free memory in this zone. Compare it with the min/low/high watermarks: below min only privileged allocations succeed.', '该内存区域的空闲内存。与 min/low/high 水位比较：低于 min 时只有特权分配能成功。'),
  'zone.min': x('The min watermark: below it, allocations enter direct reclaim (the allocating task reclaims synchronously), and only atomic or privileged allocations may dip further.', 'min 水位：低于它时分配会进入直接内存回收（同步，阻塞进程），只有原子分配或特权分配能继续使用更低的内存。'),
  'zone.low': x('The low watermark: when free memory falls below it, kswapd wakes up and reclaims in the background.', 'low 水位：空闲内存低于它时唤醒 kswapd 进行后台回收（异步）。'),
  'zone.high': x('The high watermark: kswapd keeps reclaiming until free memory is back above it.', 'high 水位：kswapd 会持续回收，直到空闲内存回到它之上。'),
  'zone.boost': x('Watermark boost: a temporary raise of the watermarks after fragmentation events, so kswapd reclaims more.', '水位提升（boost）：发生碎片化事件后临时抬高水位，让 kswapd 多回收一些。'),
  'zone.present': x('Physical memory in this zone.', '该内存区域的物理内存。'),
  'zone.managed': x('Memory of this zone the buddy allocator manages (present minus reserved).', '伙伴系统管理的该区域内存（present 减去保留部分）。'),
  lowmemReserve: x('lowmem_reserve[]: pages this zone keeps back from allocations that could have used a higher zone, one value per higher zone.', 'lowmem_reserve[]：为本可使用更高内存区域的分配而保留的页数，每个更高区域一个值。'),
  buddy: x('The buddy allocator’s free lists: count × block size per order. If the orders at and above the request are all 0, the zone is fragmented even with free memory.', '伙伴系统空闲链表：每个阶的“块数 × 块大小”。若请求阶及以上全为 0，即使有空闲内存也说明该区域存在内存碎片。'),
  'memInfo.memTotal': x('A page total of show_mem(): in pages, unless the line says kB.', 'show_mem() 的页数统计：除非该行写明 kB，否则单位为页。'),
  'tasks.name': x('A task eligible for this OOM kill (same memcg/cpuset/mempolicy; kernel threads are not listed).', '本次 OOM 可选的一个进程（同一 memcg/cpuset/内存策略；内核线程不列出）。'),
  unknown: x('This field is not known to Kernel Log Triage: no explanation from kernel source yet.', 'Kernel Log Triage 尚不认识这个字段：还没有来自内核源码的解释。'),
};

/** Tasks-table columns (mm/oom_kill.c dump_tasks). */
export const COLUMN_TEXT: Record<string, Text> = {
  pid: x('The task’s PID (thread-group member whose mm was found).', '进程 PID（找到其 mm 的线程组成员）。'),
  uid: x('Real user ID in the initial user namespace.', '初始用户命名空间中的真实用户 ID。'),
  tgid: x('Thread-group ID (the process ID).', '线程组 ID（即进程 ID）。'),
  total_vm: x('Virtual memory size in pages (not resident).', '虚拟内存大小，单位为页（不是常驻内存）。'),
  rss: x('Resident memory in pages: anonymous + file (+ shmem) pages mapped by the task. The main part of its badness.', '常驻内存页数：进程映射的匿名页 + 文件页（+ 共享内存页）。OOM 评分的主要组成部分。'),
  rss_anon: x('Resident anonymous pages (6.8+).', '常驻匿名页数（6.8+）。'),
  rss_file: x('Resident file-backed pages (6.8+).', '常驻文件页数（6.8+）。'),
  rss_shmem: x('Resident shared-memory pages (6.8+).', '常驻共享内存页数（6.8+）。'),
  nr_ptes: x('Page-table pages (≤4.14); counted in the badness.', '页表页数（4.14 及以前）；计入 OOM 评分。'),
  nr_pmds: x('PMD page-table pages (4.14).', 'PMD 页表页数（4.14）。'),
  pgtables_bytes: x('Page-table memory in bytes (4.19+); counted in the badness.', '页表占用的字节数（4.19+）；计入 OOM 评分。'),
  swapents: x('Pages of the task that are in swap; counted in the badness.', '进程被换出到交换分区的页数；计入 OOM 评分。'),
  oom_score_adj: FIELD_TEXT.oomScoreAdj!,
  name: x('The command name (comm), at most 15 characters.', '命令名（comm），最多 15 个字符。'),
  cpu: x('The CPU the task last ran on (3.x).', '进程最近运行的 CPU（3.x）。'),
  oom_adj: x('The legacy oom_adj (-17…15) of 3.x kernels.', '3.x 内核的旧版 oom_adj（-17…15）。'),
};

/** memory.stat keys (cgroup v2 and v1, Documentation/admin-guide/cgroup-v2.rst and cgroup-v1/memory.rst). */
export const STAT_TEXT: Record<string, Text> = {
  anon: x('Anonymous memory (heap, stacks, private mappings) of the cgroup.', '该 cgroup 的匿名内存（堆、栈、私有映射）。'),
  file: x('Page cache of the cgroup: reclaimable unless dirty, under writeback or mapped.', '该 cgroup 的页缓存：除非是脏页、正在回写或被映射，否则可回收。'),
  kernel: x('Kernel memory charged to the cgroup (6.1+).', '计入该 cgroup 的内核内存（6.1+）。'),
  kernel_stack: x('Kernel stacks of the cgroup’s tasks.', '该 cgroup 内进程的内核栈。'),
  pagetables: x('Page tables of the cgroup’s tasks.', '该 cgroup 内进程的页表。'),
  percpu: x('Per-CPU kernel memory charged to the cgroup.', '计入该 cgroup 的 per-CPU 内核内存。'),
  sock: x('Network socket buffers.', '网络套接字缓冲区。'),
  shmem: x('Shared memory (tmpfs, shm): swap-backed, not reclaimable without swap.', '共享内存（tmpfs、shm）：以交换分区为后备，没有 swap 时无法回收。'),
  file_mapped: x('Page cache mapped into processes.', '被进程映射的页缓存。'),
  file_dirty: x('Page cache waiting to be written back.', '等待回写的脏页缓存。'),
  file_writeback: x('Page cache being written back.', '正在回写的页缓存。'),
  anon_thp: x('Anonymous memory in transparent huge pages.', '以透明大页（THP）形式存在的匿名内存。'),
  inactive_anon: x('Anonymous memory on the inactive LRU list: first in line for swap-out.', '位于 inactive LRU 链表上的匿名内存：优先被换出。'),
  active_anon: x('Anonymous memory on the active LRU list.', '位于 active LRU 链表上的匿名内存。'),
  inactive_file: x('Page cache on the inactive LRU list: first to be reclaimed.', '位于 inactive LRU 链表上的页缓存：最先被回收。'),
  active_file: x('Page cache on the active LRU list.', '位于 active LRU 链表上的页缓存。'),
  unevictable: x('Memory that cannot be reclaimed (mlock, ramfs).', '不可回收的内存（mlock、ramfs）。'),
  slab_reclaimable: x('Slab memory that can be reclaimed (dentries, inodes).', '可回收的 slab 内存（dentry、inode 缓存）。'),
  slab_unreclaimable: x('Slab memory that cannot be reclaimed.', '不可回收的 slab 内存。'),
  slab: x('All slab memory of the cgroup.', '该 cgroup 的全部 slab 内存。'),
  pgfault: x('Page faults (a count, not bytes).', '缺页异常次数（计数，不是字节）。'),
  pgmajfault: x('Major page faults that needed I/O (a count).', '需要 I/O 的主缺页异常次数（计数）。'),
  pgscan: x('Pages scanned by reclaim (a count).', '内存回收扫描的页数（计数）。'),
  pgsteal: x('Pages reclaimed (a count).', '被回收的页数（计数）。'),
  cache: x('Page cache (v1, KB in ≤5.2 reports).', '页缓存（v1，5.2 及以前的报告单位为 KB）。'),
  rss: x('Anonymous memory and swap cache (v1).', '匿名内存和交换缓存（v1）。'),
  rss_huge: x('Anonymous transparent huge pages (v1).', '匿名透明大页（v1）。'),
  mapped_file: x('Mapped page cache (v1).', '被映射的页缓存（v1）。'),
  dirty: x('Dirty page cache (v1).', '脏页缓存（v1）。'),
  writeback: x('Page cache under writeback (v1).', '正在回写的页缓存（v1）。'),
  swap: x('Swap used by the cgroup (v1).', '该 cgroup 使用的交换分区（v1）。'),
};

/** memory.stat keys that are event counts, not bytes (5.3+ block). */
export function isCountStat(key: string): boolean {
  return /^(?:pg|workingset_|thp_|numa_|zswp|swpin|swpout|pswp)/.test(key);
}
