import Redis from 'ioredis';
import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';
import { onlineIds, PrivateLoad, receivedSince, sdkUsers } from './run-helpers';

const USERS = 30;
/** The im-servers' heartbeat interval: a client takes its connection for lost after 2.5 of them. */
const HEARTBEAT_MS = 10_000;

/**
 * One im-server frozen (SIGSTOP) past its ZooKeeper session timeout and its run's lease, then resumed
 * (SIGCONT): its users go offline while it is frozen, and once it runs again it tells its clients to
 * log in again, at once rather than after their 2.5 missed heartbeats; every user is back online and
 * reachable, and nothing acknowledged is left waiting in a ledger.
 */
describe('fault: an im-server frozen past its session timeout, then resumed', () => {
  let cluster: Cluster;
  let redis: Redis;
  let users: SdkUser[];
  let load: PrivateLoad;

  beforeAll(async () => {
    cluster = await Cluster.start({
      servers: 3,
      gateways: 2,
      serverEnv: { CIM_SERVER_LEASE_MS: '3000', CIM_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS) },
    });
    redis = new Redis(cluster.redis.url);
    users = sdkUsers(cluster, USERS, 'f');
    await inBatches(users, 10, (user) => user.online().then(() => undefined));
    load = new PrivateLoad(users);
    load.start();
  }, 120_000);

  afterAll(async () => {
    const frozen = cluster?.servers[0]?.pid;
    if (frozen) process.kill(frozen, 'SIGCONT');
    await load?.stop();
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await redis?.quit();
    await cluster?.stop();
  });

  it('brings its users back online within seconds of resuming', async () => {
    const frozen = users.filter((u) => u.serverId === 'im-1');
    expect(frozen.length).toBeGreaterThan(0);
    process.kill(cluster.servers[0].pid!, 'SIGSTOP');
    // Frozen until the cluster has taken its users offline (session expiry, lease lapse).
    await eventually(async () => expect((await onlineIds(redis)).length).toBe(USERS - frozen.length), 30_000);
    const resumedAt = Date.now();
    process.kill(cluster.servers[0].pid!, 'SIGCONT');
    const from = load.round;
    await eventually(async () => {
      expect(await onlineIds(redis)).toEqual(users.map((u) => u.userId).sort());
      const missing = users.filter((u) => !receivedSince(u, from));
      expect({ round: load.round, missing: missing.map((u) => `${u.serverId} ${u.client.state}`) }).toEqual({
        round: expect.any(Number),
        missing: [],
      });
    }, 30_000);
    const backAfterMs = Date.now() - resumedAt;
    console.log(
      `the frozen server's ${frozen.length} users were back and reachable ${backAfterMs} ms after SIGCONT`,
    );
    expect(backAfterMs).toBeLessThan(2.5 * HEARTBEAT_MS);
    await load.stop();
    await eventually(() => expect(load.undelivered()).toEqual([]), 20_000);
    expect(users.every((u) => u.client.state === 'ready')).toBe(true);
  }, 150_000);
});
