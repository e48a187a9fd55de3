import { Injectable } from '@nestjs/common';
import { KickReply, KickRequest } from '@cim/protocol';
import { ConnectionRegistry } from '../connections/connection-registry';

/** Closes a user's connections on the route-gateway's or admin's word, telling the client why. */
@Injectable()
export class KickService {
  constructor(private readonly connections: ConnectionRegistry) {}

  /**
   * Kicks the user's connection of the session named, or of the device named, or (neither named) every
   * connection of the user here.
   */
  kick({ userId, sessionId, deviceId, reason }: KickRequest): KickReply {
    const connections = this.connections
      .ofUser(userId)
      .filter(
        (c) =>
          (!sessionId || c.session?.sessionId === sessionId) &&
          (!deviceId || c.session?.deviceId === deviceId),
      );
    for (const connection of connections) connection.close('kicked', { kicked: { reason } });
    return { kicked: connections.length > 0, connections: connections.length };
  }
}
