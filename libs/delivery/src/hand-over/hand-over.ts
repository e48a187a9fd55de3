import { DeliverEntry, DeliverReply, ImServerPatterns } from '@cim/protocol';
import { InboxPolicy, SessionStore } from '@cim/session-store';
import { ImServerLogger } from '../calls/im-server-client';

/** What HandOver needs of the im-servers: whether one is live (listed), and calls to it. */
export interface DeliverTarget {
  isLive(serverId: string): boolean;
  call<R>(serverId: string, pattern: string, payload: unknown): Promise<R>;
}

/** What became of one entry. */
export interface EntryOutcome {
  /** Whether its server answered the Deliver call. */
  reached: boolean;
  /** Receivers not connected there: the message waits in their unacked ledger for their next login. */
  kept: string[];
  /**
   * Connections written to for this entry. A group entry sharing its call with other group entries
   * gets an even share of what the server reports for them all (exact when nobody is excluded).
   */
  delivered: number;
}

export interface HandOverOptions {
  /** The cap and TTL of the unacked ledger. */
  policy: InboxPolicy;
  /** Called when a server answers a Deliver call, with the entries it carried. */
  onReply?: (entries: DeliverEntry[], reply: DeliverReply) => void;
  logger?: Pick<ImServerLogger, 'warn'>;
}

/** How an entry is handed over. */
export interface EnqueueOptions {
  /** An entry of one receiver missed there is tried once more on the server of their current route. */
  retry?: boolean;
  /** Its receivers' ledger already holds the message (written when it was accepted): no write here. */
  tracked?: boolean;
}

interface Pending extends EnqueueOptions {
  entry: DeliverEntry;
  resolve: (outcome: EntryOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands messages to the im-servers. Entries queued in the same tick travel to each server in one
 * Deliver call, in the order they were queued. Messages for named receivers are first written to
 * their unacked ledger, so that nothing is lost if the im-server or the connection dies before the
 * client acknowledges: the session store hands them over again at the next login. A group entry
 * (`allExcept`) is not kept for anyone.
 */
export class HandOver {
  private pending = new Map<string, Pending[]>();

  constructor(
    private readonly servers: DeliverTarget,
    private readonly store: Pick<SessionStore, 'trackUnacked' | 'routesOf'>,
    private readonly options: HandOverOptions,
  ) {}

  /**
   * Queues an entry for the server; resolves once the server answered (or failed), rejects when the
   * ledger could not be written (then nothing was handed over). `retry` is for entries of one receiver.
   */
  enqueue(serverId: string, entry: DeliverEntry, options: EnqueueOptions = {}): Promise<EntryOutcome> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => this.flush());
      const queue = this.pending.get(serverId) ?? [];
      queue.push({ ...options, entry, resolve, reject });
      this.pending.set(serverId, queue);
    });
  }

  private flush(): void {
    const batches = this.pending;
    this.pending = new Map();
    for (const [serverId, queue] of batches) void this.flushServer(serverId, queue);
  }

  private async flushServer(serverId: string, queue: Pending[]): Promise<void> {
    const tracked = queue.flatMap(({ entry, tracked }) =>
      tracked ? [] : (entry.userIds ?? []).map((userId) => ({ userId, message: entry.message })),
    );
    try {
      await this.store.trackUnacked(tracked, this.options.policy);
    } catch (error) {
      queue.forEach((p) => p.reject(error));
      return;
    }
    const entries = queue.map((p) => p.entry);
    let reply: DeliverReply | undefined;
    try {
      reply = await this.servers.call<DeliverReply>(serverId, ImServerPatterns.Deliver, { entries });
    } catch (error) {
      this.options.logger?.warn(`deliver to ${serverId} failed: ${(error as Error).message ?? error}`);
    }
    if (reply) this.options.onReply?.(entries, reply);
    const outcomes = outcomesOf(entries, reply);
    const retries: Pending[] = [];
    queue.forEach((pending, i) => {
      const { kept } = outcomes[i];
      if (pending.retry && kept.length) {
        retries.push({ ...pending, entry: { ...pending.entry, userIds: kept } });
      } else pending.resolve(outcomes[i]);
    });
    if (retries.length) await this.redeliver(serverId, retries);
  }

  /**
   * A receiver not found on the server of their route may have logged in elsewhere since: tried once on
   * the other live servers their devices' routes now name (their first answer that took it counts).
   */
  private async redeliver(failedServerId: string, retries: Pending[]): Promise<void> {
    for (const pending of retries) {
      const [userId] = pending.entry.userIds!;
      const routes = await this.store.routesOf(userId).catch(() => []);
      const servers = [...new Set(routes.map((r) => r.serverId))].filter(
        (id) => id !== failedServerId && this.servers.isLive(id),
      );
      if (servers.length === 0) {
        pending.resolve({ reached: true, kept: [userId], delivered: 0 });
        continue;
      }
      const tries = servers.map((id) => this.enqueue(id, pending.entry, { tracked: pending.tracked }));
      Promise.all(tries).then(
        (outcomes) => pending.resolve(outcomes.find((o) => o.kept.length === 0) ?? outcomes[0]),
        pending.reject,
      );
    }
  }
}

/** Each entry's outcome from the server's reply (undefined: it failed, so every receiver is kept). */
function outcomesOf(entries: DeliverEntry[], reply: DeliverReply | undefined): EntryOutcome[] {
  if (!reply) return entries.map(({ userIds = [] }) => ({ reached: false, kept: userIds, delivered: 0 }));
  const missed = new Set(reply.missed.map((m) => key(m.messageId, m.userId)));
  const outcomes = entries.map(({ message, userIds = [] }) => {
    const kept = userIds.filter((u) => missed.has(key(message.messageId, u)));
    return { reached: true, kept, delivered: userIds.length - kept.length };
  });
  const groups = entries.flatMap((e, i) => (e.allExcept !== undefined ? [i] : []));
  const toNamed = outcomes.reduce((sum, o) => sum + o.delivered, 0);
  const share = groups.length ? Math.round(Math.max(0, reply.delivered - toNamed) / groups.length) : 0;
  for (const i of groups) outcomes[i].delivered = share;
  return outcomes;
}

function key(messageId: string, userId: string): string {
  return `${messageId}\n${userId}`;
}
