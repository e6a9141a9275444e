/** Every runtime string has its zh-CN translation, and the translations keep their placeholders. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { hasTranslation, langFromLocale, t } from '../../server/src/core/l10n/l10n.js';
import { CONSTRAINTS, VERDICT_TEXT } from '../../server/src/core/knowledge/oom.js';
import { CORE_OUTCOME, KIND_NAMES, PAGE_SIZE_SOURCE, PANIC_CAUSE } from '../../server/src/core/report/describe.js';
import { ROOT } from '../helpers.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Literal message keys: `t(lang, '…')` calls and `row('…', …)` labels (translated by row()). */
function literalKeys(): string[] {
  const keys = new Set<string>();
  for (const f of [...sources(join(ROOT, 'server', 'src')), ...sources(join(ROOT, 'client', 'src'))]) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\(lang, (['"])((?:(?!\1).)+)\1/g)) keys.add(m[2]!);
    // The client's runtime strings (VS Code loads the same bundle for vscode.l10n.t).
    for (const m of src.matchAll(/\bl10n\.t\((['"])((?:(?!\1).)+)\1/g)) keys.add(m[2]!);
    for (const m of src.matchAll(/\brow\('([^']+)'/g)) keys.add(m[1]!);
    // Evidence templates of the knowledge modules: e('…', …)
    for (const m of src.matchAll(/\be\((['"])((?:(?!\1).)+)\1/g)) keys.add(m[2]!);
  }
  return [...keys];
}

describe('l10n', () => {
  const bundle = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const keys = [...literalKeys(), ...Object.values(KIND_NAMES), ...Object.values(PAGE_SIZE_SOURCE), ...Object.values(PANIC_CAUSE), ...Object.values(CORE_OUTCOME), ...Object.values(CONSTRAINTS), ...Object.values(VERDICT_TEXT)];

  test('the scan finds the messages (guards the scanner itself)', () => {
    assert.ok(keys.length > 80, `only ${keys.length} keys found`);
    assert.ok(keys.includes('usage {0} of limit {1}'));
  });
  test('every message has a zh-CN translation', () => {
    const missing = keys.filter((k) => !hasTranslation('zh-cn', k));
    assert.deepEqual(missing, []);
  });
  test('translations keep every placeholder', () => {
    for (const [en, zh] of Object.entries(bundle)) {
      const ph = (s: string): string[] => (s.match(/\{\d+\}/g) ?? []).sort();
      assert.deepEqual(ph(zh), ph(en), en);
    }
  });
  test('no stale entries in the bundle', () => {
    const used = new Set(keys);
    assert.deepEqual(Object.keys(bundle).filter((k) => !used.has(k)), []);
  });
  test('t() substitutes, and falls back to English', () => {
    assert.equal(t('zh-cn', 'usage {0} of limit {1}', '1 MiB', '2 MiB'), '已用 1 MiB，上限 2 MiB');
    assert.equal(t('en', 'usage {0} of limit {1}', '1 MiB', '2 MiB'), 'usage 1 MiB of limit 2 MiB');
    assert.equal(t('zh-cn', 'a message nobody translated'), 'a message nobody translated');
  });
  test('locale detection', () => {
    assert.equal(langFromLocale('zh_CN.UTF-8'), 'zh-cn');
    assert.equal(langFromLocale('zh-Hans'), 'zh-cn');
    assert.equal(langFromLocale('zh_TW.UTF-8'), 'en');
    assert.equal(langFromLocale('de_DE.UTF-8'), 'en');
    assert.equal(langFromLocale(undefined), 'en');
  });
});
