import { fetchGb2260, type Gb2260Index } from '../../core/geo/gb2260';

let table: Promise<Gb2260Index> | null = null;

/** The bundled GB/T 2260 table, fetched from the app's own files once for every view and the import. */
export function loadBundledGb2260(): Promise<Gb2260Index> {
  table ??= fetchGb2260(import.meta.env.BASE_URL).catch((e: unknown) => {
    table = null;
    throw e;
  });
  return table;
}
