import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { ImServerEnv } from '../apps/im-server/src/config/im-server.env';
import { GatewayEnv } from '../apps/route-gateway/src/config/gateway.env';

/** docs/configuration.md must list every variable the apps read, with the default the code applies. */
describe('docs/configuration.md', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'configuration.md'), 'utf8');
  const classes: (new () => object)[] = [ImServerEnv, GatewayEnv];
  const admin = join(__dirname, '..', 'apps', 'admin', 'src', 'config', 'admin.env.ts');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (existsSync(admin)) classes.push(require(admin).AdminEnv);

  const rows = new Map(
    [...doc.matchAll(/^\| `([A-Z_]+)`\s*\|[^|]*\|\s*([^|]*?)\s*\|/gm)].map(([, name, value]) => [
      name,
      value.trim(),
    ]),
  );

  for (const cls of classes) {
    const names = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(cls, '', true, false)
        .map((m) => m.propertyName),
    );
    const defaults = new cls() as Record<string, unknown>;
    it.each([...names])(`lists ${cls.name}'s %s with its default`, (name) => {
      expect(rows.has(name)).toBe(true);
      const value = defaults[name];
      const documented = rows.get(name)!;
      if (
        name === 'CIM_SERVER_ID' ||
        name === 'CIM_GATEWAY_ID' ||
        name === 'CIM_TOKEN_SECRET' ||
        documented.startsWith('a ')
      )
        return;
      if (name.endsWith('API_KEY')) return;
      if (value === '') return expect(documented).toBe('empty');
      expect(documented).toBe(`\`${String(value)}\``);
    });
  }
});
