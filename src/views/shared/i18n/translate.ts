import type { Lang } from './format';

export type Messages = Record<string, string>;
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Looks a key up in the language's catalogue (falling back to Chinese, then to the key) and fills {params}. */
export function createTranslator(catalogues: Record<Lang, Messages>, lang: Lang): Translate {
  return (key, params) => {
    const text = catalogues[lang][key] ?? catalogues.zh[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

export function mergeCatalogues(...parts: Record<Lang, Messages>[]): Record<Lang, Messages> {
  return {
    zh: Object.assign({}, ...parts.map((p) => p.zh)) as Messages,
    en: Object.assign({}, ...parts.map((p) => p.en)) as Messages,
  };
}
