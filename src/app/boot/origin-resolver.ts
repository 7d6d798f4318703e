import { createOriginResolver } from '../../core/geo/origin-resolver';
import { loadBundledGb2260 } from '../../views/shared/bundled-gb2260';

type Resolver = (texts: string[]) => Map<string, string | null>;
let resolver: Promise<Resolver> | null = null;

/** The GB/T 2260 code table is fetched from the app's own files once, on the first import. */
export function getOriginResolver(): Promise<Resolver> {
  resolver ??= loadBundledGb2260().then(createOriginResolver);
  return resolver;
}
