import { useMemo } from 'react';
import { useApp } from './app-context';
import { sharedMessages, type SharedKey } from './messages';
import { createTranslator, mergeMessages, type Messages, type Translate } from './i18n/translate';

/** The translator of a view: its own words and the shared ones, in the user's language. */
export function useTranslate<K extends string>(messages: Messages<K>): Translate<K | SharedKey> {
  const { lang } = useApp();
  return useMemo(
    () => createTranslator<K | SharedKey>(mergeMessages(sharedMessages, messages), lang),
    [messages, lang],
  );
}
