import { readDistrictBoundaries, type DistrictBoundaries } from '../../core/geo/district-sql';

let boundaries: Promise<DistrictBoundaries> | null = null;

/** The bundled district polygons the import places episodes in, fetched from the app's own files once. */
export function getDistrictBoundaries(): Promise<DistrictBoundaries> {
  boundaries ??= fetch(`${import.meta.env.BASE_URL}geo/beijing-districts.geojson`)
    .then((r) => {
      if (!r.ok) throw new Error(`beijing-districts.geojson: HTTP ${r.status}`);
      return r.json() as Promise<unknown>;
    })
    .then(readDistrictBoundaries)
    .catch((e: unknown) => {
      boundaries = null;
      throw e;
    });
  return boundaries;
}
