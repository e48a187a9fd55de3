import { randomUUID } from 'node:crypto';
import Redis, { Cluster } from 'ioredis';
import { createRedisClient, createRedisSessionStore, RedisStoreMarker } from '@cim/session-store';
import { describeStoreMarkerContract } from '../libs/session-store/src/store-epoch/store-marker.contract';
import { eventually } from './harness/eventually';
import { deleteKeys, REDIS_BACKENDS } from './harness/redis-backends';

describe.each(REDIS_BACKENDS)('the store marker on $name', (backend) => {
  let admin: Redis | Cluster;

  beforeAll(() => {
    admin = backend.admin();
  });

  afterAll(async () => {
    await admin.quit();
  });

  describeStoreMarkerContract('RedisStoreMarker', async () => {
    const prefix = `cim-marker:${randomUUID()}:`;
    const marker = () => new RedisStoreMarker(createRedisClient(backend.connection()), prefix);
    return { markers: [marker(), marker()], wipe: () => deleteKeys(admin, `${prefix}*`) };
  });

  it('keeps the epoch under its own hash tag, without expiry', async () => {
    const prefix = `cim-marker:${randomUUID()}:`;
    const marker = new RedisStoreMarker(createRedisClient(backend.connection()), prefix);
    try {
      const epoch = await marker.establish();
      expect(await admin.get(`${prefix}{store}:epoch`)).toBe(epoch);
      expect(await admin.pttl(`${prefix}{store}:epoch`)).toBe(-1);
    } finally {
      await marker.close();
      await deleteKeys(admin, `${prefix}*`);
    }
  });

  it('hands out user ids after a reset above every one handed out before it', async () => {
    const prefix = `cim-marker:${randomUUID()}:`;
    const store = createRedisSessionStore(backend.connection(), { prefix });
    try {
      const before = await Promise.all(['a', 'b', 'c'].map((name) => store.createUser(name, 'h')));
      await deleteKeys(admin, `${prefix}*`);
      // The new counter starts at the clock's milliseconds since 2025: above the old ids once the clock
      // has passed the last of them (the old store made fewer than one user a millisecond).
      const last = Math.max(...before.map((u) => Number(u.id)));
      await eventually(() => expect(Date.now() - Date.UTC(2025, 0, 1)).toBeGreaterThanOrEqual(last), 1000);
      const after = await store.createUser('a', 'h');
      for (const user of before) expect(BigInt(after.id)).toBeGreaterThan(BigInt(user.id));
    } finally {
      await store.close();
      await deleteKeys(admin, `${prefix}*`);
    }
  });
});
