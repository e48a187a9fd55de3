import { Inject, Injectable, Logger } from '@nestjs/common';
import { ImServerPatterns, ReadState, ReadStateNotice, ReadStateNoticeReply } from '@cim/protocol';
import { SESSION_STORE, SessionKey, SessionStore } from '@cim/session-store';
import { ServerDirectory } from '../servers/server-directory';

/**
 * Delivers a notice to every session of a user, on whichever im-servers they are connected: one call
 * per server naming the sessions there. Best effort: a server that does not answer is logged, and its
 * sessions learn the state from GET /api/conversations when they come back.
 */
@Injectable()
export class AllSessionsDelivery {
  private readonly logger = new Logger('AllSessionsDelivery');

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly directory: ServerDirectory,
  ) {}

  /** Every session of the user: one per device, wherever it is connected (pending ones included). */
  async allSessionsOf(userId: string): Promise<SessionKey[]> {
    return this.store.routesOf(userId);
  }

  /** Writes the READ_STATE to all of the user's sessions but `exceptSessionId` (the one that caused it). */
  async deliverToAllSessionsOf(
    userId: string,
    readState: ReadState,
    exceptSessionId?: string,
  ): Promise<void> {
    const byServer = new Map<string, ReadStateNotice['sessions']>();
    for (const { serverId, sessionId } of await this.allSessionsOf(userId)) {
      if (sessionId === exceptSessionId || !this.directory.isLive(serverId)) continue;
      byServer.set(serverId, [...(byServer.get(serverId) ?? []), { userId, sessionId }]);
    }
    await Promise.all(
      [...byServer].map(([serverId, sessions]) =>
        this.directory
          .call<ReadStateNoticeReply>(serverId, ImServerPatterns.ReadState, { readState, sessions })
          .catch((error: Error) =>
            this.logger.warn(
              `read state of user ${readState.userId} not told to ${serverId}: ${error.message}`,
            ),
          ),
      ),
    );
  }
}
