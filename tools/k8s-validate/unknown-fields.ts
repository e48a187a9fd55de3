import { K8sObject } from './render';

interface Seen {
  path: string;
  read: Set<string>;
  /** The validator listed its keys: a map (labels, data, resources), whose every key is allowed. */
  listed: boolean;
}

/**
 * Wraps a value so that every object inside it records which of its properties the schema validator
 * read: the generated validators read each property their schema declares, and list the keys of maps.
 */
function watch(value: unknown, path: string, seen: Map<object, Seen>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const record: Seen = { path, read: new Set(), listed: false };
  seen.set(value, record);
  const children = new Map<PropertyKey, unknown>();
  return new Proxy(value, {
    get(target, key, receiver) {
      const child: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(target, key)) return child;
      record.read.add(key);
      if (!children.has(key)) {
        const where = Array.isArray(target) ? `${path}[${key}]` : `${path}.${key}`;
        children.set(key, watch(child, where, seen));
      }
      return children.get(key);
    },
    ownKeys(target) {
      record.listed = true;
      return Reflect.ownKeys(target);
    },
  });
}

/**
 * Runs `validate` on a watched copy of the object and returns the paths of the fields it never read:
 * fields the schema does not declare, such as a misspelt `readinesProbe`, which the API server drops
 * (or refuses, with server-side field validation) rather than applying.
 */
export function unreadFields(object: K8sObject, validate: (watched: unknown) => void): string[] {
  const seen = new Map<object, Seen>();
  const watched = watch(structuredClone(object), '', seen);
  try {
    validate(watched);
  } catch {
    // Schema errors are reported by checkSchemas.
  }
  const unread: string[] = [];
  for (const [target, record] of seen) {
    if (Array.isArray(target) || record.listed) continue;
    for (const key of Object.keys(target)) {
      if (!record.read.has(key)) unread.push(`${record.path}.${key}`.replace(/^\./, ''));
    }
  }
  return unread;
}
