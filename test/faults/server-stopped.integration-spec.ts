import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';

const CLIENTS = 40;
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/** SIGTERM: the server deregisters, tells its clients to reconnect, drains; nothing is lost. */
describe('fault: an im-server stopped with SIGTERM', () => {
  let cluster: Cluster;
  let users: SdkUser[];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    users = Array.from({ length: CLIENTS }, (_, i) => new SdkUser(cluster.gatewayUrl, unique(`t${i}`)));
    await inBatches(users, 20, (user) => user.online().then(() => undefined));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await cluster?.stop();
  });

  it('moves its clients to the other server without losing a message', async () => {
    const leaving = users.filter((u) => u.serverId === 'im-1');
    expect(leaving.length).toBeGreaterThan(0);
    const sends: Promise<unknown>[] = [];
    const sendRound = (round: number) =>
      users.forEach((user, i) =>
        sends.push(user.client.sendPrivate(users[(i + 1) % CLIENTS].userId, `${round}:${user.userId}`)),
      );
    sendRound(0);
    const stopping = cluster.servers[0].stop('SIGTERM');
    for (let round = 1; round <= 5; round++) {
      sendRound(round);
      await new Promise((r) => setTimeout(r, 50));
    }
    // Once drained, the server exits by itself, with 0 (not by a re-raised signal, nor a crash).
    expect(await stopping).toBe(0);
    await Promise.all(sends);
    await eventually(() => {
      for (const [i, user] of users.entries()) {
        const from = users[(i + CLIENTS - 1) % CLIENTS].userId;
        expect(user.bodies().sort()).toEqual([0, 1, 2, 3, 4, 5].map((r) => `${r}:${from}`).sort());
      }
    }, 20_000);
    for (const user of leaving) {
      expect(user.client.state).toBe('ready');
      expect(user.serverId).toBe('im-2');
      expect(user.states).toContain('reconnecting');
    }
  }, 60_000);
});
