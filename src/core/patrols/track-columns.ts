import { tableFromIPC } from 'apache-arrow';
import type { TrackColumns } from './track-passes';

/**
 * Track columns from the Arrow IPC answer of the view's track query (team, patrol, t, lon, lat, drawn): typed
 * arrays straight from the Arrow vectors, no row objects (millions of points cross this way).
 */
export function readTrackColumns(ipc: Uint8Array, teams: readonly string[]): TrackColumns {
  const table = tableFromIPC(ipc);
  const column = <T>(name: string, make: (n: number) => T & { [i: number]: number }): T => {
    const vector = table.getChild(name);
    const out = make(table.numRows);
    if (!vector) return out;
    let i = 0;
    for (const chunk of vector.data) {
      const values = chunk.values as ArrayLike<number | bigint>;
      for (let k = 0; k < chunk.length; k++, i++) {
        const v = chunk.nullCount > 0 && !vector.isValid(i) ? NaN : values[k];
        out[i] = typeof v === 'bigint' ? Number(v) : (v as number);
      }
    }
    return out;
  };
  return {
    team: column('team', (n) => new Int32Array(n)),
    patrol: column('patrol', (n) => new Int32Array(n)),
    time: column('t', (n) => new Float64Array(n)),
    lon: column('lon', (n) => new Float64Array(n)),
    lat: column('lat', (n) => new Float64Array(n)),
    drawn: column('drawn', (n) => new Uint8Array(n)),
    teams,
  };
}
