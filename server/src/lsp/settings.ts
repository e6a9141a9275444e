/** One typed settings object and `normalize(raw)` (vscode-eslint `$shared/settings.ts` style). */
import type { Settings } from '../protocol.js';

export const DEFAULT_SETTINGS: Settings = {
  explanationLanguage: 'auto',
  diagnostics: { enable: true, maxPerFile: 1000 },
  plainLogFiles: true,
  kernel: '',
};

export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = (r.diagnostics && typeof r.diagnostics === 'object' ? r.diagnostics : {}) as Record<string, unknown>;
  const lang = r.explanationLanguage;
  const max = typeof d.maxPerFile === 'number' && Number.isFinite(d.maxPerFile) ? Math.max(1, Math.min(1000, Math.floor(d.maxPerFile))) : DEFAULT_SETTINGS.diagnostics.maxPerFile;
  return {
    explanationLanguage: lang === 'en' || lang === 'zh-cn' ? lang : 'auto',
    diagnostics: { enable: typeof d.enable === 'boolean' ? d.enable : true, maxPerFile: max },
    plainLogFiles: typeof r.plainLogFiles === 'boolean' ? r.plainLogFiles : true,
    kernel: typeof r.kernel === 'string' ? r.kernel.trim() : '',
  };
}
