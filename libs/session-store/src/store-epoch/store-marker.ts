import { randomBytes } from 'node:crypto';

/** The token under which Nest modules provide a StoreMarker. */
export const STORE_MARKER = Symbol('STORE_MARKER');

/**
 * The store's epoch: an id written once into the store's data (a key created if missing) and kept as
 * long as that data lasts. A store that lost its data (a Redis restarted empty, a FLUSHALL) has no
 * marker; the first app to look writes a new one, and every app that knew the old epoch sees that it
 * changed: the users, routes, inboxes and counters it knew are gone.
 */
export interface StoreMarker {
  /** The current epoch, writing a new one first when the store has none. */
  establish(): Promise<string>;
  /** The current epoch, or null when the store has none (it was reset and nobody has looked yet). */
  read(): Promise<null | string>;
  /**
   * Calls `listener` each time the connection to the store comes back after it was lost: a store that
   * restarted may have come back empty, so it is worth a look at once.
   */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/** A new epoch: when it was made (readable in logs), and 48 random bits. */
export function newEpoch(now = Date.now()): string {
  return `${new Date(now).toISOString()}/${randomBytes(6).toString('hex')}`;
}
