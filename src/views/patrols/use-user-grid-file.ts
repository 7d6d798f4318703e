import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Crs } from '../../core/geo/coords';
import { parseUserGrid } from '../../core/grid/user-grid';
import { getPatrolEngine } from '../../core/patrols/patrol-engine';
import type { LoadedUserGrid } from './use-patrol-coverage';

/** The user's 网格 file: read, parsed in the datum chosen, and registered with the patrol engine. */
export function useUserGridFile() {
  const [userFile, setUserFile] = useState<{ name: string; json: unknown } | null>(null);
  const [userCrs, setUserCrs] = useState<Crs>('WGS84');
  const [userGrid, setUserGrid] = useState<LoadedUserGrid | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const parsed = useMemo(() => (userFile ? parseUserGrid(userFile.json, userCrs) : null), [userFile, userCrs]);
  useEffect(() => {
    const grid = parsed?.grid;
    if (!userFile || !grid) return;
    const token = `${userFile.name}:${userCrs}:${Date.now()}`;
    let alive = true;
    void getPatrolEngine()
      .registerUserGrid(token, grid)
      .then(() => alive && setUserGrid({ token, fileName: userFile.name, grid }));
    return () => {
      alive = false;
    };
  }, [userFile, userCrs, parsed]);
  const onUserGridFile = useCallback((file: File) => {
    setFileError(null);
    void file.text().then((text) => {
      try {
        setUserFile({ name: file.name, json: JSON.parse(text) as unknown });
      } catch {
        setFileError('hotspots.userGrid.invalidJson');
      }
    });
  }, []);

  return {
    userGrid,
    userCrs,
    setUserCrs,
    onUserGridFile,
    fileError,
    parseFailed: parsed !== null && parsed.grid === null,
  };
}
