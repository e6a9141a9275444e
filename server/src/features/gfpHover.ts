/**
 * The gfp_mask part of a hover: the flags as the kernel printed them, decoded for the kernel's
 * flag layout where that layout was read from source (knowledge/gfp.ts).
 */
import { t, type Lang } from '../core/l10n/l10n.js';
import { codeSpan } from '../core/report/summary.js';

export function gfpHover(mask: string, printed: string[] | null, _release: string | null, lang: Lang): string {
  const out: string[] = [];
  if (printed && printed.length > 0) out.push(`${t(lang, 'Flags as printed:')} ${printed.map(codeSpan).join(' | ')}`);
  else if (printed) out.push(t(lang, 'No flags: a page-fault OOM (the fault handler found no memory).'));
  else out.push(t(lang, 'This kernel printed no flag names; mask {0}.', codeSpan(mask)));
  return out.join('\n');
}
