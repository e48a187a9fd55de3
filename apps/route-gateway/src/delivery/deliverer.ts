import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverEntry, DeliverReply, DeliverRequest, ImServerPatterns } from '@cim/protocol';
import { InboxPolicy, SESSION_STORE, SessionStore, StoredMessage } from '@cim/session-store';
import { GatewayEnv, inboxPolicy } from '../config/gateway.env';
import { ServerDirectory } from '../servers/server-directory';

/** What became of one entry: whether its server took the hand-over, and who got it in their inbox instead. */
export interface EntryOutcome {
  reached: boolean;
  inboxed: string[];
}

interface Pending {
  entry: DeliverEntry;
  resolve: (outcome: EntryOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands messages to the im-servers. Entries queued in the same tick of the event loop travel to each
 * server in one Deliver call, in the order they were queued. A private receiver whose server reports
 * them missed, or whose server cannot be reached, gets the message in their inbox instead; a group
 * message is not kept for anyone.
 */
@Injectable()
export class Deliverer {
  private readonly logger = new Logger('Deliverer');
  private readonly policy: InboxPolicy;
  private pending = new Map<string, Pending[]>();

  constructor(
    private readonly directory: ServerDirectory,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    env: GatewayEnv,
  ) {
    this.policy = inboxPolicy(env);
  }

  /** Gives a message to one user on the server of their route (none: offline); answers where it went. */
  async deliverTo(userId: string, message: StoredMessage, serverId?: string): Promise<'online' | 'inbox'> {
    if (serverId === undefined || !this.directory.isLive(serverId)) {
      await this.store.pushInbox(userId, [message], this.policy);
      return 'inbox';
    }
    const { inboxed } = await this.enqueue(serverId, { message, userIds: [userId] });
    return inboxed.length ? 'inbox' : 'online';
  }

  /** Gives a message to everyone online but its sender, one entry per live server; answers how many took it. */
  async deliverToAll(message: StoredMessage): Promise<number> {
    const servers = this.directory.live();
    const outcomes = await Promise.all(
      servers.map((s) => this.enqueue(s.id, { message, allExcept: message.senderId })),
    );
    return outcomes.filter((o) => o.reached).length;
  }

  private enqueue(serverId: string, entry: DeliverEntry): Promise<EntryOutcome> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => this.flush());
      const queue = this.pending.get(serverId) ?? [];
      queue.push({ entry, resolve, reject });
      this.pending.set(serverId, queue);
    });
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    for (const [serverId, queue] of batches) void this.flushServer(serverId, queue);
  }

  private async flushServer(serverId: string, queue: Pending[]): Promise<void> {
    const request: DeliverRequest = { entries: queue.map((p) => p.entry) };
    let reply: DeliverReply | undefined;
    try {
      reply = await this.directory.call<DeliverReply>(serverId, ImServerPatterns.Deliver, request);
    } catch (error) {
      this.logger.warn(`${(error as Error).message}; ${queue.length} entries go to inboxes or are dropped`);
    }
    const missed = new Set((reply?.missed ?? []).map((m) => key(m.messageId, m.userId)));
    const inboxes = new Map<string, StoredMessage[]>();
    const outcomes = queue.map(({ entry }): EntryOutcome => {
      const users = (entry.userIds ?? []).filter(
        (u) => !reply || missed.has(key(entry.message.messageId, u)),
      );
      for (const user of users) inboxes.set(user, [...(inboxes.get(user) ?? []), entry.message]);
      return { reached: reply !== undefined, inboxed: users };
    });
    const failures = new Map<string, unknown>();
    await Promise.all(
      [...inboxes].map(([user, messages]) =>
        this.store
          .pushInbox(user, messages, this.policy)
          .catch((error: unknown) => failures.set(user, error)),
      ),
    );
    queue.forEach((pending, i) => {
      const failed = outcomes[i].inboxed.find((user) => failures.has(user));
      if (failed === undefined) pending.resolve(outcomes[i]);
      else pending.reject(failures.get(failed));
    });
  }
}

function key(messageId: string, userId: string): string {
  return `${messageId}\n${userId}`;
}
