import { Injectable } from '@nestjs/common';
import { DEFAULT_DEVICE_ID } from '@cim/session-store';
import { Connection } from '../transport/connection';

/**
 * The logged-in connections of this server, by user and device: a user may be connected here on
 * several devices, one connection per device. A user's connections are a short array (a user has
 * few devices), not a map of their own: most users here have one, and an array of one is a fraction
 * of a map's size.
 */
@Injectable()
export class ConnectionRegistry {
  private readonly byUser = new Map<string, Connection[]>();
  private count = 0;

  /** The user's connections here, one per device. */
  ofUser(userId: string): Connection[] {
    return this.byUser.get(userId)?.slice() ?? [];
  }

  /** The user's connection of that session, if it is bound here. */
  ofSession(userId: string, sessionId: string): Connection | undefined {
    return this.byUser.get(userId)?.find((c) => c.session?.sessionId === sessionId);
  }

  /** Binds the connection to its user's device; answers the connection of that device it replaced, if any. */
  bind(connection: Connection): Connection | undefined {
    const { userId } = connection.session!;
    const deviceId = deviceOf(connection);
    const devices = this.byUser.get(userId);
    if (!devices) {
      this.byUser.set(userId, [connection]);
      this.count++;
      return undefined;
    }
    const at = devices.findIndex((c) => deviceOf(c) === deviceId);
    if (at < 0) {
      devices.push(connection);
      this.count++;
      return undefined;
    }
    const previous = devices[at];
    devices[at] = connection;
    return previous === connection ? undefined : previous;
  }

  /** Unbinds the connection if it is still the one bound to its user's device. */
  unbind(connection: Connection): boolean {
    const userId = connection.session?.userId;
    const devices = userId === undefined ? undefined : this.byUser.get(userId);
    const at = devices ? devices.indexOf(connection) : -1;
    if (at < 0) return false;
    if (devices!.length === 1) this.byUser.delete(userId!);
    else devices!.splice(at, 1);
    this.count--;
    return true;
  }

  *all(): IterableIterator<Connection> {
    for (const devices of this.byUser.values()) yield* devices;
  }

  /** Connections bound (devices), not users. */
  get size(): number {
    return this.count;
  }
}

function deviceOf(connection: Connection): string {
  return connection.session?.deviceId ?? DEFAULT_DEVICE_ID;
}
