import { createOriginResolver } from '../../core/geo/origin-resolver';
import { fetchGb2260 } from '../../core/geo/gb2260';

type Resolver = (texts: string[]) => Map<string, string | null>;
let resolver: Promise<Resolver> | null = null;

/** The GB/T 2260 code table is fetched from the app's own files once, on the first import. */
export function getOriginResolver(): Promise<Resolver> {
  resolver ??= fetchGb2260(import.meta.env.BASE_URL).then(createOriginResolver);
  return resolver;
}
