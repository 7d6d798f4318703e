import type { StudyArea } from '../../core/hotspots/study-area';
import type { HotspotTranslate } from './messages';
import type { LoadedBoundary, LoadedUserGrid } from './use-hotspot-analysis';

/** The sentence naming the study area a result was computed on and its number of cells (null before one). */
export function describeStudyArea(
  area: StudyArea | null,
  cells: string | null,
  context: {
    districts: readonly string[];
    userGrid: LoadedUserGrid | null;
    boundary: LoadedBoundary | null;
    t: HotspotTranslate;
  },
): string | null {
  const { t } = context;
  if (!area || cells === null) return null;
  if (area.kind === 'grid') return t('hotspots.area.usedGrid', { file: context.userGrid?.fileName ?? '', cells });
  if (area.kind === 'boundary') {
    return t('hotspots.area.usedBoundary', { file: context.boundary?.fileName ?? '', cells });
  }
  return context.districts.length
    ? t('hotspots.area.usedOccupiedDistricts', {
        districts: context.districts.join(t('hotspots.place.separator')),
        cells,
      })
    : t('hotspots.area.usedOccupied', { cells });
}
