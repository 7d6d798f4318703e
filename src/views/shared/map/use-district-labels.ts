import { useEffect, useState } from 'react';
import { loadBundledGb2260 } from '../bundled-gb2260';
import type { MapLabel } from './BaseMap';

const BEIJING_PREFECTURE = '110100';

/** Names of Beijing's districts at their label points (from the bundled GB/T 2260 table), in the UI language. */
export function useDistrictLabels(lang: 'zh' | 'en'): MapLabel[] {
  const [labels, setLabels] = useState<MapLabel[]>([]);
  useEffect(() => {
    let alive = true;
    loadBundledGb2260()
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
