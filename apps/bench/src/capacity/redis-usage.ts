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

export interface KindUsage {
  kind: string;
  keys: number;
  bytes: number;
}

/** The name after the key's hash tag, up to the next colon; `other` for a key without a tag. */
export function kindOf(key: string): string {
  const match = /\}:([^:]+)/.exec(key);
  return match ? match[1] : 'other';
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

  /**
   * Bytes (`MEMORY USAGE`) and keys per kind of key, over every node: the kind is the name after the
   * key's hash tag (`cim:{u:7}:sends:<session>` is `sends`, `cim:{c:g:3}:history` is `history`); keys
   * without a hash tag are `other`. It reads every key, so it is for the end of a run, not for a
   * store with millions of keys.
   */
  async byKind(): Promise<KindUsage[]> {
    const kinds = new Map<string, KindUsage>();
    for (const { redis } of this.clients) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
        cursor = next;
        const pipeline = redis.pipeline();
        for (const key of keys) pipeline.memory('USAGE', key);
        const sizes = (await pipeline.exec()) ?? [];
        keys.forEach((key, i) => {
          const kind = kindOf(key);
          const usage = kinds.get(kind) ?? { kind, keys: 0, bytes: 0 };
          usage.keys += 1;
          usage.bytes += Number(sizes[i]?.[1] ?? 0);
          kinds.set(kind, usage);
        });
      } while (cursor !== '0');
    }
    return [...kinds.values()].sort((a, b) => b.bytes - a.bytes);
  }

  close(): void {
    for (const { redis } of this.clients) redis.disconnect();
  }
}
