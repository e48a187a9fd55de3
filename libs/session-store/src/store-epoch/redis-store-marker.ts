import { RedisClient } from '../redis/redis-client';
import { newEpoch, StoreMarker } from './store-marker';

/** KEYS: the marker. ARGV: a new epoch. Writes it unless there is one; answers the marker's value. */
const ESTABLISH = `
redis.call('SET', KEYS[1], ARGV[1], 'NX')
return redis.call('GET', KEYS[1])
`;

/**
 * The marker on Redis or a Redis Cluster: one string key under its own hash tag, `{p}{store}:epoch`,
 * without expiry. Uses a client of its own, so that it hears the connection come back.
 */
export class RedisStoreMarker implements StoreMarker {
  readonly key: string;
  private readonly reconnectListeners: (() => void)[] = [];
  private connected = false;

  constructor(
    private readonly redis: RedisClient,
    prefix = 'cim:',
  ) {
    this.key = `${prefix}{store}:epoch`;
    // Listening also keeps ioredis from printing every failed reconnect attempt.
    this.redis.on('error', () => undefined);
    this.redis.on('ready', () => {
      if (this.connected) for (const listener of this.reconnectListeners) listener();
      this.connected = true;
    });
  }

  async establish(): Promise<string> {
    return String(await this.redis.eval(ESTABLISH, 1, this.key, newEpoch()));
  }

  read(): Promise<null | string> {
    return this.redis.get(this.key);
  }

  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
