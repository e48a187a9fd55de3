import { randomUUID } from 'node:crypto';
import Redis, { Cluster } from 'ioredis';
import { createRedisSessionStore, NameTakenError, StoreUnavailableError } from '@cim/session-store';
import { describeSessionStoreContract } from '../libs/session-store/src/testing/session-store.contract';
import { freePort, RedisProcess } from '@cim/local-cluster';
import { describeAcceptSteps } from './session-store/accept-steps';
import { deleteKeys, REDIS_BACKENDS } from './harness/redis-backends';

describe.each(REDIS_BACKENDS)('RedisSessionStore on $name', (backend) => {
  /** Reads Redis directly, to check the documented key layout and to clean up after each test. */
  let admin: Redis | Cluster;
  let prefix: string;
  const create = (p: string) => createRedisSessionStore(backend.connection(), { prefix: p });

  beforeAll(() => {
    admin = backend.admin();
  });

  afterAll(async () => {
    await admin.quit();
  });

  describeSessionStoreContract(
    'RedisSessionStore',
    async () => {
      prefix = `cim-test:${randomUUID()}:`;
      return create(prefix);
    },
    () => deleteKeys(admin, `${prefix}*`),
  );

  describe('key layout', () => {
    const p = `cim-layout-${randomUUID()}:`;
    afterEach(() => deleteKeys(admin, `${p}*`));

    it('keeps users, routes, server sets and inboxes under the documented keys', async () => {
      const store = create(p);
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

        const id = alice.id;
        expect(await admin.get(`${p}{ids}:user-next-id`)).toBe(id);
        expect(await admin.hgetall(`${p}{u:${id}}:user`)).toMatchObject({ id, name: 'alice' });
        expect(await admin.get(`${p}{name:alice}`)).toBe(id);
        expect(await admin.hgetall(`${p}{u:${id}}:routes`)).toEqual({ default: JSON.stringify(route) });
        expect(await admin.pttl(`${p}{u:${id}}:routes`)).toBe(-1);
        expect(await admin.smembers(`${p}{s:s1}:users`)).toEqual([id]);
        expect(await admin.smembers(`${p}servers`)).toEqual(['s1']);
        expect(await admin.llen(`${p}{u:${id}}:inbox`)).toBe(1);
        expect(await admin.pttl(`${p}{u:${id}}:inbox`)).toBeGreaterThan(50_000);
      } finally {
        await store.close();
      }
    });

    it('keeps a pending route marked with its end in the routes hash, which expires, out of the server set, until confirmed', async () => {
      const store = create(p);
      try {
        const route = { userId: '10002', deviceId: 'phone', serverId: 's1', sessionId: 'x', since: 1 };
        const before = Date.now();
        await store.claimOnline(route, 60_000);
        const [until, json] = (await admin.hget(`${p}{u:10002}:routes`, 'phone'))!.split(/\|(.*)/s);
        expect(JSON.parse(json)).toEqual(route);
        expect(Number(until)).toBeGreaterThanOrEqual(before + 60_000);
        expect(await admin.pttl(`${p}{u:10002}:routes`)).toBeGreaterThan(50_000);
        expect(await admin.smembers(`${p}{s:s1}:users`)).toEqual([]);
        await store.confirmOnline(route);
        expect(await admin.hgetall(`${p}{u:10002}:routes`)).toEqual({ phone: JSON.stringify(route) });
        expect(await admin.pttl(`${p}{u:10002}:routes`)).toBe(-1);
        expect(await admin.smembers(`${p}{s:s1}:users`)).toEqual(['10002']);
      } finally {
        await store.close();
      }
    });
  });

  describeAcceptSteps(() => ({ admin, create, connection: () => backend.connection() }));

  describe('scripts', () => {
    const p = `cim-scripts-${randomUUID()}:`;
    afterEach(() => deleteKeys(admin, `${p}*`));

    it('runs a script first used in the same tick as other commands (auto-pipelining)', async () => {
      const store = create(p);
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
        expect(await store.getRoute(user.id)).toMatchObject({ serverId: 'im-1' });
      } finally {
        await store.close();
      }
    });

    it('runs its scripts again after Redis forgot them (SCRIPT FLUSH)', async () => {
      const store = create(p);
      try {
        const alice = await store.createUser('alice', 'h');
        const nodes = admin instanceof Cluster ? admin.nodes('master') : [admin];
        await Promise.all(nodes.map((node) => node.script('FLUSH')));
        await expect(store.createUser('bob', 'h')).resolves.toMatchObject({
          id: String(Number(alice.id) + 1),
        });
        await expect(store.createUser('bob', 'h')).rejects.toBeInstanceOf(NameTakenError);
      } finally {
        await store.close();
      }
    });
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
