import { Injectable } from '@nestjs/common';
import { DEFAULT_DEVICE_ID } from '@cim/session-store';
import { Connection } from '../transport/connection';

/**
 * The logged-in connections of this server, by user and device: a user may be connected here on
 * several devices, one connection per device.
 */
@Injectable()
export class ConnectionRegistry {
  private readonly byUser = new Map<string, Map<string, Connection>>();
  private count = 0;

  /** The user's connections here, one per device. */
  ofUser(userId: string): Connection[] {
    return [...(this.byUser.get(userId)?.values() ?? [])];
  }

  /** The user's connection of that session, if it is bound here. */
  ofSession(userId: string, sessionId: string): Connection | undefined {
    return this.ofUser(userId).find((c) => c.session?.sessionId === sessionId);
  }

  /** Binds the connection to its user's device; answers the connection of that device it replaced, if any. */
  bind(connection: Connection): Connection | undefined {
    const { userId } = connection.session!;
    const deviceId = deviceOf(connection);
    const devices = this.byUser.get(userId) ?? new Map<string, Connection>();
    const previous = devices.get(deviceId);
    if (!previous) this.count++;
    devices.set(deviceId, connection);
    this.byUser.set(userId, devices);
    return previous === connection ? undefined : previous;
  }

  /** Unbinds the connection if it is still the one bound to its user's device. */
  unbind(connection: Connection): boolean {
    const userId = connection.session?.userId;
    const devices = userId === undefined ? undefined : this.byUser.get(userId);
    const deviceId = deviceOf(connection);
    if (!devices || devices.get(deviceId) !== connection) return false;
    devices.delete(deviceId);
    if (devices.size === 0) this.byUser.delete(userId!);
    this.count--;
    return true;
  }

  *all(): IterableIterator<Connection> {
    for (const devices of this.byUser.values()) yield* devices.values();
  }

  /** Connections bound (devices), not users. */
  get size(): number {
    return this.count;
  }
}

function deviceOf(connection: Connection): string {
  return connection.session?.deviceId ?? DEFAULT_DEVICE_ID;
}
