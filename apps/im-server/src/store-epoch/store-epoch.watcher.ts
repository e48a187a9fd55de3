import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConnectionRegistry } from '../connections/connection-registry';
import { GatewayClient } from '../gateway/gateway-client';

/** How often this server asks a route-gateway for the session store's epoch. */
export const STORE_EPOCH_CHECK_MS = 1000;

/** What every client is told, with RECONNECT, when the session store lost its data. */
export const STORE_RESET_REASON =
  'the session store was reset and lost its data; log in again (an account made before the reset must register again)';

/**
 * Watches the session store's epoch through the route-gateways (StoreEpoch RPC): every
 * STORE_EPOCH_CHECK_MS, and at once when something this server did hinted at a reset (checkSoon). A new
 * epoch means the store lost every user, route and inbox: the sessions of this server's clients no
 * longer exist, so each client is told RECONNECT with STORE_RESET_REASON; the SEND it may still make on
 * the way out is refused by the gateway, which answers a SEND only in the epoch its session began in.
 */
@Injectable()
export class StoreEpochWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StoreEpoch');
  private known?: string;
  private checking?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private problem?: string;

  constructor(
    private readonly gateway: GatewayClient,
    private readonly connections: ConnectionRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.checkSoon(), STORE_EPOCH_CHECK_MS);
    this.timer.unref();
    this.checkSoon();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The epoch this server's sessions belong to; undefined until a gateway first answered. */
  get epoch(): string | undefined {
    return this.known;
  }

  /** Asks now (one question at a time); failures are logged once until they change. */
  checkSoon(): void {
    void this.check();
  }

  /** Asks a gateway for the epoch and acts on a change; resolves when done (never rejects). */
  check(): Promise<void> {
    this.checking ??= this.ask().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async ask(): Promise<void> {
    try {
      const { epoch } = await this.gateway.storeEpoch();
      this.problem = undefined;
      if (this.known !== undefined && epoch !== this.known) this.reset(this.known, epoch);
      this.known = epoch;
    } catch (error) {
      const problem = (error as Error).message;
      if (problem !== this.problem) this.logger.warn(`the session store's epoch is unknown: ${problem}`);
      this.problem = problem;
    }
  }

  private reset(before: string, now: string): void {
    const count = this.connections.size;
    this.logger.error(
      `the session store was reset (epoch ${before} is gone, now ${now}); telling ${count} client(s) to log in again`,
    );
    for (const connection of this.connections.all()) {
      connection.close('store-reset', { reconnect: { reason: STORE_RESET_REASON } });
    }
  }
}
