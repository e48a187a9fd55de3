import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { STORE_MARKER, StoreMarker } from '@cim/session-store';
import { storeReset } from './store-reset';

/** How often each gateway looks at the store's marker when nothing else made it look. */
export const STORE_EPOCH_CHECK_MS = 1000;

/**
 * The session store's epoch as this gateway knows it (StoreMarker). The gateway looks at the marker at
 * start, every STORE_EPOCH_CHECK_MS, each time its marker connection comes back, and whenever a
 * confirmation found it changed; a look re-establishes a missing marker. A new epoch means the store
 * lost its data: it is logged, the listeners hear it (caches of what the store held are dropped), and
 * from then on this gateway works in the new epoch. The im-servers ask for the epoch too (StoreEpoch
 * RPC) and tell their clients to log in again.
 */
@Injectable()
export class StoreEpochService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StoreEpoch');
  private current?: string;
  private looking?: Promise<string>;
  private reading?: Promise<null | string>;
  private timer?: NodeJS.Timeout;
  private readonly listeners: (() => void)[] = [];

  constructor(@Inject(STORE_MARKER) private readonly marker: StoreMarker) {}

  async onApplicationBootstrap(): Promise<void> {
    this.marker.onReconnect(() => void this.look().catch(() => undefined));
    this.timer = setInterval(() => void this.look().catch(() => undefined), STORE_EPOCH_CHECK_MS);
    this.timer.unref();
    await this.look().catch((error: Error) =>
      this.logger.warn(`the store's epoch is not known yet: ${error.message}`),
    );
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** The epoch this gateway works in; undefined until the store first answered. */
  get epoch(): string | undefined {
    return this.current;
  }

  /** Hears each reset this gateway notices. */
  onReset(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Looks at the marker now (one look at a time), re-establishing it if missing; answers the epoch. */
  look(): Promise<string> {
    this.looking ??= this.marker
      .establish()
      .then((seen) => this.adopt(seen))
      .finally(() => (this.looking = undefined));
    return this.looking;
  }

  /**
   * Resolves when the store's epoch is still `expected` (the one current when the caller began), read
   * after the caller's writes; else rejects with a StoreReset GatewayError: what the caller wrote went
   * into a store that lost its data, or into the one that followed it, where its session never was.
   * The callers of one tick share one read. Without an expected epoch (the store had not answered yet)
   * the first look sets it.
   */
  async confirm(expected: string | undefined): Promise<void> {
    if (expected === undefined) {
      await this.look();
      return;
    }
    if ((await this.readSoon()) === expected) return;
    void this.look().catch(() => undefined);
    throw storeReset();
  }

  private adopt(seen: string): string {
    const before = this.current;
    this.current = seen;
    if (before !== undefined && before !== seen) {
      this.logger.error(
        `the session store was reset: epoch ${before} is gone, now ${seen}; its users, routes and ` +
          'inboxes are lost and every client is told to log in again',
      );
      for (const listener of this.listeners) listener();
    }
    return seen;
  }

  /** One read for every caller of this tick, sent after each of them asked. */
  private readSoon(): Promise<null | string> {
    this.reading ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.reading = undefined;
      return this.marker.read();
    });
    return this.reading;
  }
}
