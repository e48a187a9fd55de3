import { Injectable } from '@nestjs/common';
import { ErrorCode, Sync, SYNC_DEFAULT_LIMIT, SYNC_MAX_LIMIT, toChatMessage } from '@cim/protocol';
import { GatewayClient } from '../gateway/gateway-client';
import { ServerStats } from '../stats/server-stats';
import { asClientFailure, ClientFrameError } from '../transport/client-frame.error';
import { Connection } from '../transport/connection';

const MAX_CONVERSATION = 64;

/**
 * A client's SYNC: checked here, answered by the route-gateway (which checks the user is part of the
 * conversation), and written back as one SYNC_BATCH or ERROR with the frame's request id. The
 * connection's later frames do not wait for the answer.
 */
@Injectable()
export class SyncService {
  constructor(
    private readonly gateway: GatewayClient,
    private readonly stats: ServerStats,
  ) {}

  sync(connection: Connection, sync: Sync, requestId?: number): void {
    const conversation = sync.conversation ?? '';
    const afterSeq = Number(sync.afterSeq ?? 0);
    const limit = Number(sync.limit || SYNC_DEFAULT_LIMIT);
    if (!conversation || conversation.length > MAX_CONVERSATION)
      throw new ClientFrameError(
        ErrorCode.BadRequest,
        `conversation must be 1 to ${MAX_CONVERSATION} characters`,
      );
    if (limit > SYNC_MAX_LIMIT)
      throw new ClientFrameError(ErrorCode.BadRequest, `limit must be at most ${SYNC_MAX_LIMIT}`);
    if (!Number.isSafeInteger(afterSeq))
      throw new ClientFrameError(ErrorCode.BadRequest, 'after_seq is too large');
    const { userId } = connection.session!;
    this.gateway.sync({ userId, conversation, afterSeq, limit }).then(
      ({ messages, lastSeq, more }) =>
        connection.write({
          requestId,
          syncBatch: { conversation, messages: messages.map((m) => toChatMessage(m)), lastSeq, more },
        }),
      (error: unknown) => {
        const { code, text } = asClientFailure(error);
        this.stats.failed(code);
        connection.write({ requestId, error: { code, text, answers: 'sync' } });
      },
    );
  }
}
