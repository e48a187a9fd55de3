import { randomUUID } from 'node:crypto';
import Redis, { Cluster } from 'ioredis';
import { createRedisReadStateStore } from '@cim/session-store';
import { describeReadStateStoreContract } from '../libs/session-store/src/read-state/testing/read-state-store.contract';
import { deleteKeys, REDIS_BACKENDS } from './harness/redis-backends';

describe.each(REDIS_BACKENDS)('RedisReadStateStore on $name', (backend) => {
  let admin: Redis | Cluster;
  let prefix: string;
  const create = (p: string) => createRedisReadStateStore(backend.connection(), p);

  beforeAll(() => {
    admin = backend.admin();
  });

  afterAll(async () => {
    await admin.quit();
  });

  describeReadStateStoreContract(
    'RedisReadStateStore',
    async () => {
      prefix = `cim-test:${randomUUID()}:`;
      return create(prefix);
    },
    () => deleteKeys(admin, `${prefix}*`),
  );

  it("keeps a user's pointers under the user's hash tag and a group's readers under the conversation's", async () => {
    const p = `cim-read-layout-${randomUUID()}:`;
    const store = create(p);
    try {
      await store.markRead({ userId: '10001', conversation: 'g:7', seq: 3, lastSeq: 3, listReader: true });
      await store.markRead({ userId: '10001', conversation: 'p:10001:10002', seq: 2, lastSeq: 2 });
      expect(await admin.hgetall(`${p}{u:10001}:read`)).toEqual({ 'g:7': '3', 'p:10001:10002': '2' });
      expect(await admin.zrange(`${p}{c:g:7}:read`, 0, -1, 'WITHSCORES')).toEqual(['10001', '3']);
      expect(await admin.exists(`${p}{c:p:10001:10002}:read`)).toBe(0);
    } finally {
      await store.close();
      await deleteKeys(admin, `${p}*`);
    }
  });
});
