import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { ClientState } from '@cim/client-sdk';
import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { inBatches, SdkUser } from '../harness/sdk-user';
import { onlineIds, unique } from './run-helpers';

const USERS = 20;
/** Clients that stay silent through the reset. */
const IDLE = 4;

/** An SDK user that also keeps the reason given with each state it entered. */
class WatchedUser extends SdkUser {
  readonly reasons: { state: ClientState; reason?: string }[] = [];

  constructor(gatewayUrl: string, name: string) {
    super(gatewayUrl, name, {
      loginRetries: 3,
      hooks: { onStateChange: (state, reason) => void this.reasons.push({ state, reason }) },
    });
  }
}

/** One acknowledged SEND: what the sender was told, and to whom it went. */
interface Acked {
  messageId: string;
  body: string;
  receiver: WatchedUser;
}

/** Private messages in rounds, each user to the next, remembering every SEND_ACK and every refusal. */
class AckedLoad {
  readonly acked: Acked[] = [];
  readonly refused: string[] = [];
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly users: WatchedUser[],
    private readonly label: string,
  ) {}

  start(): void {
    this.running = (async () => {
      for (let round = 0; !this.stopped; round++) {
        await Promise.allSettled(
          this.users.map(async (user, i) => {
            const receiver = this.users[(i + 1) % this.users.length];
            const body = `${this.label}:${round}:${user.name}`;
            try {
              const { messageId } = await user.client.sendPrivate(receiver.userId, body);
              this.acked.push({ messageId, body, receiver });
            } catch (error) {
              this.refused.push((error as Error).message);
            }
          }),
        );
        // Pacing the load between rounds, not waiting for an outcome.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  undelivered(): string[] {
    return this.acked.filter((a) => !a.receiver.bodies().includes(a.body)).map((a) => a.body);
  }
}

/**
 * The cluster's Redis (no replica, nothing else survives it) killed under load from SDK clients on two
 * im-servers and started again on the same port with no data: every connected client is told to log in
 * again, naming the reset; nothing acknowledged goes undelivered; old accounts no longer log in; the
 * accounts registered again and their messages get ids never seen before; the online count is right.
 */
describe('fault: Redis restarted empty under load', () => {
  let cluster: Cluster;
  let redis: Redis;
  let before: WatchedUser[];
  let after: WatchedUser[] = [];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    redis = new Redis(cluster.redis.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    before = Array.from({ length: USERS }, (_, i) => new WatchedUser(cluster.gatewayUrl, unique(`e${i}`)));
    await inBatches(before, 10, (user) => user.online().then(() => undefined));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...(before ?? []), ...after].map((u) => u.client.close()));
    redis?.disconnect();
    await cluster?.stop();
  });

  it('tells every client to log in again, loses nothing acknowledged and never hands out an id twice', async () => {
    expect(new Set(before.map((u) => u.serverId)).size).toBe(2);
    // The last IDLE clients send nothing, so only their im-server's RECONNECT can tell them of the reset.
    const senders = before.slice(0, USERS - IDLE);
    const idle = before.slice(USERS - IDLE);
    const load = new AckedLoad(senders, 'before');
    load.start();
    await eventually(() => expect(load.acked.length).toBeGreaterThan(senders.length * 5), 30_000);

    await cluster.redis.stop('SIGKILL');
    for (const file of ['appendonlydir', 'dump.rdb'])
      rmSync(join(cluster.redis.dir, file), { recursive: true, force: true });
    await cluster.redis.start();
    expect(await redis.exists(`cim:{u:${before[0].userId}}:user`)).toBe(0);

    // Every connected client is told to log in again: by RECONNECT naming the reset, or, when its SEND
    // reached the gateway before its im-server noticed, by NOT_LOGGED_IN. Its old account is gone.
    await eventually(() => expect(before.filter((u) => u.client.state !== 'failed')).toEqual([]), 30_000);
    const told = before.filter((u) =>
      u.reasons.some((r) => r.reason?.includes('the session store was reset')),
    );
    console.log(`${told.length} of ${USERS} clients were told of the reset by RECONNECT`);
    expect(idle.filter((u) => !told.includes(u)).map((u) => u.name)).toEqual([]);
    await load.stop();
    expect(before.map((u) => u.client.failure?.message)).toEqual(
      before.map(() => expect.stringContaining('wrong user name, user id or password')),
    );
    // Nothing acknowledged went into nothing: each reached its receiver before it was told to go.
    expect(load.undelivered()).toEqual([]);
    console.log(`${load.acked.length} acknowledged, all delivered; ${load.refused.length} refused`);

    // The same people register again: new ids, none of them an old one.
    after = before.map((u) => new WatchedUser(cluster.gatewayUrl, u.name));
    await inBatches(after, 10, (user) => user.online().then(() => undefined));
    const oldIds = new Set(before.map((u) => u.userId));
    expect(after.filter((u) => oldIds.has(u.userId)).map((u) => u.userId)).toEqual([]);

    const again = new AckedLoad(after, 'after');
    again.start();
    await eventually(() => expect(again.acked.length).toBeGreaterThan(USERS * 3), 30_000);
    await again.stop();
    await eventually(() => expect(again.undelivered()).toEqual([]), 20_000);
    expect(again.refused).toEqual([]);

    // No message id was handed out twice: not before, not after, not across the reset.
    const ids = [...load.acked, ...again.acked].map((a) => a.messageId);
    expect(ids.length - new Set(ids).size).toBe(0);
    const received = [...before, ...after].flatMap((u) => u.messages.map((m) => `${m.messageId} ${m.body}`));
    const receivedIds = new Set(received.map((line) => line.split(' ')[0]));
    expect(new Set(received).size).toBe(receivedIds.size);

    // Online: exactly the accounts registered again, on the store that followed the reset.
    await eventually(
      async () => expect(await onlineIds(redis)).toEqual(after.map((u) => u.userId).sort()),
      10_000,
    );
    expect(after.every((u) => u.client.state === 'ready')).toBe(true);
    expect([cluster.gateway, ...cluster.servers].every((app) => app.running)).toBe(true);
  }, 180_000);
});
