import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ServerLeaseReply, ServerLeaseRequest } from '@cim/protocol';
import { ReleasedRun, SESSION_STORE, SessionStore } from '@cim/session-store';
import { GroupPresence } from '../groups/group-presence';

/** How often each gateway looks for im-server runs whose lease lapsed. */
export const SWEEP_INTERVAL_MS = 1000;

/**
 * A sweep that comes this much later than its interval is skipped: the gateway's event loop was held
 * up, so renewals sent to it may still wait, unread, in its sockets. A lapse seen then may be the
 * gateway's own doing, not the server's.
 */
export const BEHIND_MS = 1000;

/**
 * The lease of each im-server run: the server renews it through any gateway, and every gateway sweeps
 * the runs whose lease lapsed, releasing their users' routes and taking those sessions out of their
 * groups' members online. So a dead run's users go offline a lease after its last renewal whether or
 * not a gateway saw it leave ZooKeeper, and a live server that only lost its ZooKeeper session (a
 * ZooKeeper restart, a partition from ZooKeeper alone) keeps its users online. A gateway too busy to
 * read the renewals sent to it (its sweep came BEHIND_MS late) does not sweep that time: a live
 * server's users are not released because a gateway fell a few seconds behind.
 */
@Injectable()
export class ServerRunsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ServerRuns');
  private timer?: NodeJS.Timeout;
  private sweeping = false;
  private lastTick = 0;

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly groups: GroupPresence,
  ) {}

  onModuleInit(): void {
    this.lastTick = Date.now();
    this.timer = setInterval(() => void this.tick(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async hold({ serverId, incarnation, ttlMs, first }: ServerLeaseRequest): Promise<ServerLeaseReply> {
    const held = await this.store.holdServerRun({ serverId, incarnation }, ttlMs, first);
    if (!held) this.logger.warn(`im-server ${serverId} (run ${incarnation}) renewed a lease that had lapsed`);
    return { held };
  }

  /** The timer's turn: a sweep, unless the turn came so late that this gateway is behind. */
  private async tick(): Promise<void> {
    const now = Date.now();
    const late = now - this.lastTick - SWEEP_INTERVAL_MS;
    this.lastTick = now;
    if (late > BEHIND_MS) {
      this.logger.warn(
        `sweep skipped: this gateway is ${late} ms behind and may not have read every lease renewal`,
      );
      return;
    }
    await this.sweep();
  }

  /** Releases the routes of every run whose lease lapsed; answers how many users went offline. */
  async sweep(): Promise<number> {
    if (this.sweeping) return 0;
    this.sweeping = true;
    try {
      const released = await this.store.sweepServerRuns();
      for (const run of released) {
        this.logger.log(
          `im-server ${run.serverId} (run ${run.incarnation}) let its lease lapse; ${run.userIds.length} users went offline`,
        );
        await this.leaveGroups(run);
      }
      return released.reduce((n, run) => n + run.userIds.length, 0);
    } catch (error) {
      this.logger.warn(`sweeping lapsed im-server runs failed: ${(error as Error).message}`);
      return 0;
    } finally {
      this.sweeping = false;
    }
  }

  /**
   * The routes are gone already: a failure here leaves their entries in the groups until each device's
   * next login, group messages still handed to the dead run's server meanwhile.
   */
  private async leaveGroups(run: ReleasedRun): Promise<void> {
    try {
      await this.groups.released(run.routes);
    } catch (error) {
      this.logger.warn(
        `taking run ${run.incarnation} of im-server ${run.serverId} out of the groups' online members failed: ${(error as Error).message}`,
      );
    }
  }
}
