import { useEffect, useState } from 'react';
import { fetchGb2260, type Gb2260Index } from '../../../core/geo/gb2260';
import type { MapLabel } from './BaseMap';

const BEIJING_PREFECTURE = '110100';
let table: Promise<Gb2260Index> | null = null;

/** Names of Beijing's districts at their label points (from the bundled GB/T 2260 table), in the UI language. */
export function useDistrictLabels(lang: 'zh' | 'en'): MapLabel[] {
  const [labels, setLabels] = useState<MapLabel[]>([]);
  useEffect(() => {
    let alive = true;
    table ??= fetchGb2260(import.meta.env.BASE_URL);
    table
      .then((index) => {
        if (!alive) return;
        setLabels(
          index
            .childrenOf(BEIJING_PREFECTURE)
            .filter((u) => u.centroid)
            .map((u) => ({ position: u.centroid!, text: lang === 'en' && u.nameEn ? u.nameEn : u.name, size: 12 })),
        );
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [lang]);
  return labels;
}
