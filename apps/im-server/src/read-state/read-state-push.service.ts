import { Injectable } from '@nestjs/common';
import { ReadStateNotice, ReadStateNoticeReply } from '@cim/protocol';
import { ConnectionRegistry } from '../connections/connection-registry';

/** Writes a READ_STATE the route-gateway hands over to the named sessions connected here. */
@Injectable()
export class ReadStatePushService {
  constructor(private readonly connections: ConnectionRegistry) {}

  push({ readState, sessions }: ReadStateNotice): ReadStateNoticeReply {
    let delivered = 0;
    for (const { userId, sessionId } of sessions) {
      const connection = this.connections.ofSession(userId, sessionId);
      if (!connection?.open) continue;
      connection.write({ readState });
      delivered++;
    }
    return { delivered };
  }
}
