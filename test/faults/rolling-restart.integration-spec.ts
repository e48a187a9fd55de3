import { AppProcess } from '../harness/app-process';
import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';

const CLIENTS = 60;
const IN_FLIGHT = 2;
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * A rolling restart under load: 60 SDK clients (half through each of two route-gateways, spread over
 * three im-servers) send private messages to each other without pause while each gateway, then each
 * im-server, is stopped with SIGTERM and started again, one at a time. Every message acknowledged to
 * its sender reaches its receiver's listener exactly once, and every client is online at the end. A
 * SEND may be refused meanwhile (ERROR Unavailable, when an im-server's call to a stopping gateway
 * times out on a busy machine): its sender is told, as in the gateway-kill suite, and it is counted.
 */
describe('fault: a rolling restart of every gateway and im-server under load', () => {
  let cluster: Cluster;
  let users: SdkUser[];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 3, gateways: 2 });
    users = Array.from(
      { length: CLIENTS },
      (_, i) => new SdkUser(cluster.gatewayUrls[i % 2], unique(`r${i}`)),
    );
    await inBatches(users, 20, (user) => user.online().then(() => undefined));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await cluster?.stop();
  });

  it('loses and duplicates nothing at the listeners while every process restarts in turn', async () => {
    const acked = new Map<string, string>();
    const failed: string[] = [];
    let sending = true;
    const sender = async (user: SdkUser, i: number) => {
      const receiver = users[(i + 1) % CLIENTS];
      let next = 0;
      const lane = async () => {
        while (sending) {
          const body = `${user.userId}:${next++}`;
          await user.client.sendPrivate(receiver.userId, body).then(
            (result) => acked.set(body, result.messageId),
            (error: Error) => failed.push(`${body}: ${error.message}`),
          );
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    };
    const load = Promise.all(users.map(sender));
    /** Restarts one process and waits until the load has moved on past it. */
    const restart = async (app: AppProcess) => {
      expect(await app.stop('SIGTERM')).toBe(0);
      await app.start();
      await eventually(() => expect(users.filter((u) => u.client.state !== 'ready')).toEqual([]), 60_000);
      const mark = acked.size;
      await eventually(() => expect(acked.size).toBeGreaterThan(mark + CLIENTS), 30_000);
    };
    await eventually(() => expect(acked.size).toBeGreaterThan(CLIENTS), 30_000);
    for (const app of [...cluster.gateways, ...cluster.servers]) await restart(app);
    sending = false;
    await load;

    const received = new Map<string, number>();
    const missing = () => {
      received.clear();
      for (const user of users)
        for (const body of user.bodies()) received.set(body, (received.get(body) ?? 0) + 1);
      return [...acked.keys()].filter((body) => !received.has(body));
    };
    await eventually(() => expect(missing()).toEqual([]), 30_000);
    expect([...received.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(failed.filter((f) => !/: Unavailable: /.test(f))).toEqual([]);
    expect(users.filter((u) => u.states.includes('failed'))).toEqual([]);
    console.log(
      `rolling restart of 2 gateways and 3 im-servers: ${acked.size} messages acked and received once, ` +
        `${failed.length} refused (Unavailable); ` +
        `${users.filter((u) => u.reconnectMs.length > 0).length} clients moved at least once`,
    );
  }, 300_000);
});
