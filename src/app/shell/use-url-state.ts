import { useCallback, useEffect, useState } from 'react';
import { parseUrlState, serializeUrlState, type UrlState } from '../url-state';

/** The shell's state lives in the address bar, so a copied link reopens the same view and filters. */
export function useUrlState(): [UrlState, (update: (s: UrlState) => UrlState) => void] {
  const [state, setState] = useState<UrlState>(() => parseUrlState(window.location.search));
  useEffect(() => {
    const onPop = () => setState(parseUrlState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((fn: (s: UrlState) => UrlState) => {
    setState((prev) => {
      const next = fn(prev);
      const search = `?${serializeUrlState(next)}`;
      if (search !== window.location.search) window.history.replaceState(null, '', search);
      return next;
    });
  }, []);
  return [state, update];
}
