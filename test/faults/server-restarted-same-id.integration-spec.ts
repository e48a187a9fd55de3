import Redis from 'ioredis';
import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';
import { onlineIds, sdkUsers } from './run-helpers';

const USERS = 18;

/**
 * An im-server killed and started again under the same id while no gateway watched (both gateways
 * were down): the routes of its dead run are released once a gateway sees the new run, the new run's
 * are kept, and listing and count show exactly the users who are connected.
 */
describe('fault: an im-server restarted under the same id', () => {
  let cluster: Cluster;
  let redis: Redis;
  let users: SdkUser[];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 3, gateways: 2 });
    redis = new Redis(cluster.redis.url);
    users = sdkUsers(cluster, USERS, 'r');
    await inBatches(users, 9, (user) => user.online().then(() => undefined));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await redis?.quit();
    await cluster?.stop();
  });

  it('leaves no ghost routes and keeps the new run’s users online', async () => {
    const gone = users.filter((u) => u.serverId === 'im-1');
    const staying = users.filter((u) => u.serverId !== 'im-1');
    expect(gone.length).toBeGreaterThan(0);
    await Promise.all(cluster.gateways.map((g) => g.stop('SIGKILL')));
    await cluster.servers[0].stop('SIGKILL');
    // Their owners gave up (the clients are closed): nobody will log them in again.
    await Promise.all(gone.map((u) => u.client.close()));
    await cluster.servers[0].start();
    await Promise.all(cluster.gateways.map((g) => g.start()));
    await eventually(async () => {
      expect(await onlineIds(redis)).toEqual(staying.map((u) => u.userId).sort());
    }, 30_000);
    // A user who logs in on the new run stays online once the dead run's lease has lapsed.
    const newcomers: SdkUser[] = [];
    while (!newcomers.some((u) => u.serverId === 'im-1')) {
      const user = sdkUsers(cluster, 1, 'n')[0];
      newcomers.push(await user.online());
      users.push(user);
    }
    const onNewRun = newcomers.find((u) => u.serverId === 'im-1')!;
    await eventually(async () => {
      const runs = await redis.hkeys('cim:{runs}');
      expect(runs.filter((r) => JSON.parse(r)[0] === 'im-1')).toHaveLength(1);
    }, 30_000);
    const expected = [...staying, ...newcomers].map((u) => u.userId).sort();
    expect(await onlineIds(redis)).toEqual(expected);
    expect(onNewRun.client.state).toBe('ready');
  }, 150_000);
});
