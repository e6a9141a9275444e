/**
 * The gfp_mask part of a hover: the flags as the kernel printed them, and our decoding for the
 * kernel's flag layout (knowledge/gfp.ts) — or "layout not verified", never a guess.
 */
import { decodeGfp, gfpFlagInfo } from '../core/knowledge/gfp.js';
import { t, type Lang } from '../core/l10n/l10n.js';
import { codeSpan, md } from '../core/report/summary.js';

export function gfpHover(mask: string, printed: string[] | null, release: string | null, lang: Lang): string {
  const out: string[] = [];
  if (printed && printed.length > 0) out.push(`${t(lang, 'Flags as printed:')} ${printed.map(codeSpan).join(' | ')}`);
  else if (printed) out.push(t(lang, 'No flags: a page-fault OOM (the fault handler found no memory).'));
  else out.push(t(lang, 'This kernel printed no flag names; mask {0}.', codeSpan(mask)));
  const d = decodeGfp(mask, release, printed);
  if (!d || d.layout === 'unknown') {
    out.push('', t(lang, 'Flag layout not verified for kernel {0}: bits {1} are shown as printed, not decoded.', codeSpan(release ?? '?'), codeSpan(d?.unknownBits ?? mask)));
  } else {
    if (!printed) out.push('', `${t(lang, 'Decoded for the {0} layout:', d.layout)} ${d.flags.map(codeSpan).join(' | ')}`);
    if (d.unknownBits) out.push('', t(lang, 'Bits no flag name covers: {0}', codeSpan(d.unknownBits)));
  }
  const names = d && d.layout !== 'unknown' ? d.flags : (printed ?? []);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name) || name.startsWith('0x')) continue;
    seen.add(name);
    const info = gfpFlagInfo(name, release);
    if (info) out.push(`- ${codeSpan(name)}${info.bit ? ` (${codeSpan(info.bit)})` : ''}: ${md(info.meaning[lang])}`);
  }
  return out.join('\n');
}
