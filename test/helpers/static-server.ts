import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildSecurityHeaders } from '../../security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.csv': 'text/csv; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The headers that make a page cross-origin isolated, so DuckDB-WASM's threaded build can run
 * (https://web.dev/articles/coop-coep); the same as vite.config.ts and docs/benchmarks.md name.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
};

/**
 * Serves folders on 127.0.0.1 at a free port: `mounts` maps URL prefixes to folders (the first match
 * wins, so '/' goes last), with the app's security headers on every file, as `vite preview` and the
 * README's intranet server configurations send them (and, with `isolate`, the cross-origin isolation
 * headers). Used by the browser tests and the benchmarks.
 */
export async function serveFolders(
  mounts: [string, string][],
  options: { tileOrigins?: readonly string[]; isolate?: boolean } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const headers = {
    ...buildSecurityHeaders(options.tileOrigins),
    ...(options.isolate ? CROSS_ORIGIN_ISOLATION_HEADERS : {}),
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const mount = mounts.find(([prefix]) => urlPath.startsWith(prefix));
      if (!mount) return void res.writeHead(404).end();
      const root = path.resolve(mount[1]);
      let file = path.join(root, urlPath.slice(mount[0].length));
      if (!file.startsWith(root)) return void res.writeHead(403).end();
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
        const body = await readFile(file);
        res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves one built app folder at '/' (with intranet tile origins allowed on purpose, when given). */
export function serveFolder(
  root: string,
  options: { tileOrigins?: readonly string[] } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  return serveFolders([['/', root]], options);
}
