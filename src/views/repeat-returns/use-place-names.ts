import { useEffect, useState } from 'react';
import { fetchGb2260, type Gb2260Index } from '../../core/geo/gb2260';

let table: Promise<Gb2260Index> | null = null;

/** The bundled GB/T 2260 table (origin names), loaded once; null until it has arrived or when it fails. */
export function usePlaceNames(): Gb2260Index | null {
  const [index, setIndex] = useState<Gb2260Index | null>(null);
  useEffect(() => {
    let alive = true;
    table ??= fetchGb2260(import.meta.env.BASE_URL);
    table.then(
      (t) => alive && setIndex(t),
      () => {
        table = null;
      },
    );
    return () => {
      alive = false;
    };
  }, []);
  return index;
}
