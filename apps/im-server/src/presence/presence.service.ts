import { Injectable } from '@nestjs/common';
import { SessionRef, SessionStatusReply } from '@cim/protocol';
import { ConnectionRegistry } from '../connections/connection-registry';

/** Whether a login session is connected here: the route-gateway asks to tell a stale route from a live one. */
@Injectable()
export class PresenceService {
  constructor(private readonly connections: ConnectionRegistry) {}

  status({ userId, sessionId }: Pick<SessionRef, 'userId' | 'sessionId'>): SessionStatusReply {
    const connection = this.connections.ofSession(userId, sessionId);
    return { connected: !!connection?.open };
  }
}
