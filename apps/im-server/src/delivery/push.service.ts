import { Injectable } from '@nestjs/common';
import { ChatMessage, DeliverReply, DeliverRequest, encodeFrame, toChatMessage } from '@cim/protocol';
import { ConnectionRegistry } from '../connections/connection-registry';
import { ServerStats } from '../stats/server-stats';
import { Connection } from '../transport/connection';

/** Pushes what the route-gateway hands over to the connections of this server: to each device of a user named. */
@Injectable()
export class PushService {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly stats: ServerStats,
  ) {}

  deliver({ entries }: DeliverRequest): DeliverReply {
    const missed: DeliverReply['missed'] = [];
    const batches = new Map<Connection, ChatMessage[]>();
    let delivered = 0;
    for (const { message, userIds, allExcept, exceptSession, skipSession } of entries) {
      if (allExcept !== undefined) {
        const count = this.broadcast(
          encodeFrame({ messages: { messages: [toChatMessage(message)] } }),
          allExcept,
          exceptSession,
        );
        this.stats.sent(message.kind, count);
        delivered += count;
        continue;
      }
      for (const userId of userIds ?? []) {
        const devices = this.connections.ofUser(userId).filter((c) => c.open);
        if (devices.length === 0) {
          missed.push({ messageId: message.messageId, userId });
          continue;
        }
        for (const connection of devices) {
          if (connection.session?.sessionId === skipSession) continue;
          const batch = batches.get(connection) ?? [];
          batch.push(toChatMessage(message));
          batches.set(connection, batch);
          this.stats.sent(message.kind);
        }
      }
    }
    for (const [connection, messages] of batches) {
      connection.write({ messages: { messages } });
      delivered += messages.length;
    }
    return { missed, delivered };
  }

  /**
   * The same encoded bytes to every connection but the sender's: all of the sender's, or with
   * `exceptSession` only that one (the sending device).
   */
  private broadcast(bytes: Buffer, exceptUserId: string, exceptSession?: string): number {
    let count = 0;
    for (const connection of this.connections.all()) {
      const session = connection.session;
      const excluded =
        session?.userId === exceptUserId &&
        (exceptSession === undefined || session.sessionId === exceptSession);
      if (excluded || !connection.open) continue;
      connection.writeBytes(bytes);
      count++;
    }
    return count;
  }
}
