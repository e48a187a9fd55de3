import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createRedisSessionStore, NameTakenError, StoreUnavailableError } from '@cim/session-store';
import { describeSessionStoreContract } from '../libs/session-store/src/testing/session-store.contract';
import { freePort, RedisProcess } from '@cim/local-cluster';

const redisUrl = (): string => process.env.CIM_TEST_REDIS_URL!;

/** Reads Redis directly, to check the documented key layout and to clean up after each test. */
let admin: Redis;
let prefix: string;

beforeAll(() => {
  admin = new Redis(redisUrl());
});

afterAll(async () => {
  await admin.quit();
});

async function deleteKeys(pattern: string): Promise<void> {
  for await (const keys of admin.scanStream({ match: pattern, count: 500 })) {
    if ((keys as string[]).length) await admin.del(...(keys as string[]));
  }
}

describeSessionStoreContract(
  'RedisSessionStore',
  async () => {
    prefix = `cim-test:${randomUUID()}:`;
    return createRedisSessionStore(redisUrl(), { prefix });
  },
  () => deleteKeys(`${prefix}*`),
);

describe('RedisSessionStore key layout', () => {
  const p = 'cim-layout:';
  afterEach(() => deleteKeys(`${p}*`));

  it('keeps users, routes, server sets and inboxes under the documented keys', async () => {
    const store = createRedisSessionStore(redisUrl(), { prefix: p });
    try {
      const alice = await store.createUser('alice', 'h');
      const route = { userId: alice.id, serverId: 's1', sessionId: 'x', since: 1 };
      await store.claimOnline(route);
      const message = {
        messageId: 'm',
        seq: 1,
        senderId: '1',
        senderName: 'a',
        receiverId: alice.id,
        body: '',
      };
      await store.pushInbox(alice.id, [{ ...message, kind: 'offline', sentAt: 1 }], {
        cap: 5,
        ttlMs: 60_000,
      });

      expect(alice.id).toBe('10001');
      expect(await admin.get(`${p}user:next-id`)).toBe('10001');
      expect(await admin.hgetall(`${p}user:10001`)).toMatchObject({ id: '10001', name: 'alice' });
      expect(await admin.get(`${p}user-name:alice`)).toBe('10001');
      expect(JSON.parse((await admin.hget(`${p}routes`, '10001'))!)).toEqual(route);
      expect(await admin.smembers(`${p}server-users:s1`)).toEqual(['10001']);
      expect(await admin.llen(`${p}inbox:10001`)).toBe(1);
      expect(await admin.pttl(`${p}inbox:10001`)).toBeGreaterThan(50_000);
    } finally {
      await store.close();
    }
  });

  it('keeps a pending route under its own expiring key, out of the routes hash, until confirmed', async () => {
    const store = createRedisSessionStore(redisUrl(), { prefix: p });
    try {
      const route = { userId: '10002', serverId: 's1', sessionId: 'x', since: 1 };
      await store.claimOnline(route, 60_000);
      expect(JSON.parse((await admin.get(`${p}pending-route:10002`))!)).toEqual(route);
      expect(await admin.pttl(`${p}pending-route:10002`)).toBeGreaterThan(50_000);
      expect(await admin.hexists(`${p}routes`, '10002')).toBe(0);
      expect(await admin.smembers(`${p}server-users:s1`)).toEqual([]);
      await store.confirmOnline(route);
      expect(await admin.exists(`${p}pending-route:10002`)).toBe(0);
      expect(JSON.parse((await admin.hget(`${p}routes`, '10002'))!)).toEqual(route);
      expect(await admin.smembers(`${p}server-users:s1`)).toEqual(['10002']);
    } finally {
      await store.close();
    }
  });
});

describe('RedisSessionStore scripts', () => {
  const p = 'cim-scripts:';
  afterEach(() => deleteKeys(`${p}*`));

  it('runs a script first used in the same tick as other commands (auto-pipelining)', async () => {
    const store = createRedisSessionStore(redisUrl(), { prefix: p });
    try {
      const user = await store.createUser('carol', 'h');
      const answers = await Promise.all([
        store.findUserById(user.id),
        store.getRoute(user.id),
        store.claimOnline({ userId: user.id, serverId: 'im-1', sessionId: 's1', since: 1 }),
        store.getRoute(user.id),
      ]);
      expect(answers[0]).toMatchObject({ name: 'carol' });
      expect(answers[2]).toEqual({ claimed: true });
      expect(answers[3]).toMatchObject({ serverId: 'im-1' });
    } finally {
      await store.close();
    }
  });

  it('runs its scripts again after Redis forgot them (SCRIPT FLUSH)', async () => {
    const store = createRedisSessionStore(redisUrl(), { prefix: p });
    try {
      await store.createUser('alice', 'h');
      await admin.script('FLUSH');
      await expect(store.createUser('bob', 'h')).resolves.toMatchObject({ id: '10002' });
      await expect(store.createUser('bob', 'h')).rejects.toBeInstanceOf(NameTakenError);
    } finally {
      await store.close();
    }
  });
});

describe('RedisSessionStore when Redis is unreachable', () => {
  it('rejects within a few seconds with StoreUnavailableError naming the cause', async () => {
    const store = createRedisSessionStore(`redis://127.0.0.1:${await freePort()}`);
    const started = Date.now();
    try {
      const failure = await store.createUser('alice', 'h').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreUnavailableError);
      expect((failure as Error).message).toMatch(/ECONNREFUSED/);
      await expect(store.ping()).rejects.toThrow(/session store unavailable: .*ECONNREFUSED/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await store.close();
    }
  });

  it('reconnects by itself once Redis is back', async () => {
    const redis = new RedisProcess();
    redis.port = await freePort();
    const store = createRedisSessionStore(redis.url);
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await redis.start();
      const deadline = Date.now() + 5000;
      while (
        await store.ping().then(
          () => false,
          () => Date.now() < deadline,
        )
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await expect(store.ping()).resolves.toBeUndefined();
    } finally {
      await store.close();
      await redis.destroy();
    }
  });
});
