// Jest loads global setup outside its module registry, where moduleNameMapper (the @cim aliases) does not apply.
// eslint-disable-next-line no-restricted-imports
import { RedisClusterProcess, RedisProcess, ZooKeeperProcess } from '../../libs/local-cluster/src';

/**
 * Starts one redis-server, one 3-master Redis Cluster and one ZooKeeper for the integration suites and
 * publishes where they are.
 */
export default async function globalSetup(): Promise<void> {
  const redis = new RedisProcess();
  const redisCluster = new RedisClusterProcess();
  const zookeeper = new ZooKeeperProcess();
  await Promise.all([redis.start(), redisCluster.start(), zookeeper.start()]);
  process.env.CIM_TEST_REDIS_URL = redis.url;
  process.env.CIM_TEST_REDIS_CLUSTER_NODES = redisCluster.seeds;
  process.env.CIM_TEST_ZK_CONNECT = zookeeper.connectString;
  (globalThis as Record<string, unknown>).__cimServices = [redis, redisCluster, zookeeper];
}
