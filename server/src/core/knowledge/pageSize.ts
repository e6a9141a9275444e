/**
 * Page size of the reporting kernel, inferred from the report itself (kernel-log-formats.md §9).
 * Tasks-table memory columns are pages; every `…kB` figure is pages << (PAGE_SHIFT - 10).
 */
import type { OomEvent } from '../model/events.js';

export interface PageSize {
  kb: number;
  /** How it was found, for the user: which numbers of the report gave it away. */
  source: 'buddy-list' | 'victim-total-vm' | 'memcg-usage-vs-rss' | 'arch';
}

/** Page sizes Linux supports on the architectures we meet (arm64 4K/16K/64K, ppc64 64K). */
const SIZES = [4, 8, 16, 64];

function nearest(ratio: number): number | null {
  for (const s of SIZES) if (Math.abs(ratio - s) / s < 0.1) return s;
  return null;
}

export function inferPageSize(ev: OomEvent): PageSize | null {
  // 1. The first buddy bucket is one page: `Node 0 DMA: 0*4kB …` (mm/page_alloc.c show_free_areas).
  const z = ev.memInfo?.zones.find((x) => x.buddy && x.buddy.blockKb.length > 0);
  if (z) return { kb: z.buddy!.blockKb[0]!, source: 'buddy-list' };
  // 2. The victim's `total-vm:` kB against its table row's total_vm pages (same counter).
  const k = ev.killed;
  if (k && k.totalVmKb && ev.tasks) {
    const row = ev.tasks.find((r) => r.pid === k.pid);
    if (row && row.totalVm) {
      const s = nearest(k.totalVmKb / row.totalVm);
      if (s) return { kb: s, source: 'victim-total-vm' };
    }
  }
  // 3. memcg usage (kB) against the sum of the table's rss (pages): all charged memory is mostly
  //    the tasks' resident pages; only accepted when the ratio lands near a real page size.
  if (ev.memcg?.usageKb && ev.tasks && ev.tasks.length > 0) {
    const rss = ev.tasks.reduce((a, r) => a + (r.rss ?? 0), 0);
    if (rss > 0) {
      const s = nearest(ev.memcg.usageKb / rss);
      if (s) return { kb: s, source: 'memcg-usage-vs-rss' };
    }
  }
  // 4. x86 has 4 KiB base pages only.
  if (ev.kernel?.arch === 'x86_64' || ev.kernel?.arch === 'x86') return { kb: 4, source: 'arch' };
  return null;
}
