#!/usr/bin/env node
// Builds every app of the monorepo with the Nest CLI (tsc builder; path aliases rewritten, proto/ copied).
const { execFileSync } = require('node:child_process');
const { existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const apps = ['im-server', 'route-gateway', 'admin', 'cim-client', 'embedded', 'bench'].filter((app) =>
  existsSync(join(root, 'apps', app, 'src', 'main.ts')),
);
const only = process.argv.slice(2);

rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const app of only.length ? only : apps) {
  execFileSync(join(root, 'node_modules/.bin/nest'), ['build', app], { cwd: root, stdio: 'inherit' });
}
