import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { GatewayClient } from '../gateway/gateway-client';
import { ServerRun } from './server-run';
import { StoreEpochWatcher } from '../store-epoch/store-epoch.watcher';

/** What the clients of a run whose lease lapsed are told, with RECONNECT. */
export const LAPSED_REASON = 'this server was unreachable for too long and its sessions ended; log in again';

/**
 * Keeps this run's lease in the session store (through any route-gateway), renewing it every third
 * of CIM_SERVER_LEASE_MS. While it holds, the users connected here stay online whatever ZooKeeper
 * says. When a renewal finds it lapsed (the process was frozen, or cut off from every gateway, for
 * longer than the lease), the gateways have taken this run's users offline: every client is told to
 * reconnect, so that no connected user stays offline, and the lease is taken afresh.
 */
@Injectable()
export class RunLeaseService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('RunLease');
  private timer?: NodeJS.Timeout;
  private held = false;
  private renewing = false;
  /** The session store's epoch when the lease last held. */
  private heldInEpoch?: string;

  constructor(
    private readonly env: ImServerEnv,
    private readonly run: ServerRun,
    private readonly gateway: GatewayClient,
    private readonly connections: ConnectionRegistry,
    private readonly storeEpoch: StoreEpochWatcher,
  ) {}

  /** Takes the lease now and keeps renewing it until shutdown. */
  start(): Promise<void> {
    this.timer ??= setInterval(() => void this.renew(), Math.floor(this.env.CIM_SERVER_LEASE_MS / 3));
    return this.renew();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    try {
      const first = !this.held;
      const { held } = await this.hold(first);
      if (!held && !first) {
        // A session store that lost its data lost the lease with it: StoreEpochWatcher tells the
        // clients of before the reset why; those who logged in since keep their sessions.
        await this.storeEpoch.check();
        const reset = this.heldInEpoch !== undefined && this.storeEpoch.epoch !== this.heldInEpoch;
        if (!reset) this.lapsed();
        this.held = (await this.hold(true)).held;
      } else this.held = held;
      if (this.held) this.heldInEpoch = this.storeEpoch.epoch;
    } catch (error) {
      this.logger.warn(`renewing this run's lease failed: ${(error as Error).message}`);
    } finally {
      this.renewing = false;
    }
  }

  private hold(first: boolean): Promise<{ held: boolean }> {
    return this.gateway.serverLease({
      serverId: this.env.CIM_SERVER_ID,
      incarnation: this.run.incarnation,
      ttlMs: this.env.CIM_SERVER_LEASE_MS,
      first,
    });
  }

  private lapsed(): void {
    const count = this.connections.size;
    this.logger.warn(`this run's lease lapsed; telling ${count} client(s) to log in again`);
    for (const connection of this.connections.all()) {
      connection.close('lease-lapsed', { reconnect: { reason: LAPSED_REASON } });
    }
  }
}
