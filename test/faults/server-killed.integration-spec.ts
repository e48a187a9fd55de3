import { Cluster, REDIS_TOPOLOGIES } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';

const CLIENTS = 200;
const MESSAGES_EACH = 20;
const IN_FLIGHT = 4;
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * 200 SDK clients send private messages to each other across two im-servers; one server is killed
 * with SIGKILL half way. Every message sent reaches its receiver's listener exactly once.
 */
describe.each(REDIS_TOPOLOGIES)('fault: an im-server killed under load, on %s', (redis) => {
  let cluster: Cluster;
  let users: SdkUser[];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2, redis });
    users = Array.from(
      { length: CLIENTS },
      (_, i) => new SdkUser(cluster.gatewayUrl, unique(`u${i}`), { loginRetries: 10 }),
    );
    await inBatches(users, 20, (user) => user.online().then(() => undefined));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await cluster?.stop();
  });

  it('delivers every message exactly once, and the killed server’s clients reconnect to the other', async () => {
    const victims = users.filter((u) => u.serverId === 'im-1');
    expect(victims.length).toBeGreaterThan(CLIENTS / 4);
    let sent = 0;
    let killed = false;
    const kill = async () => {
      killed = true;
      await cluster.servers[0].stop('SIGKILL');
    };
    const sender = async (user: SdkUser, i: number) => {
      const receiver = users[(i + 1) % CLIENTS];
      let next = 0;
      const lane = async () => {
        while (next < MESSAGES_EACH) {
          const k = next++;
          await user.client.sendPrivate(receiver.userId, `${user.userId}:${k}`);
          if (++sent >= (CLIENTS * MESSAGES_EACH) / 2 && !killed) await kill();
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    };
    await Promise.all(users.map(sender));
    expect(killed).toBe(true);

    const missing = () =>
      users.flatMap((user, i) => {
        const from = users[(i + CLIENTS - 1) % CLIENTS].userId;
        const got = new Set(user.bodies());
        return Array.from({ length: MESSAGES_EACH }, (_, k) => `${from}:${k}`)
          .filter((body) => !got.has(body))
          .map((body) => `${body} → ${user.userId} (${user.serverId}, ${user.client.state})`);
      });
    await eventually(() => expect(missing()).toEqual([]), 30_000);
    // One more message to each user, sent once everything else has arrived: the marker that a second
    // copy of any earlier message would have come by now.
    await inBatches(users, 20, async (user, i) => {
      await user.client.sendPrivate(users[(i + 1) % CLIENTS].userId, `${user.userId}:marker`);
    });
    const markerOf = (i: number) => `${users[(i + CLIENTS - 1) % CLIENTS].userId}:marker`;
    await eventually(
      () => expect(users.filter((user, i) => !user.bodies().includes(markerOf(i)))).toEqual([]),
      30_000,
    );
    const copies = users.flatMap((user) => {
      const counts = new Map<string, number>();
      for (const body of user.bodies()) counts.set(body, (counts.get(body) ?? 0) + 1);
      return [...counts].filter(([, n]) => n > 1).map(([body, n]) => `${body} ×${n} → ${user.userId}`);
    });
    expect(copies).toEqual([]);
    for (const user of users) expect(user.messages).toHaveLength(MESSAGES_EACH + 1);
    for (const victim of victims) {
      expect(victim.client.state).toBe('ready');
      expect(victim.serverId).toBe('im-2');
    }
    const times = victims.flatMap((v) => v.reconnectMs).sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    console.log(
      `reconnect after SIGKILL: ${times.length} clients, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`,
    );
  }, 120_000);
});
