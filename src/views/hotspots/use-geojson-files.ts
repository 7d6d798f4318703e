import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Crs } from '../../core/geo/coords';
import { boundsOfMask, extractMaskArea } from '../../core/grid/polygon-mask';
import { parseUserGrid, type UserGridIssue } from '../../core/grid/user-grid';
import { getHotspotEngine } from '../../core/hotspots/hotspot-engine';
import { parseBoundary, toLonLatBounds } from '../../core/hotspots/study-area';
import type { LonLatBounds } from '../../core/geo/map-frame';
import type { LoadedBoundary, LoadedUserGrid } from './use-hotspot-analysis';

let filesPicked = 0;

/**
 * A GeoJSON file the user picked: its name, parsed JSON and a number telling it from a file of the same
 * name picked before, or the message key of why it is not JSON.
 */
function useJsonFile() {
  const [file, setFile] = useState<{ name: string; json: unknown; seq: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [crs, setCrs] = useState<Crs>('WGS84');
  const onFile = useCallback((picked: File) => {
    setError(null);
    void picked.text().then((text) => {
      try {
        setFile({ name: picked.name, json: JSON.parse(text) as unknown, seq: ++filesPicked });
      } catch {
        setError('hotspots.userGrid.invalidJson');
      }
    });
  }, []);
  return { file, error, setError, crs, setCrs, onFile };
}

/** Where a set of WGS-84 polygons lies, for the map to open on. */
function frameOf(geojson: unknown): LonLatBounds | null {
  const b = boundsOfMask(extractMaskArea(geojson));
  return b ? toLonLatBounds(b) : null;
}

/**
 * The user's 网格 file: parsed once on the page (in its coordinate system) and handed to the hot spot
 * engine, which builds its study grid from the parsed features.
 */
export function useUserGridFile() {
  const { file, error, setError, crs, setCrs, onFile } = useJsonFile();
  const [registered, setRegistered] = useState<{ parsed: object; token: string } | null>(null);
  const parsed = useMemo(() => (file ? parseUserGrid(file.json, crs) : null), [file, crs]);
  useEffect(() => {
    if (!file || !parsed?.grid) return;
    let alive = true;
    const token = `${file.name}:${crs}:${file.seq}`;
    void getHotspotEngine()
      .registerUserGrid(token, parsed.grid)
      .then(
        () => alive && setRegistered({ parsed, token }),
        (err: Error) => alive && setError(err.message),
      );
    return () => {
      alive = false;
    };
  }, [file, crs, parsed, setError]);
  const grid = useMemo<LoadedUserGrid | null>(
    () =>
      parsed?.grid && file && registered?.parsed === parsed
        ? { token: registered.token, fileName: file.name, value: parsed.grid }
        : null,
    [parsed, file, registered],
  );
  const frame = useMemo(
    () => (grid ? frameOf({ type: 'FeatureCollection', features: grid.value.features }) : null),
    [grid],
  );
  const issues: UserGridIssue[] = parsed?.issues ?? [];
  return { grid, issues, error, crs, setCrs, onFile, frame };
}

/** A study-area boundary file (GeoJSON polygons in the chosen coordinate system). */
export function useBoundaryFile() {
  const { file, error, crs, setCrs, onFile } = useJsonFile();
  const parsed = useMemo(() => (file ? parseBoundary(file.json, crs) : null), [file, crs]);
  const boundary = useMemo<LoadedBoundary | null>(
    () =>
      file && parsed && 'boundary' in parsed
        ? { token: `${file.name}:${crs}:${file.seq}`, fileName: file.name, value: parsed.boundary }
        : null,
    [file, parsed, crs],
  );
  const frame = useMemo(() => (boundary ? frameOf(boundary.value.mask) : null), [boundary]);
  const problem = error ?? (parsed && 'error' in parsed ? parsed.error : null);
  return { boundary, error: problem, crs, setCrs, onFile, frame };
}
