import { getMetadataStorage, validateSync, ValidationError } from 'class-validator';

export type Env = Record<string, string | undefined>;

/** Start-up stops with this when a variable is invalid; the message names each variable, its value and what was expected. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Reads the variables a config class declares (its property names are the variable names), converts
 * them to the declared types, applies the class's defaults and validates them with class-validator.
 */
export function loadConfig<T extends object>(cls: new () => T, env: Env = process.env): T {
  const config = new cls() as Record<string, unknown>;
  for (const name of declaredVariables(cls)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    config[name] = convert(raw, typeof config[name]);
  }
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length) throw new ConfigValidationError(errors.flatMap((e) => describe(e, env)));
  return config as T;
}

function declaredVariables(cls: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** Converts to the type of the property's default; every config property has one. */
function convert(raw: string, type: string): unknown {
  if (type === 'number') return raw.trim() === '' ? NaN : Number(raw);
  if (type === 'boolean') {
    if (/^(true|1|yes|on)$/i.test(raw)) return true;
    if (/^(false|0|no|off)$/i.test(raw)) return false;
  }
  return raw;
}

function describe(error: ValidationError, env: Env): string[] {
  const raw = env[error.property];
  const value = raw === undefined || raw === '' ? '(not set)' : JSON.stringify(raw);
  return Object.values(error.constraints ?? {}).map(
    (text) => `${error.property}=${value}: ${text.replace(`${error.property} `, '')}`,
  );
}
