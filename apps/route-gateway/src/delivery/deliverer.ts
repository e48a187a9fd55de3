import { Inject, Injectable, Logger } from '@nestjs/common';
import { HandOver } from '@cim/delivery';
import { StoredMessage } from '@cim/protocol';
import {
  deviceIdOf,
  InboxPolicy,
  OnlineMember,
  Route,
  SESSION_STORE,
  SessionStore,
} from '@cim/session-store';
import { inboxPolicy } from '@cim/config';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ServerDirectory } from '../servers/server-directory';

/**
 * Routes accepted messages to the im-servers through a HandOver (one Deliver per server per tick, the
 * unacked ledger written first): a private message to each server hosting one of its receiver's
 * devices (the im-server writes it to each of the receiver's connections there), or to their inbox
 * when they are offline, and to the sender's other devices; a lobby message to every live server; a
 * message to a group with membership to each live server hosting members' devices online, as one
 * entry naming them. A receiver who moved to another server meanwhile gets one more try there.
 *
 * The unacked ledger is one per user, not per device: the first of the user's devices to acknowledge
 * a message clears it, and a device that did not get a message live (offline, or connecting just then)
 * reads it from the conversation's history (SYNC). A device is written a message at most once per
 * hand-over, and acknowledged messages are never handed to any device again.
 */
@Injectable()
export class Deliverer {
  private readonly policy: InboxPolicy;
  private readonly handOver: HandOver;

  constructor(
    private readonly directory: ServerDirectory,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    env: GatewayEnv,
    private readonly metrics: GatewayMetrics,
  ) {
    this.policy = inboxPolicy(env);
    this.handOver = new HandOver(directory, store, {
      policy: this.policy,
      onReply: (entries) => entries.forEach((e) => metrics.delivered(e.message.sentAt)),
      logger: new Logger('Deliverer'),
    });
  }

  /**
   * Gives a message to every device of one user, on the live servers their routes name (none:
   * offline). `routes` are the user's routes if the caller read them already. With `tracked`, the
   * message is already in the receiver's unacked ledger (it was kept when accepted): offline, it waits
   * there for their next login; else it goes to their inbox first.
   */
  async deliverTo(
    userId: string,
    message: StoredMessage,
    routes?: Route[],
    tracked = false,
  ): Promise<'online' | 'inbox'> {
    this.metrics.routed(message.kind);
    const servers = this.liveServers(routes ?? (await this.store.routesOf(userId)));
    if (servers.length === 0) {
      if (!tracked) await this.store.pushInbox(userId, [message], this.policy);
      this.metrics.inboxed(message.kind);
      // The receiver may have logged in, and taken their inbox, between the route lookup and now:
      // hand it over there too (the client drops the copy it may get again from the inbox).
      const now = this.liveServers(await this.store.routesOf(userId));
      const entry = { message, userIds: [userId] };
      await Promise.all(now.map((serverId) => this.handOver.enqueue(serverId, entry, { tracked })));
      return 'inbox';
    }
    const entry = { message, userIds: [userId] };
    // A receiver on one server may have moved meanwhile: one more try where they are now. One on
    // several is not tried again, lest a device that took it on another server get it twice.
    const retry = servers.length === 1;
    const outcomes = await Promise.all(
      servers.map((serverId) => this.handOver.enqueue(serverId, entry, { retry, tracked })),
    );
    const reached = outcomes.some((o) => o.kept.length === 0);
    if (reached) this.metrics.handedOver(message.kind);
    else this.metrics.inboxed(message.kind);
    return reached ? 'online' : 'inbox';
  }

  /**
   * What the user sent, to their other devices online (all of them when `exceptSession` is absent, as
   * for a message sent over HTTP): they show it as their own. Not kept in the sender's ledger; a device
   * that misses it reads it from the conversation's history. `senderRoutes`: the sender's routes if the
   * caller read them already (the store answers them with a SEND's acceptance).
   */
  async deliverToOwnDevices(
    message: StoredMessage,
    exceptSession?: string,
    senderRoutes?: Route[],
  ): Promise<void> {
    const routes = (senderRoutes ?? (await this.store.routesOf(message.senderId))).filter(
      (r) =>
        r.sessionId !== exceptSession &&
        (message.senderDeviceId === undefined || deviceIdOf(r) !== message.senderDeviceId),
    );
    const entry = { message, userIds: [message.senderId], skipSession: exceptSession };
    await Promise.all(
      this.liveServers(routes).map((serverId) => this.handOver.enqueue(serverId, entry, { tracked: true })),
    );
  }

  /**
   * The live servers hosting the user's devices (but the session left out), each once: where anything
   * for all of a user's devices is handed over (a message, or the read state other devices learn).
   */
  async serversOfDevices(userId: string, exceptSession?: string): Promise<string[]> {
    const routes = await this.store.routesOf(userId);
    return this.liveServers(routes.filter((r) => r.sessionId !== exceptSession));
  }

  /**
   * Gives a message to everyone online but its sender, one entry per live server; answers how many
   * took it. With `exceptSession` (a SEND), only the sending device is left out: the sender's other
   * devices get it too.
   */
  async deliverToAll(message: StoredMessage, exceptSession?: string): Promise<number> {
    const servers = this.directory.live();
    const entry = { message, allExcept: message.senderId, ...(exceptSession ? { exceptSession } : {}) };
    this.metrics.routed(message.kind);
    const outcomes = await Promise.all(servers.map((s) => this.handOver.enqueue(s.id, entry)));
    const reached = outcomes.filter((o) => o.reached).length;
    this.metrics.handedOver(message.kind, reached);
    return reached;
  }

  /**
   * Gives a message to the members' devices online of a group with membership: one entry per live
   * server that hosts some, naming each member there once (the im-server writes to each of their
   * connections there, but the session `skipSession`, the sending device), not kept in any ledger
   * (members offline read the group's history instead). Answers how many connections took it.
   */
  async deliverToMembers(
    message: StoredMessage,
    online: OnlineMember[],
    skipSession?: string,
  ): Promise<number> {
    const byServer = new Map<string, Set<string>>();
    for (const { userId, serverId } of online) {
      if (!this.directory.isLive(serverId)) continue;
      const userIds = byServer.get(serverId) ?? new Set<string>();
      userIds.add(userId);
      byServer.set(serverId, userIds);
    }
    this.metrics.routed(message.kind);
    const outcomes = await Promise.all(
      [...byServer].map(([serverId, userIds]) => {
        this.metrics.groupHandedOver(serverId);
        const entry = { message, userIds: [...userIds], ...(skipSession ? { skipSession } : {}) };
        return this.handOver.enqueue(serverId, entry, { tracked: true });
      }),
    );
    this.metrics.handedOver(message.kind, outcomes.filter((o) => o.reached).length);
    return outcomes.reduce((sum, o) => sum + o.delivered, 0);
  }

  private liveServers(routes: Route[]): string[] {
    return [...new Set(routes.map((r) => r.serverId))].filter((id) => this.directory.isLive(id));
  }
}
