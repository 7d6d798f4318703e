/**
 * The response headers the app is served with: by `vite preview`, by the tests' and benchmarks' static
 * server, and (copied into README.md, checked by a test) by an intranet web server. A header, not a
 * <meta> tag: a meta policy does not bind the database's Web Worker, a header on the worker script does.
 */
/**
 * The policy, with the origins of an intranet tile server added on purpose (connect-src: MapLibre fetches
 * tiles; img-src: it decodes them as images). Without them the map draws the bundled boundaries only.
 */
export function buildContentSecurityPolicy(tileOrigins: readonly string[] = []): string {
  const extra = tileOrigins.length ? ` ${tileOrigins.join(' ')}` : '';
  return directives(extra).join('; ');
}

const directives = (tiles: string) => [
  "default-src 'none'",
  // DuckDB-WASM compiles its WebAssembly: 'wasm-unsafe-eval' allows that and nothing else (no eval()).
  "script-src 'self' 'wasm-unsafe-eval'",
  // blob: workers: MapLibre starts its worker from a blob, and the XLSX reader unzips in blob workers
  // (read-excel-file through fflate); a blocked one would leave the import waiting forever.
  "worker-src 'self' blob:",
  // The engine fetches its .wasm and the app its bundled data from its own origin only.
  `connect-src 'self'${tiles}`,
  "style-src 'self'",
  "font-src 'self'",
  // MapLibre's control icons are data: SVGs in its stylesheet.
  `img-src 'self' data:${tiles}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export function buildSecurityHeaders(tileOrigins: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': buildContentSecurityPolicy(tileOrigins),
    'X-Content-Type-Options': 'nosniff',
  };
}

/** The policy as shipped: no origin but the app's own. */
export const CONTENT_SECURITY_POLICY = buildContentSecurityPolicy();

export const SECURITY_HEADERS: Readonly<Record<string, string>> = buildSecurityHeaders();
