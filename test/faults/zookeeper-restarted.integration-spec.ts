import Redis from 'ioredis';
// The host is test tooling of the registry library, not part of its public API.
// eslint-disable-next-line no-restricted-imports
import { RegistryHost } from '../../libs/registry/src/testing/host/registry-host';
import { AppLog } from '../harness/app-log';
import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';
import { OnlineSampler, onlineIds, PrivateLoad, receivedSince, sdkUsers } from './run-helpers';

const USERS = 30;

/**
 * ZooKeeper killed under load and started again once every process's session has ended: the
 * im-servers register again in new sessions and their old nodes vanish, yet no connected user goes
 * offline, messages keep reaching them, and nothing acknowledged waits in a ledger.
 */
describe('fault: ZooKeeper killed and restarted under load', () => {
  let cluster: Cluster;
  let redis: Redis;
  let users: SdkUser[];
  let load: PrivateLoad;
  /** Looks at ZooKeeper (who owns each node) from a child process, beside the registries it looks at. */
  let host: RegistryHost;

  beforeAll(async () => {
    [cluster, host] = await Promise.all([Cluster.start({ servers: 3, gateways: 2 }), RegistryHost.start()]);
    redis = new Redis(cluster.redis.url);
    users = sdkUsers(cluster, USERS, 'z');
    await inBatches(users, 10, (user) => user.online().then(() => undefined));
    load = new PrivateLoad(users);
    load.start();
  }, 120_000);

  afterAll(async () => {
    await load?.stop();
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await redis?.quit();
    await host?.stop();
    await cluster?.stop();
  });

  /** The ZooKeeper session that owns each im-server's node now. */
  function owners(): Promise<(string | undefined)[]> {
    const { connectString } = cluster.zookeeper;
    return Promise.all(
      cluster.servers.map((s) => host.owner(connectString, `/cim/servers/${s.env.CIM_SERVER_ID}`)),
    );
  }

  it('keeps every connected user online and reachable', async () => {
    const before = await owners();
    expect(before.every(Boolean)).toBe(true);
    const logs = cluster.servers.map((s) => new AppLog(s.env.CIM_SERVER_ID));
    const statesBefore = users.map((u) => u.states.length);
    const sampler = new OnlineSampler(redis);
    await cluster.zookeeper.stop('SIGKILL');
    // Down until every im-server has given its session up (disconnected for longer than its timeout).
    await eventually(() => {
      logs.forEach((log, i) =>
        expect(log.text()).toContain(`session 0x${before[i]} was disconnected for longer than its timeout`),
      );
    }, 30_000);
    await cluster.zookeeper.start();
    // Registered again in new sessions: the old nodes are gone, which every gateway has seen.
    await eventually(async () => {
      const now = await owners();
      now.forEach((owner, i) => {
        expect(owner).toBeDefined();
        expect(owner).not.toBe(before[i]);
      });
    }, 30_000);
    const from = load.round;
    await eventually(async () => {
      expect(await onlineIds(redis)).toHaveLength(USERS);
      for (const user of users) expect(receivedSince(user, from)).toBe(true);
    }, 30_000);
    await sampler.stop();
    // Nobody was ever shown offline, and no client had to log in again.
    expect(sampler.fewest).toBe(USERS);
    expect(users.flatMap((u, i) => u.states.slice(statesBefore[i]))).toEqual([]);
    await load.stop();
    await eventually(() => expect(load.undelivered()).toEqual([]), 20_000);
    expect(await onlineIds(redis)).toEqual(users.map((u) => u.userId).sort());
    expect(users.every((u) => u.client.state === 'ready')).toBe(true);
  }, 150_000);
});
