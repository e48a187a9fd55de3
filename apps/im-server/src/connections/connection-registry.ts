import { Injectable } from '@nestjs/common';
import { Connection } from '../transport/connection';

/** The logged-in connections of this server, by user id. */
@Injectable()
export class ConnectionRegistry {
  private readonly byUser = new Map<string, Connection>();

  get(userId: string): Connection | undefined {
    return this.byUser.get(userId);
  }

  /** Binds the connection to its user; answers the connection it replaced, if any. */
  bind(connection: Connection): Connection | undefined {
    const userId = connection.session!.userId;
    const previous = this.byUser.get(userId);
    this.byUser.set(userId, connection);
    return previous === connection ? undefined : previous;
  }

  /** Unbinds the connection if it is still the one bound to its user. */
  unbind(connection: Connection): boolean {
    const userId = connection.session?.userId;
    if (!userId || this.byUser.get(userId) !== connection) return false;
    return this.byUser.delete(userId);
  }

  all(): IterableIterator<Connection> {
    return this.byUser.values();
  }

  get size(): number {
    return this.byUser.size;
  }
}
