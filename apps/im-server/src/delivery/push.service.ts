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
          message.senderDeviceId,
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
          if (connection.session?.sessionId === skipSession || isSendingDevice(connection, message)) continue;
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
   * `exceptSession` only that one and any later session of the sending device (`exceptDevice`).
   */
  private broadcast(
    bytes: Buffer,
    exceptUserId: string,
    exceptSession?: string,
    exceptDevice?: string,
  ): number {
    let count = 0;
    for (const connection of this.connections.all()) {
      const session = connection.session;
      const excluded =
        session?.userId === exceptUserId &&
        (exceptSession === undefined ||
          session.sessionId === exceptSession ||
          (exceptDevice !== undefined && session.deviceId === exceptDevice));
      if (excluded || !connection.open) continue;
      connection.writeBytes(bytes);
      count++;
    }
    return count;
  }
}

/**
 * A device never gets back what it sent itself, on any of its sessions: one that logged in again (a
 * restarted server, a resume) while its SEND was under way has a new session but the same device.
 */
function isSendingDevice(
  connection: Connection,
  message: { senderId: string; senderDeviceId?: string },
): boolean {
  const session = connection.session;
  return (
    message.senderDeviceId !== undefined &&
    session?.userId === message.senderId &&
    session.deviceId === message.senderDeviceId
  );
}
