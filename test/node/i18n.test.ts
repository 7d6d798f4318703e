import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellMessages } from '../../src/app/shell/messages';
import { briefingMessages } from '../../src/views/briefing/messages';
import { dataMessages } from '../../src/views/data/messages';
import { hotspotMessages } from '../../src/views/hotspots/messages';
import { importMessages } from '../../src/views/import/messages';
import { originMessages } from '../../src/views/origins/messages';
import { overviewMessages } from '../../src/views/overview/messages';
import { patrolMessages } from '../../src/views/patrols/messages';
import { basemapMessages } from '../../src/views/shared/map/basemap-messages';
import { repeatReturnMessages } from '../../src/views/repeat-returns/messages';
import { sharedMessages } from '../../src/views/shared/messages';
import { sqlConsoleMessages } from '../../src/views/sql-console/messages';
import { createTranslator, defineMessages, mergeMessages, type Messages } from '../../src/views/shared/i18n/translate';
import { EXCLUSIVE_KINDS } from '../../src/core/db/query-coordinator';
import { CONSOLE_REFUSALS } from '../../src/views/sql-console/queries';

const CATALOGUES: Record<string, Messages> = {
  shell: shellMessages,
  shared: sharedMessages,
  data: dataMessages,
  import: importMessages,
  overview: overviewMessages,
  hotspots: hotspotMessages,
  repeatReturns: repeatReturnMessages,
  origins: originMessages,
  patrols: patrolMessages,
  briefing: briefingMessages,
  basemap: basemapMessages,
  sqlConsole: sqlConsoleMessages,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('messages', () => {
  it.each(Object.entries(CATALOGUES))('%s: every key in both languages, none empty', (_, messages) => {
    const zh = Object.keys(messages.zh).sort();
    const en = Object.keys(messages.en).sort();
    expect(en).toEqual(zh);
    expect(Object.entries(messages.zh).filter(([, v]) => !v.trim())).toEqual([]);
    expect(Object.entries(messages.en).filter(([, v]) => !v.trim())).toEqual([]);
  });

  it('no key is defined by two catalogues', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, messages] of Object.entries(CATALOGUES)) {
      for (const key of Object.keys(messages.zh)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${name}`);
        seen.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('has a text for every message key the import can produce', () => {
    const keys = new Set<string>();
    for (const file of sourceFiles(path.resolve('src/core/import'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'((?:import|reject|warning)\.[a-zA-Z.]+)'/g))
        keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(20);
    expect([...keys].filter((k) => !(k in importMessages.zh))).toEqual([]);
  });

  it('has a text for every console refusal and for every section views can wait behind', () => {
    const has = (m: Messages, k: string) => k in m.zh && k in m.en;
    expect(CONSOLE_REFUSALS.filter((r) => !has(sqlConsoleMessages, `sql.error.${r}`))).toEqual([]);
    expect(EXCLUSIVE_KINDS.filter((k) => !has(shellMessages, `app.waiting.${k}`))).toEqual([]);
  });

  it('fills parameters and falls back to Chinese, then to the key', () => {
    const messages = defineMessages({ zh: { a: '共 {n} 人次', b: '只有中文' }, en: { a: '{n} episodes', b: '' } });
    const t = createTranslator(messages, 'en');
    expect(t('a', { n: 3 })).toBe('3 episodes');
    expect(t('b')).toBe('只有中文');
    // @ts-expect-error a key the catalogue does not have does not compile, and shows as itself
    expect(t('missing.key')).toBe('missing.key');
  });

  it('merges catalogues, the later winning', () => {
    const a = defineMessages({ zh: { x: '甲', y: '乙' }, en: { x: 'A', y: 'B' } });
    const b = defineMessages({ zh: { y: '丙' }, en: { y: 'C' } });
    const t = createTranslator(mergeMessages(a, b), 'zh');
    expect([t('x'), t('y')]).toEqual(['甲', '丙']);
  });
});
