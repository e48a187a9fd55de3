import Redis from 'ioredis';
import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';
import { onlineIds, PrivateLoad, receivedSince, sdkUsers } from './run-helpers';

const USERS = 30;
/** The im-servers' heartbeat interval: a client takes its connection for lost after 2.5 of them. */
const HEARTBEAT_MS = 10_000;
/** How soon after SIGCONT every user must be back online and getting messages again. */
const BACK_WITHIN_MS = 10_000;

/**
 * One im-server frozen (SIGSTOP) until its run's lease lapsed (its ZooKeeper session, 4 s, ends about
 * then too), then resumed (SIGCONT) under load: its users go offline while it is frozen; once it runs
 * again it tells its clients to log in again, at once rather than after their 2.5 missed heartbeats;
 * those that come back to it (it may still be listed when they resume) are served like any other.
 */
describe('fault: an im-server frozen past its lease and session timeout, then resumed', () => {
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

  it('brings its users back online and reachable within seconds, losing and repeating nothing', async () => {
    const frozen = users.filter((u) => u.serverId === 'im-1');
    expect(frozen.length).toBeGreaterThan(0);
    process.kill(cluster.servers[0].pid!, 'SIGSTOP');
    // Frozen until the cluster has taken its users offline: its lease lapsed.
    await eventually(async () => expect(await onlineIds(redis)).toHaveLength(USERS - frozen.length), 30_000);
    const resumedAt = Date.now();
    process.kill(cluster.servers[0].pid!, 'SIGCONT');
    const from = load.round;
    await eventually(async () => {
      expect(await onlineIds(redis)).toEqual(users.map((u) => u.userId).sort());
      const unreached = users.filter((u) => !receivedSince(u, from));
      expect(unreached.map((u) => `${u.name} on ${u.serverId}: ${u.client.state}`)).toEqual([]);
    }, BACK_WITHIN_MS);
    const backAfterMs = Date.now() - resumedAt;
    const onResumed = users.filter((u) => u.serverId === 'im-1').length;
    console.log(
      `the frozen server's ${frozen.length} users were back and reachable ${backAfterMs} ms after SIGCONT ` +
        `(${onResumed} users on the resumed server)`,
    );
    expect(backAfterMs).toBeLessThan(2.5 * HEARTBEAT_MS);
    await load.stop();
    // Every acknowledged message reached its receiver's listener, once.
    await eventually(() => expect(load.undelivered()).toEqual([]), 20_000);
    const repeated = load.acked.filter(
      ({ receiver, body }) => receiver.bodies().filter((b) => b === body).length > 1,
    );
    expect(repeated.map((a) => a.body)).toEqual([]);
    expect(users.every((u) => u.client.state === 'ready')).toBe(true);
    expect(await onlineIds(redis)).toEqual(users.map((u) => u.userId).sort());
  }, 150_000);
});
