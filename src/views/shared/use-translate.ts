import { useMemo } from 'react';
import { useApp } from './app-context';
import { sharedMessages, type SharedKey } from './messages';
import { createTranslator, defineMessages, mergeMessages, type Messages, type Translate } from './i18n/translate';

/** The translator of a view: its own words and the shared ones, in the user's language. */
export function useTranslate<K extends string>(messages: Messages<K>): Translate<K | SharedKey> {
  const { lang } = useApp();
  return useMemo(
    () => createTranslator<K | SharedKey>(mergeMessages(sharedMessages, messages), lang),
    [messages, lang],
  );
}

const NO_OWN_WORDS = defineMessages({ zh: {}, en: {} });

/** The translator of a shared component: the shared words only. */
export function useSharedTranslate(): Translate<SharedKey> {
  return useTranslate(NO_OWN_WORDS);
}
