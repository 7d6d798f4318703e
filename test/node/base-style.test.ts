import { existsSync } from 'node:fs';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { buildBaseStyle, type MapLang, type MapLevel } from '../../src/views/shared/map/base-style';

const cases: [MapLevel, MapLang, string][] = [
  ['national', 'zh', '/'],
  ['national', 'en', '/atlas/'],
  ['beijing', 'zh', '/'],
  ['beijing', 'en', './'],
];

describe('base style', () => {
  it.each(cases)('%s / %s / base %s validates against the MapLibre style spec', (level, lang, baseUrl) => {
    const style = buildBaseStyle({ level, lang, baseUrl });
    expect(validateStyleMin(style)).toEqual([]);
  });

  it.each(cases)('%s / %s / base %s fetches nothing outside the app', (level, lang, baseUrl) => {
    const style = buildBaseStyle({ level, lang, baseUrl });
    const text = JSON.stringify(style);
    expect(text).not.toMatch(/https?:|mapbox:|\/\/[a-z]/i);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const source of Object.values(style.sources)) {
      expect(source.type).toBe('geojson');
      const data = (source as { data: unknown }).data;
      expect(typeof data).toBe('string');
      expect(data as string).toMatch(new RegExp(`^${baseUrl.replace(/[./]/g, '\\$&')}geo/[a-z-]+\\.geojson$`));
      expect(existsSync(`public/${(data as string).slice(baseUrl.length)}`), data as string).toBe(true);
    }
  });

  it('draws no text with MapLibre (labels come from deck.gl) and uses only declared sources', () => {
    for (const [level, lang, baseUrl] of cases) {
      const style = buildBaseStyle({ level, lang, baseUrl });
      expect(style.layers.map((l) => l.type)).not.toContain('symbol');
      for (const layer of style.layers) {
        if ('source' in layer && layer.source) expect(style.sources).toHaveProperty([layer.source as string]);
      }
    }
  });

  it('shows the South China Sea inset on national maps only', () => {
    const ids = (level: MapLevel) => buildBaseStyle({ level, lang: 'zh', baseUrl: '/' }).layers.map((l) => l.id);
    expect(ids('national')).toContain('inset-land');
    expect(ids('beijing')).not.toContain('inset-land');
    expect(ids('beijing')).toContain('district-line');
  });
});
