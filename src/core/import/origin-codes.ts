/** origin text → 6-digit GB/T 2260 code or null (src/core/geo/origin-resolver.ts builds one). */
export type OriginResolver = (texts: string[]) => Map<string, string | null>;
