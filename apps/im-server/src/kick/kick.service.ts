import { Injectable } from '@nestjs/common';
import { KickRequest } from '@cim/protocol';
import { ConnectionRegistry } from '../connections/connection-registry';

/** Closes a user's connection on the route-gateway's or admin's word, telling the client why. */
@Injectable()
export class KickService {
  constructor(private readonly connections: ConnectionRegistry) {}

  /** Kicks the user's connection, if it is the session named (any session when none is). */
  kick({ userId, sessionId, reason }: KickRequest): { kicked: boolean } {
    const connection = this.connections.get(userId);
    if (!connection || (sessionId && connection.session?.sessionId !== sessionId)) return { kicked: false };
    connection.close('kicked', { kicked: { reason } });
    return { kicked: true };
  }
}
