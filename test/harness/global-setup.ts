import { RedisProcess, ZooKeeperProcess } from './services';

/** Starts one redis-server and one ZooKeeper for the integration suites and publishes where they are. */
export default async function globalSetup(): Promise<void> {
  const redis = new RedisProcess();
  const zookeeper = new ZooKeeperProcess();
  await Promise.all([redis.start(), zookeeper.start()]);
  process.env.CIM_TEST_REDIS_URL = redis.url;
  process.env.CIM_TEST_ZK_CONNECT = zookeeper.connectString;
  (globalThis as Record<string, unknown>).__cimServices = [redis, zookeeper];
}
