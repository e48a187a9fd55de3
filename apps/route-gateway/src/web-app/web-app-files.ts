import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** One file of the web app, held in memory with its gzipped form. */
export interface WebAppFile {
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

/** dist/web beside this build: dist/apps/<app>/apps/route-gateway/src/web-app → dist/web. */
export const BUILT_WEB_DIR = join(__dirname, '..', '..', '..', '..', '..', '..', 'web');

/**
 * The web app's files, read once at start-up (a handful of small files, so no disk read per request), by
 * name: index.html, app.js, app.css... Undefined when `configured` is empty and the build has no web app;
 * a directory named in `configured` (CIM_WEB_DIR) that holds no index.html is an error naming it.
 */
export function loadWebAppFiles(configured: string): Map<string, WebAppFile> | undefined {
  const dir = configured || BUILT_WEB_DIR;
  if (!existsSync(join(dir, 'index.html'))) {
    if (!configured) return undefined;
    throw new Error(`CIM_WEB_DIR: ${dir} holds no index.html (build the web app: node scripts/build.js)`);
  }
  const files = new Map<string, WebAppFile>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const type = TYPES[extname(name)];
    if (!type || !statSync(path).isFile()) continue;
    const body = readFileSync(path);
    files.set(name, { type, body, gzipped: gzipSync(body, { level: 9 }) });
  }
  return files;
}
