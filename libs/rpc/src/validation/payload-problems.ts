import type { ErrorObject } from 'ajv';

/** A refusal names at most this many fields: a batch of bad entries does not make a huge reply. */
const MAX_LISTED = 10;

type Schema = Record<string, unknown>;

/**
 * One text per failing field, in the words of the HTTP API's validation (`limit must not be greater than
 * 200`), the field named by its path in the payload (`requests.0.userId must be a string`). Only a field's
 * first failure is told (a seq that is no integer is not also said to be too small). A schema's own
 * `message`, where it has one, is the text of any failure of its value.
 */
export function payloadProblems(errors: readonly ErrorObject[]): string[] {
  const told = new Map<string, string>();
  for (const error of errors) {
    const [path, text] = describe(error);
    if (!told.has(path)) told.set(path, `${path} ${text}`);
  }
  const texts = [...told.values()];
  if (texts.length <= MAX_LISTED) return texts;
  return [...texts.slice(0, MAX_LISTED), `and ${texts.length - MAX_LISTED} more fields`];
}

function describe(error: ErrorObject): [path: string, text: string] {
  const path = fieldPath(error.instancePath);
  if (error.keyword === 'required') {
    // A missing field is told what it must be, as a field of the wrong type is.
    const missing = (error.params as { missingProperty: string }).missingProperty;
    const field = ((error.parentSchema as Schema).properties as Record<string, Schema>)[missing];
    const text = Array.isArray(field.enum) ? enumText(field.enum) : typeText(field.type);
    return [path ? `${path}.${missing}` : missing, ownText(field) ?? text];
  }
  return [path || 'payload', ownText(error.parentSchema as Schema) ?? keywordText(error)];
}

/** `/requests/0/userId` (a JSON pointer) as `requests.0.userId`. */
function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function ownText(schema: Schema | undefined): string | undefined {
  return typeof schema?.message === 'string' ? schema.message : undefined;
}

function keywordText(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return typeText(params.type);
    case 'minimum':
      return `must not be less than ${String(params.limit)}`;
    case 'maximum':
      return `must not be greater than ${String(params.limit)}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters`;
    case 'enum':
      return enumText(params.allowedValues as unknown[]);
    case 'pattern':
      return `must match /${String(params.pattern)}/`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

function enumText(values: unknown[]): string {
  return `must be one of the following values: ${values.join(', ')}`;
}

function typeText(type: unknown): string {
  switch (type) {
    case 'string':
      return 'must be a string';
    case 'integer':
      return 'must be an integer number';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be a boolean value';
    case 'array':
      return 'must be an array';
    case 'object':
      return 'must be an object';
    default:
      return `must be of type ${String(type)}`;
  }
}
