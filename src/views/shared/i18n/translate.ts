import type { Lang } from './format';

/** A view's words: every key in Chinese (the default) and in English. */
export interface Messages<K extends string = string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

/** The keys of a catalogue, e.g. `MessageKey<typeof hotspotMessages>`. */
export type MessageKey<M> = M extends Messages<infer K> ? K : never;

export type MessageParams = Record<string, string | number>;

/** Looks a key up in the user's language; the key type says which words may be asked for. */
export type Translate<K extends string = string> = (key: K, params?: MessageParams) => string;

/**
 * A key computed at run time: a vocabulary value from the data (`channel.${code}`), or a message key
 * that core hands over (a rejection reason, an import warning, an analysis limit). It is not checked
 * when compiling; an unknown key shows as itself.
 */
export function runtimeKey<K extends string>(key: string): K {
  return key as K;
}

/**
 * Declares a catalogue; its keys are its type, so asking for a missing key does not compile, and an
 * English text missing or extra beside the Chinese ones does not either.
 */
export function defineMessages<const K extends string>(messages: {
  zh: Record<K, string>;
  en: NoInfer<Record<K, string>>;
}): Messages<K> {
  return messages;
}

/** One catalogue of several, e.g. a view's own words and the shared ones. */
export function mergeMessages<const T extends readonly Messages[]>(...parts: T): Messages<MessageKey<T[number]>> {
  type K = MessageKey<T[number]>;
  return {
    zh: Object.assign({}, ...parts.map((p) => p.zh)) as Record<K, string>,
    en: Object.assign({}, ...parts.map((p) => p.en)) as Record<K, string>,
  };
}

/** Looks a key up in the language's catalogue (an empty or missing text falls back to Chinese, then to the key) and fills {params}. */
export function createTranslator<K extends string>(messages: Messages<K>, lang: Lang): Translate<K> {
  return (key, params) => {
    const text = (messages[lang] as Record<string, string>)[key] || (messages.zh as Record<string, string>)[key] || key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
