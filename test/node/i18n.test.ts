import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../src/app/i18n/catalogues';
import { createTranslator } from '../../src/app/i18n/translate';
import { EXCLUSIVE_KINDS } from '../../src/core/db/query-coordinator';
import { CONSOLE_REFUSALS } from '../../src/views/sql-console/queries';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('messages', () => {
  it('has every key in both languages', () => {
    const zh = Object.keys(catalogues.zh).sort();
    const en = Object.keys(catalogues.en).sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it('has a text for every message key the import can produce', () => {
    const keys = new Set<string>();
    for (const file of sourceFiles(path.resolve('src/core/import'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'((?:import|reject|warning)\.[a-zA-Z.]+)'/g))
        keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(20);
    expect([...keys].filter((k) => !(k in catalogues.zh))).toEqual([]);
  });

  it('has a text for every console refusal and for every section views can wait behind', () => {
    const keys = [...CONSOLE_REFUSALS.map((r) => `sql.error.${r}`), ...EXCLUSIVE_KINDS.map((k) => `app.waiting.${k}`)];
    expect(keys.filter((k) => !(k in catalogues.zh) || !(k in catalogues.en))).toEqual([]);
  });

  it('fills parameters and falls back to Chinese, then to the key', () => {
    const t = createTranslator({ zh: { a: '共 {n} 人次', b: '只有中文' }, en: { a: '{n} episodes' } }, 'en');
    expect(t('a', { n: 3 })).toBe('3 episodes');
    expect(t('b')).toBe('只有中文');
    expect(t('missing.key')).toBe('missing.key');
  });
});
