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
    const load = new RingLoad(users, 2, 'failover');
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

    await eventually(() => expect(load.undelivered().map((s) => s.body)).toEqual([]), 30_000);
    await load.markers();
    expect(load.copies()).toEqual([]);
    const refusedYetDelivered = load.sends.filter(
      (s) => s.refused && s.receiver.bodies().includes(s.body),
    ).length;
    const acked = load.sends.filter((s) => !s.refused).length;
    console.log(`${acked} acknowledged, 0 lost; ${refusedYetDelivered} refused yet delivered`);
    expect(apps.map((app) => app.pid)).toEqual(pids);
    expect(apps.every((app) => app.running)).toBe(true);
    expect(users.filter((u) => u.client.state !== 'ready')).toEqual([]);
  }, 240_000);

  it('after a master is killed and its replica forced to take over, the apps carry on; what was lost is counted', async () => {
    const redis = cluster.redisCluster!;
    const load = new RingLoad(users, 2, 'crash');
    const window = { victim: 0, killedAt: 0, promotedAt: 0 };
    let failing = true;
    const crash = async () => {
      await eventually(() => expect(load.sends.length).toBeGreaterThan(CLIENTS * 10), 30_000);
      try {
        window.victim = (await redis.masterPorts())[0];
        const replica = await redis.replicaOf(window.victim);
        const node = redis.nodes.find((n) => n.port === window.victim)!;
        window.killedAt = Date.now();
        await node.stop('SIGKILL');
        await redis.promote(replica, 'TAKEOVER');
        window.promotedAt = Date.now();
        await node.start();
        await redis.waitUntilOk(30_000);
      } finally {
        failing = false;
      }
    };
    await Promise.all([load.run(MESSAGES_EACH, () => failing), crash()]);
    console.log(
      `master :${window.victim} killed, replica promoted after ${window.promotedAt - window.killedAt} ms: ` +
        sendsBetween(load.sends, window.killedAt, window.promotedAt + 2000),
    );

    // What a crash loses never arrives: wait for the rest, then count what is still missing.
    await eventually(() => expect(load.undelivered().length).toBe(0), 15_000).catch(() => undefined);
    const lost = load.undelivered();
    const acked = load.sends.filter((s) => !s.refused).length;
    console.log(`after a master crash: ${acked} acknowledged, ${lost.length} lost`);
    // Only a write the dead master acknowledged and had not yet replicated can be lost.
    expect(lost.filter((s) => s.startedAt >= window.killedAt).map((s) => s.body)).toEqual([]);
    await load.markers();
    expect(load.copies()).toEqual([]);
    expect(cluster.servers.every((app) => app.running) && cluster.gateway.running).toBe(true);
    expect(users.filter((u) => u.client.state !== 'ready')).toEqual([]);
  }, 240_000);
});
