import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverEntry, DeliverReply, ImServerPatterns } from '@cim/protocol';
import { InboxPolicy, SESSION_STORE, SessionStore, StoredMessage } from '@cim/session-store';
import { inboxPolicy } from '@cim/config';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ServerDirectory } from '../servers/server-directory';

/** What became of one entry: whether its server took the hand-over, and who it is kept for instead. */
export interface EntryOutcome {
  reached: boolean;
  /** Receivers not connected there: the message waits in their unacked ledger for their next login. */
  kept: string[];
}

interface Pending {
  entry: DeliverEntry;
  /** A re-delivery to a receiver's new server is tried once, not again. */
  retry: boolean;
  resolve: (outcome: EntryOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands messages to the im-servers. Entries queued in the same tick travel to each server in one
 * Deliver call, in the order they were queued. Messages for named receivers are first written to
 * their unacked ledger, so that nothing is lost if the im-server or the connection dies before the
 * client acknowledges: openInbox hands them over again at the next login. A receiver who moved to
 * another server meanwhile gets one more try there. A group message is not kept for anyone.
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
    private readonly metrics: GatewayMetrics,
  ) {
    this.policy = inboxPolicy(env);
  }

  /** Gives a message to one user on the server of their route (none: offline, to the inbox). */
  async deliverTo(userId: string, message: StoredMessage, serverId?: string): Promise<'online' | 'inbox'> {
    this.metrics.routed(message.kind);
    if (serverId === undefined || !this.directory.isLive(serverId)) {
      await this.store.pushInbox(userId, [message], this.policy);
      this.metrics.inboxed(message.kind);
      // The receiver may have logged in, and taken their inbox, between the route lookup and now:
      // hand it over there too (the client drops the copy it may get again from the inbox).
      const route = await this.store.getRoute(userId);
      if (route && this.directory.isLive(route.serverId)) {
        await this.enqueue(route.serverId, { message, userIds: [userId] }, false);
      }
      return 'inbox';
    }
    const { kept } = await this.enqueue(serverId, { message, userIds: [userId] }, true);
    if (kept.length) this.metrics.inboxed(message.kind);
    else this.metrics.handedOver(message.kind);
    return kept.length ? 'inbox' : 'online';
  }

  /** Gives a message to everyone online but its sender, one entry per live server; answers how many took it. */
  async deliverToAll(message: StoredMessage): Promise<number> {
    const servers = this.directory.live();
    const entry = { message, allExcept: message.senderId };
    this.metrics.routed(message.kind);
    const outcomes = await Promise.all(servers.map((s) => this.enqueue(s.id, entry, false)));
    const reached = outcomes.filter((o) => o.reached).length;
    this.metrics.handedOver(message.kind, reached);
    return reached;
  }

  private enqueue(serverId: string, entry: DeliverEntry, retry: boolean): Promise<EntryOutcome> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => this.flush());
      const queue = this.pending.get(serverId) ?? [];
      queue.push({ entry, retry, resolve, reject });
      this.pending.set(serverId, queue);
    });
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    for (const [serverId, queue] of batches) void this.flushServer(serverId, queue);
  }

  private async flushServer(serverId: string, queue: Pending[]): Promise<void> {
    const tracked = queue.flatMap(({ entry }) =>
      (entry.userIds ?? []).map((userId) => ({ userId, message: entry.message })),
    );
    try {
      await this.store.trackUnacked(tracked, this.policy);
    } catch (error) {
      queue.forEach((p) => p.reject(error));
      return;
    }
    let reply: DeliverReply | undefined;
    try {
      reply = await this.directory.call<DeliverReply>(serverId, ImServerPatterns.Deliver, {
        entries: queue.map((p) => p.entry),
      });
    } catch (error) {
      this.logger.warn(`deliver to ${serverId} failed: ${(error as Error).message ?? error}`);
    }
    if (reply) queue.forEach((p) => this.metrics.delivered(p.entry.message.sentAt));
    const missed = new Set(reply?.missed.map((m) => key(m.messageId, m.userId)) ?? []);
    const retries: Pending[] = [];
    for (const pending of queue) {
      const { message, userIds = [] } = pending.entry;
      const kept = userIds.filter((u) => !reply || missed.has(key(message.messageId, u)));
      if (pending.retry && kept.length) retries.push({ ...pending, entry: { message, userIds: kept } });
      else pending.resolve({ reached: reply !== undefined, kept });
    }
    if (retries.length) await this.redeliver(serverId, retries);
  }

  /** Receivers not found on the server of their route may have logged in elsewhere since: try there once. */
  private async redeliver(failedServerId: string, retries: Pending[]): Promise<void> {
    for (const pending of retries) {
      const [userId] = pending.entry.userIds!;
      const route = await this.store.getRoute(userId).catch(() => null);
      const moved = route && route.serverId !== failedServerId && this.directory.isLive(route.serverId);
      if (!moved) pending.resolve({ reached: true, kept: [userId] });
      else this.enqueue(route.serverId, pending.entry, false).then(pending.resolve, pending.reject);
    }
  }
}

function key(messageId: string, userId: string): string {
  return `${messageId}\n${userId}`;
}
