#!/usr/bin/env node
// Builds every app of the monorepo with the Nest CLI (tsc builder: path aliases rewritten, proto/ copied),
// then the client SDK's browser bundle (scripts/build-browser.js) and the web chat app (scripts/build-web.js).
// `--if-stale` skips the build when dist/ is newer than every source file.
const { execFileSync } = require('node:child_process');
const { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.built');
const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const only = args.filter((a) => !a.startsWith('--'));
const apps = readdirSync(join(root, 'apps')).filter((app) =>
  existsSync(join(root, 'apps', app, 'src', 'main.ts')),
);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

if (ifStale && existsSync(stamp)) {
  const sources = Math.max(
    ...['apps', 'libs', 'proto', 'tools']
      .filter((d) => existsSync(join(root, d)))
      .map((d) => newestSource(join(root, d))),
  );
  if (statSync(stamp).mtimeMs > sources) process.exit(0);
}

if (!only.length) rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const app of only.length ? only : apps) {
  execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build', app], { cwd: root, stdio: 'inherit' });
  // The protocol library loads proto/cim.proto at run time: ship it beside each app's build.
  cpSync(join(root, 'proto'), join(root, 'dist', 'apps', app, 'proto'), { recursive: true });
}
(async () => {
  // The client SDK for browsers: dist/browser/cim-client-sdk.js (scripts/build-browser.js).
  if (!only.length) await require('./build-browser').buildBrowserSdk();
  // The web chat app the route-gateway serves at /app/: dist/web (scripts/build-web.js).
  if (!only.length) await require('./build-web').buildWebApp();
  if (!only.length) writeFileSync(stamp, new Date().toISOString());
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
