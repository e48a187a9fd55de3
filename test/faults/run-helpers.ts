import Redis from 'ioredis';
import { Cluster } from '../harness/cluster';
import { SdkUser } from '../harness/sdk-user';

export const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * The users the store holds online: members of a server's set with an online route (a value of their
 * routes hash that is not marked pending, '<until>|…') that points at that server; each user once.
 */
export async function onlineIds(redis: Redis): Promise<string[]> {
  const ids = new Set<string>();
  for (const serverId of await redis.smembers('cim:servers')) {
    for (const userId of await redis.smembers(`cim:{s:${serverId}}:users`)) {
      const routes = Object.values(await redis.hgetall(`cim:{u:${userId}}:routes`));
      const online = routes
        .filter((value) => value.startsWith('{'))
        .map((v) => JSON.parse(v) as { serverId: string });
      if (online.some((route) => route.serverId === serverId)) ids.add(userId);
    }
  }
  return [...ids].sort();
}

/** SDK users spread over every gateway of the cluster. */
export function sdkUsers(cluster: Cluster, count: number, prefix: string): SdkUser[] {
  return Array.from(
    { length: count },
    (_, i) =>
      new SdkUser(cluster.gatewayUrls[i % cluster.gatewayUrls.length], unique(`${prefix}${i}`), {
        loginRetries: 30,
      }),
  );
}

/**
 * Private messages in rounds, each user to the next, until stopped; remembers every message that got
 * its SEND_ACK, so that a suite can check each reached its receiver.
 */
export class PrivateLoad {
  round = 0;
  readonly acked: { receiver: SdkUser; body: string }[] = [];
  private stopped = false;
  private running?: Promise<void>;

  constructor(
    private readonly users: SdkUser[],
    private readonly pauseMs = 200,
  ) {}

  start(): void {
    this.running = (async () => {
      while (!this.stopped) {
        const r = this.round++;
        await Promise.allSettled(
          this.users.map(async (user, i) => {
            const receiver = this.users[(i + 1) % this.users.length];
            const body = `${r}:${user.userId}`;
            await user.client.sendPrivate(receiver.userId, body);
            this.acked.push({ receiver, body });
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** Acknowledged messages that have not reached their receiver's listener. */
  undelivered(): string[] {
    return this.acked.filter(({ receiver, body }) => !receiver.bodies().includes(body)).map((a) => a.body);
  }
}

/** Rounds are numbered; a user received round `from` or later from its sender. */
export function receivedSince(user: SdkUser, from: number): boolean {
  return user.messages.some((m) => Number(m.body.split(':')[0]) >= from);
}

/** Reads the online count every 100 ms until stopped, keeping the lowest seen. */
export class OnlineSampler {
  fewest = Number.POSITIVE_INFINITY;
  private stopped = false;
  private readonly running: Promise<void>;

  constructor(redis: Redis) {
    this.running = (async () => {
      while (!this.stopped) {
        const count = await onlineIds(redis).then(
          (ids) => ids.length,
          () => undefined,
        );
        if (count === undefined) return; // the suite is over and closed its connection
        this.fewest = Math.min(this.fewest, count);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
