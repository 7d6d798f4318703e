import { useEffect, useState } from 'react';
import type { Gb2260Index } from '../../core/geo/gb2260';
import { loadBundledGb2260 } from '../shared/bundled-gb2260';

/** The bundled GB/T 2260 table (origin names), loaded once; null until it has arrived or when it fails. */
export function usePlaceNames(): Gb2260Index | null {
  const [index, setIndex] = useState<Gb2260Index | null>(null);
  useEffect(() => {
    let alive = true;
    loadBundledGb2260().then(
      (t) => alive && setIndex(t),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, []);
  return index;
}
