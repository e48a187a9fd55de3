import { Cluster } from '../harness/cluster';
import { http } from '../harness/http';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * Redis, then ZooKeeper, restart under load: the apps reconnect by themselves, no process exits, and
 * messages resume; after a ZooKeeper session expiry the im-servers register again.
 */
describe('fault: Redis and ZooKeeper restarted', () => {
  let cluster: Cluster;
  let users: SdkUser[];
  let stop = false;
  let round = 0;
  let load: Promise<void>;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    users = Array.from(
      { length: 10 },
      (_, i) => new SdkUser(cluster.gatewayUrl, unique(`r${i}`), { loginRetries: 20 }),
    );
    await inBatches(users, 10, (user) => user.online().then(() => undefined));
    load = (async () => {
      while (!stop) {
        const r = round++;
        await Promise.allSettled(
          users.map((u, i) => u.client.sendPrivate(users[(i + 1) % users.length].userId, `${r}`)),
        );
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
  }, 60_000);

  afterAll(async () => {
    stop = true;
    await load;
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await cluster?.stop();
  });

  const allRunning = () => [cluster.gateway, ...cluster.servers].every((p) => p.running);

  /** Each user receives a message sent from now on. */
  async function messagesFlow(): Promise<void> {
    const from = round;
    await eventually(() => {
      for (const user of users) expect(user.messages.some((m) => Number(m.body) >= from)).toBe(true);
    }, 30_000);
  }

  it('carries on after a Redis restart', async () => {
    await cluster.redis.stop();
    const login = () =>
      http('POST', `${cluster.gatewayUrl}/api/login`, {
        name: users[0].client.session!.name,
        password: 'x'.repeat(8),
      });
    await eventually(async () => expect((await login()).status).toBe(503));
    await cluster.redis.start();
    await messagesFlow();
    expect(allRunning()).toBe(true);
  }, 60_000);

  it('carries on after a ZooKeeper restart', async () => {
    await cluster.zookeeper.restart();
    await messagesFlow();
    expect(allRunning()).toBe(true);
  }, 60_000);

  it('registers the im-servers again after their ZooKeeper sessions expired', async () => {
    await cluster.zookeeper.stop();
    await new Promise((r) => setTimeout(r, 6000)); // longer than the 4 s session timeout
    await cluster.zookeeper.start();
    expect(allRunning()).toBe(true);
    // Until both im-servers are registered again a login finds one or none: new users log in until
    // logins have reached both.
    const servers = new Set<string>();
    await eventually(
      async () => {
        const user = new SdkUser(cluster.gatewayUrl, unique('after'));
        try {
          await user.online();
          servers.add(user.serverId);
        } finally {
          await user.client.close();
        }
        expect(servers).toEqual(new Set(['im-1', 'im-2']));
      },
      30_000,
      250,
    );
    await messagesFlow();
    expect(allRunning()).toBe(true);
  }, 90_000);
});
