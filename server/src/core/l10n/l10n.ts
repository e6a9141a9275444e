/**
 * Runtime strings in the style of @vscode/l10n: the English text is the key, translations live in
 * `l10n/bundle.l10n.<lang>.json` at the top of the repository (the same bundles VS Code loads for
 * the extension), and `{0}`, `{1}` are placeholders. The core imports the bundles so the CLI and
 * the language server need no VS Code.
 */
import zhCn from '../../../../l10n/bundle.l10n.zh-cn.json';

export type Lang = 'en' | 'zh-cn';

const BUNDLES: Record<Lang, Record<string, string>> = { en: {}, 'zh-cn': zhCn as Record<string, string> };

export function t(lang: Lang, message: string, ...args: (string | number)[]): string {
  const s = BUNDLES[lang][message] ?? message;
  return args.length === 0 ? s : s.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

/** `zh-cn` for Chinese locales (`zh_CN.UTF-8`, `zh-Hans`, `zh`), else `en`. */
export function langFromLocale(locale: string | undefined | null): Lang {
  if (!locale) return 'en';
  const l = locale.toLowerCase().replace('_', '-');
  return l.startsWith('zh') && !/^zh-(tw|hk|mo|hant)/.test(l) ? 'zh-cn' : 'en';
}

export function hasTranslation(lang: Lang, message: string): boolean {
  return lang === 'en' || message in BUNDLES[lang];
}
