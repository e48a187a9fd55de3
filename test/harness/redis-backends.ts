import Redis, { Cluster } from 'ioredis';
import { parseClusterNodes } from '@cim/config';
import { RedisConnection } from '@cim/session-store';

/** The two Redis set-ups of the global setup: one node, and a 3-master Redis Cluster. */
export interface RedisBackend {
  name: string;
  connection: () => RedisConnection;
  /** A plain client, to read what the store wrote and to clean up. */
  admin: () => Redis | Cluster;
}

export const REDIS_BACKENDS: RedisBackend[] = [
  {
    name: 'one Redis',
    connection: () => process.env.CIM_TEST_REDIS_URL!,
    admin: () => new Redis(process.env.CIM_TEST_REDIS_URL!),
  },
  {
    name: 'a Redis Cluster',
    connection: () => parseClusterNodes(process.env.CIM_TEST_REDIS_CLUSTER_NODES!),
    admin: () => new Cluster(parseClusterNodes(process.env.CIM_TEST_REDIS_CLUSTER_NODES!).clusterNodes),
  },
];

/** Deletes every key matching the pattern, on every master of a cluster; one key per command (slots differ). */
export async function deleteKeys(admin: Redis | Cluster, pattern: string): Promise<void> {
  const nodes = admin instanceof Cluster ? admin.nodes('master') : [admin];
  for (const node of nodes) {
    for await (const keys of node.scanStream({ match: pattern, count: 500 })) {
      await Promise.all((keys as string[]).map((key) => node.unlink(key)));
    }
  }
}
