import { Injectable } from '@nestjs/common';
import { ErrorCode, Send, sendSeqProblem } from '@cim/protocol';
import { ImServerEnv } from '../config/im-server.env';
import { ServerStats } from '../stats/server-stats';
import { asClientFailure, ClientFrameError } from '../transport/client-frame.error';
import { Connection } from '../transport/connection';
import { SendBatcher } from './send-batcher';

const MAX_CLIENT_MSG_ID = 64;

/**
 * SEND: a message over the long connection, handed to the route-gateway; answered with SEND_ACK or
 * ERROR. A SEND numbered in the login's send session (send_seq) carries its session and seq along, so
 * the gateway deduplicates it in that session's window rather than by its client message id. The frame is checked here; the gateway's answer comes back later, so that a client may keep
 * several messages in flight while its next frames are handled.
 */
@Injectable()
export class SendService {
  constructor(
    private readonly env: ImServerEnv,
    private readonly batcher: SendBatcher,
    private readonly stats: ServerStats,
  ) {}

  send(connection: Connection, send: Send, requestId?: number): void {
    const { clientMsgId, receiverId, group, groupId, body } = send;
    if (!clientMsgId || clientMsgId.length > MAX_CLIENT_MSG_ID) {
      throw new ClientFrameError(
        ErrorCode.BadRequest,
        `client_msg_id must be 1 to ${MAX_CLIENT_MSG_ID} characters`,
      );
    }
    if ([receiverId, group, groupId].filter(Boolean).length !== 1)
      throw new ClientFrameError(ErrorCode.BadRequest, 'set exactly one of receiver_id, group and group_id');
    if (!body) throw new ClientFrameError(ErrorCode.BadRequest, 'body must not be empty');
    const seq = Number(send.sendSeq ?? 0);
    const badSeq = sendSeqProblem(seq, connection.sendSession);
    if (badSeq) throw new ClientFrameError(ErrorCode.BadRequest, badSeq);
    if (!connection.sendBucket.take()) {
      throw new ClientFrameError(
        ErrorCode.RateLimited,
        `sending too fast: at most ${this.env.CIM_SEND_RATE_PER_SEC} messages per second, ${this.env.CIM_SEND_BURST} at once`,
      );
    }
    const session = connection.session!;
    this.stats.received(receiverId ? 'private' : 'group');
    const request = {
      ...session,
      serverId: this.env.CIM_SERVER_ID,
      clientMsgId,
      body,
      receiverId: receiverId || undefined,
      group: group || undefined,
      groupId: groupId || undefined,
      sendSeq: seq > 0 ? { session: connection.sendSession!, seq } : undefined,
    };
    this.batcher.send(request).then(
      (reply) => connection.write({ requestId, sendAck: { clientMsgId, ...reply } }),
      (error: unknown) => {
        const { code, text } = asClientFailure(error);
        this.stats.failed(code);
        connection.write({ requestId, error: { code, text, answers: 'send', clientMsgId } });
      },
    );
  }
}
