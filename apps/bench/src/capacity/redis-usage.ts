import Redis from 'ioredis';

/** What one Redis node holds: `used_memory` of INFO memory and the key count (DBSIZE). */
export interface NodeUsage {
  port: number;
  usedMemory: number;
  keys: number;
}

export interface RedisUsage {
  /** Summed over the nodes. */
  usedMemory: number;
  keys: number;
  nodes: NodeUsage[];
}

/** Reads memory and key counts of Redis nodes (the masters of a cluster, or one node) by port. */
export class RedisUsageProbe {
  private readonly clients: { port: number; redis: Redis }[];

  constructor(ports: readonly number[]) {
    this.clients = ports.map((port) => ({
      port,
      redis: new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 2 }),
    }));
  }

  async read(): Promise<RedisUsage> {
    const nodes = await Promise.all(
      this.clients.map(async ({ port, redis }) => {
        const [info, keys] = await Promise.all([redis.info('memory'), redis.dbsize()]);
        const match = /^used_memory:(\d+)/m.exec(info);
        if (!match) throw new Error(`INFO memory of the Redis on port ${port} has no used_memory`);
        return { port, usedMemory: Number(match[1]), keys };
      }),
    );
    return {
      usedMemory: nodes.reduce((sum, n) => sum + n.usedMemory, 0),
      keys: nodes.reduce((sum, n) => sum + n.keys, 0),
      nodes,
    };
  }

  close(): void {
    for (const { redis } of this.clients) redis.disconnect();
  }
}
