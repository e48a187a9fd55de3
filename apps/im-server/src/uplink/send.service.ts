import { Injectable } from '@nestjs/common';
import { ErrorCode, Send } from '@cim/protocol';
import { ImServerEnv } from '../config/im-server.env';
import { ServerStats } from '../connections/server-stats';
import { GatewayClient } from '../gateway/gateway-client';
import { ClientFrameError } from '../transport/client-frame.error';
import { Connection } from '../transport/connection';

const MAX_CLIENT_MSG_ID = 64;

/** SEND: a message over the long connection, handed to the route-gateway; answered with SEND_ACK or ERROR. */
@Injectable()
export class SendService {
  constructor(
    private readonly env: ImServerEnv,
    private readonly gateway: GatewayClient,
    private readonly stats: ServerStats,
  ) {}

  async send(connection: Connection, send: Send, requestId?: number): Promise<void> {
    const { clientMsgId, receiverId, group, body } = send;
    if (!clientMsgId || clientMsgId.length > MAX_CLIENT_MSG_ID) {
      throw new ClientFrameError(
        ErrorCode.BadRequest,
        `client_msg_id must be 1 to ${MAX_CLIENT_MSG_ID} characters`,
      );
    }
    if (!receiverId === !group)
      throw new ClientFrameError(ErrorCode.BadRequest, 'set either receiver_id or group');
    if (!body) throw new ClientFrameError(ErrorCode.BadRequest, 'body must not be empty');
    if (!connection.sendBucket.take()) {
      throw new ClientFrameError(
        ErrorCode.RateLimited,
        `sending too fast: at most ${this.env.CIM_SEND_RATE_PER_SEC} messages per second, ${this.env.CIM_SEND_BURST} at once`,
      );
    }
    const session = connection.session!;
    this.stats.received(group ? 'group' : 'private');
    const reply = await this.gateway.send({
      ...session,
      serverId: this.env.CIM_SERVER_ID,
      clientMsgId,
      receiverId: receiverId || undefined,
      group: group || undefined,
      body,
    });
    connection.write({ requestId, sendAck: { clientMsgId, ...reply } });
  }
}
