import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written within a context carries, e.g. { requestId } or { messageId }. */
export type LogFields = Record<string, string | number | boolean | undefined>;

const storage = new AsyncLocalStorage<LogFields>();

/** The fields of the current context (nested contexts add to their parent's). */
export function currentLogFields(): LogFields | undefined {
  return storage.getStore();
}

/** Runs `fn` so that every log line it writes, synchronously or later, carries these fields too. */
export function withLogFields<T>(fields: LogFields, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, fn);
}
