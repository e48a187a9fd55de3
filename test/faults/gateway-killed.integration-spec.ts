import { Cluster } from '../harness/cluster';
import { eventually, inBatches, SdkUser } from '../harness/sdk-user';

const CLIENTS = 200;
const MESSAGES_EACH = 20;
const IN_FLIGHT = 4;
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * 200 SDK clients on three im-servers send private messages to each other while one of the two
 * route-gateways is killed with SIGKILL half way and started again 2 s later. The im-servers make the
 * calls that died with it again on the other gateway. Every message acknowledged to its sender reaches
 * its receiver's listener, and no listener sees a message twice.
 */
/** The gateway stays dead this long: the fault's length, not a wait for an outcome. */
function outage(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('fault: a route-gateway killed under load', () => {
  let cluster: Cluster;
  let users: SdkUser[];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 3, gateways: 2 });
    users = Array.from(
      { length: CLIENTS },
      (_, i) => new SdkUser(cluster.gatewayUrls[i % 2], unique(`g${i}`), { loginRetries: 10 }),
    );
    await inBatches(users, 20, (user) => user.online().then(() => undefined));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(users?.map((u) => u.client.close()) ?? []);
    await cluster?.stop();
  });

  it('delivers every acknowledged message exactly once, and sending goes on', async () => {
    const acked = new Map<string, string>();
    const failed: string[] = [];
    const firstAckAfterKill: number[] = [];
    let sent = 0;
    let killedAt: number | undefined;
    let restarted: Promise<void> | undefined;
    const kill = async () => {
      killedAt = Date.now();
      await cluster.gateways[1].stop('SIGKILL');
      restarted = outage(2000).then(() => cluster.gateways[1].start());
    };
    const sender = async (user: SdkUser, i: number) => {
      const receiver = users[(i + 1) % CLIENTS];
      let next = 0;
      let resumed = false;
      const lane = async () => {
        while (next < MESSAGES_EACH) {
          const body = `${user.userId}:${next++}`;
          try {
            const result = await user.client.sendPrivate(receiver.userId, body);
            acked.set(body, result.messageId);
            if (killedAt !== undefined && !resumed) {
              resumed = true;
              firstAckAfterKill.push(Date.now() - killedAt);
            }
          } catch (error) {
            failed.push(`${body}: ${(error as Error).message}`);
          }
          if (++sent === (CLIENTS * MESSAGES_EACH) / 2) await kill();
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    };
    await Promise.all(users.map(sender));
    expect(killedAt).toBeDefined();
    await restarted;

    const received = new Map<string, number>();
    const missing = () => {
      received.clear();
      for (const user of users)
        for (const body of user.bodies()) received.set(body, (received.get(body) ?? 0) + 1);
      return [...acked.keys()].filter((body) => !received.has(body));
    };
    await eventually(() => expect(missing()).toEqual([]), 30_000);
    expect([...received.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(acked.size).toBeGreaterThan((CLIENTS * MESSAGES_EACH * 9) / 10);

    const times = firstAckAfterKill.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    console.log(
      `gateway SIGKILL: ${acked.size} acked, ${failed.length} refused, ${received.size} received; ` +
        `first ack after the kill per sender: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`,
    );
  }, 180_000);
});
