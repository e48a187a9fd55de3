import { Injectable } from '@nestjs/common';
import { ErrorCode, MarkRead } from '@cim/protocol';
import { GatewayClient } from '../gateway/gateway-client';
import { ServerStats } from '../stats/server-stats';
import { asClientFailure, ClientFrameError } from '../transport/client-frame.error';
import { Connection } from '../transport/connection';

const MAX_CONVERSATION = 64;

/**
 * A client's MARK_READ: checked here, carried out by the route-gateway (which checks the user is part
 * of the conversation and tells their other sessions and a private peer), answered with READ_STATE (the
 * pointer as it now stands) or ERROR with the frame's request id. Later frames do not wait for it.
 */
@Injectable()
export class MarkReadService {
  constructor(
    private readonly gateway: GatewayClient,
    private readonly stats: ServerStats,
  ) {}

  markRead(connection: Connection, mark: MarkRead, requestId?: number): void {
    const conversation = mark.conversation ?? '';
    const seq = Number(mark.seq ?? 0);
    if (!conversation || conversation.length > MAX_CONVERSATION)
      throw new ClientFrameError(
        ErrorCode.BadRequest,
        `conversation must be 1 to ${MAX_CONVERSATION} characters`,
      );
    if (!Number.isSafeInteger(seq)) throw new ClientFrameError(ErrorCode.BadRequest, 'seq is too large');
    const { userId, sessionId } = connection.session!;
    this.gateway.markRead({ userId, sessionId, conversation, seq }).then(
      (answer) => connection.write({ requestId, readState: { conversation, userId, seq: answer.seq } }),
      (error: unknown) => {
        const { code, text } = asClientFailure(error);
        this.stats.failed(code);
        connection.write({ requestId, error: { code, text, answers: 'markRead' } });
      },
    );
  }
}
