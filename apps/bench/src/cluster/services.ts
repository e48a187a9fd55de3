import { RedisProcess, ZooKeeperProcess } from '@cim/local-cluster';
import { LOG_DIR } from './paths';

/**
 * A redis-server of the bench's own, without persistence (no RDB snapshots, no append-only file): the
 * bench measures the message path, not the disk.
 */
export async function startRedis(label: string): Promise<RedisProcess> {
  const redis = new RedisProcess({
    label,
    logDir: LOG_DIR,
    persistence: false,
    maxClients: 10_000,
    fdLimit: 20_000,
  });
  await redis.start();
  return redis;
}

/** A standalone ZooKeeper of the bench's own. */
export async function startZooKeeper(label: string): Promise<ZooKeeperProcess> {
  const zookeeper = new ZooKeeperProcess({ label, logDir: LOG_DIR, readyTimeoutMs: 30_000 });
  await zookeeper.start();
  return zookeeper;
}
