import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';
import { RingLoad, sendsBetween } from './failover-load';

const CLIENTS = 40;
const MESSAGES_EACH = 50;
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * A cim cluster (one gateway, two im-servers) on a Redis Cluster of 3 masters with one replica each. SDK
 * clients exchange private messages while every master in turn is replaced by its replica with a manual
 * CLUSTER FAILOVER (the replica catches up before it takes over). Nothing is restarted: the apps follow
 * the new masters by themselves, every acknowledged message reaches its receiver's listener exactly once,
 * and what the senders saw around each failover is printed.
 */
describe('fault: Redis Cluster failover under load', () => {
  let cluster: Cluster;
  let users: SdkUser[];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2, redis: 'a Redis Cluster with replicas' });
    users = Array.from(
      { length: CLIENTS },
      (_, i) => new SdkUser(cluster.gatewayUrl, unique(`f${i}`), { loginRetries: 10 }),
    );
    await inBatches(users, 20, (user) => user.online().then(() => undefined));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await cluster?.stop();
  });

  it('loses no acknowledged message and delivers none twice when each master fails over to its replica', async () => {
    const redis = cluster.redisCluster!;
    const apps = [...cluster.gateways, ...cluster.servers];
    const pids = apps.map((app) => app.pid);
    const load = new RingLoad(users, 2);
    const windows: { master: number; from: number; to: number }[] = [];
    let failing = true;
    const failovers = async () => {
      await eventually(() => expect(load.sends.length).toBeGreaterThan(CLIENTS * 10), 30_000);
      try {
        for (const master of await redis.masterPorts()) {
          const from = Date.now();
          await redis.failover(await redis.replicaOf(master));
          windows.push({ master, from, to: Date.now() });
        }
      } finally {
        failing = false;
      }
    };
    await Promise.all([load.run(MESSAGES_EACH, () => failing), failovers()]);

    expect(windows).toHaveLength(3);
    for (const { master, from, to } of windows)
      console.log(
        `failover of master :${master} took ${to - from} ms: ${sendsBetween(load.sends, from, to + 2000)}`,
      );
    console.log(`before the failovers: ${sendsBetween(load.sends, 0, windows[0].from)}`);
    const formerMasters = windows.map((w) => w.master);
    expect((await redis.masterPorts()).filter((port) => formerMasters.includes(port))).toEqual([]);

    const lost = () =>
      users.flatMap((user) => {
        const got = new Set(user.bodies());
        return load.acked(user).filter((body) => !got.has(body));
      });
    await eventually(() => expect(lost()).toEqual([]), 30_000);
    // A marker to each user once all else has arrived: a second copy of anything would have come by now.
    await inBatches(users, 20, async (user, i) => {
      await user.client.sendPrivate(users[(i + 1) % CLIENTS].userId, `${user.userId}:marker`);
    });
    const markerOf = (i: number) => `${users[(i + CLIENTS - 1) % CLIENTS].userId}:marker`;
    await eventually(
      () => expect(users.filter((u, i) => !u.bodies().includes(markerOf(i)))).toEqual([]),
      30_000,
    );
    const copies = users.flatMap((user) => {
      const counts = new Map<string, number>();
      for (const body of user.bodies()) counts.set(body, (counts.get(body) ?? 0) + 1);
      return [...counts].filter(([, n]) => n > 1).map(([body, n]) => `${body} ×${n}`);
    });
    expect(copies).toEqual([]);
    const refusedYetDelivered = load.sends.filter(
      (s) => s.refused && s.receiver.bodies().includes(s.body),
    ).length;
    const acked = load.sends.filter((s) => !s.refused).length;
    console.log(`${acked} acknowledged, 0 lost; ${refusedYetDelivered} refused yet delivered`);
    expect(apps.map((app) => app.pid)).toEqual(pids);
    expect(apps.every((app) => app.running)).toBe(true);
    expect(users.filter((u) => u.client.state !== 'ready')).toEqual([]);
  }, 240_000);
});
