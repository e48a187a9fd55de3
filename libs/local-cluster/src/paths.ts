import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file with nest-cli.json (in the sources or in dist/). */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nest-cli.json'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** The build of one cim app (scripts/build.js layout). */
export function appMain(app: string): string {
  return join(repoRoot(), 'dist', 'apps', app, 'apps', app, 'src', 'main.js');
}
