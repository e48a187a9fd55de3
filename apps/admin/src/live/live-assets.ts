import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file the live page loads, with its media type. */
export interface Asset {
  type: string;
  body: string;
}

const UPLOT_DIST = join(require.resolve('uplot'), '..');

/**
 * The live page's files, read once: its own (page/, copied beside the build by nest-cli.json's assets)
 * and uPlot's browser build from node_modules. Served from the admin's own origin, so the page's
 * Content-Security-Policy allows nothing else.
 */
export function loadLiveAssets(pageDir = join(__dirname, 'page')): Map<string, Asset> {
  const read = (path: string) => readFileSync(path, 'utf8');
  return new Map<string, Asset>([
    ['index.html', { type: 'text/html; charset=utf-8', body: read(join(pageDir, 'index.html')) }],
    ['live.js', { type: 'text/javascript; charset=utf-8', body: read(join(pageDir, 'live.js')) }],
    ['live.css', { type: 'text/css; charset=utf-8', body: read(join(pageDir, 'live.css')) }],
    [
      'uplot.js',
      { type: 'text/javascript; charset=utf-8', body: read(join(UPLOT_DIST, 'uPlot.iife.min.js')) },
    ],
    ['uplot.css', { type: 'text/css; charset=utf-8', body: read(join(UPLOT_DIST, 'uPlot.min.css')) }],
  ]);
}

/** Only the page's own files, scripts included, and calls to its own origin. */
export const LIVE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
