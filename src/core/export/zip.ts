import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  name: string;
  /** built when its turn comes, so a long export can report progress and be cancelled between files */
  build(): Promise<Uint8Array>;
}

export interface ZipProgress {
  done: number;
  total: number;
  name: string;
}

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

/**
 * One ZIP of many files, with fflate. Entries are stored, not deflated again: XLSX files are ZIPs already. The
 * signal is checked and the event loop given a turn between files, so a Cancel button is heard.
 */
export async function zipEntries(
  entries: readonly ZipEntry[],
  options: { onProgress?: (p: ZipProgress) => void; signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  const files: Zippable = {};
  const used = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    if (options.signal?.aborted) throw new ExportCancelled();
    const name = uniqueName(entry.name, used);
    files[name] = [await entry.build(), { level: 0 }];
    options.onProgress?.({ done: i + 1, total: entries.length, name });
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (options.signal?.aborted) throw new ExportCancelled();
  return zipSync(files, { level: 0 });
}

/** Two regions of the same name (朝阳区 in 北京 and in 长春) must not overwrite each other in the archive. */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name.replace(/[/\\:*?"<>|]/g, '_');
  const dot = candidate.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [candidate.slice(0, dot), candidate.slice(dot)] : [candidate, ''];
  for (let n = 2; used.has(candidate); n++) candidate = `${stem}_${n}${ext}`;
  used.add(candidate);
  return candidate;
}
