import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { createRedisGroupStore } from '@cim/session-store';
import { describeGroupStoreContract } from '../libs/session-store/src/groups/testing/group-store.contract';

const redisUrl = (): string => process.env.CIM_TEST_REDIS_URL!;

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

describeGroupStoreContract(
  'RedisGroupStore',
  async () => {
    prefix = `cim-test:${randomUUID()}:`;
    return createRedisGroupStore(redisUrl(), prefix);
  },
  () => deleteKeys(`${prefix}*`),
);

describe('RedisGroupStore keys and halfway failures', () => {
  const p = 'cim-groups-layout:';
  afterEach(() => deleteKeys(`${p}*`));

  it("keeps each group's keys under its own hash tag and each user's list under theirs", async () => {
    const store = createRedisGroupStore(redisUrl(), p);
    try {
      const group = await store.createGroup({
        name: 'g',
        ownerId: '10001',
        memberIds: ['10002'],
        maxMembers: 5,
      });
      await store.memberOnline({ userId: '10002', serverId: 's1', sessionId: 'x' }, [group.id]);
      const keys = (await admin.keys(`${p}*`)).sort();
      expect(keys).toEqual(
        [
          `${p}{g:${group.id}}:info`,
          `${p}{g:${group.id}}:members`,
          `${p}{g:${group.id}}:online`,
          `${p}{groups}:all`,
          `${p}{groups}:next-id`,
          `${p}{u:10001}:groups`,
          `${p}{u:10002}:groups`,
        ].sort(),
      );
      expect(await admin.hget(`${p}{g:${group.id}}:online`, '10002')).toBe('{"default":["s1","x"]}');
    } finally {
      await store.close();
    }
  });

  it("drops a group from a user's list when a step failed before the membership was written", async () => {
    const store = createRedisGroupStore(redisUrl(), p);
    try {
      const group = await store.createGroup({ name: 'g', ownerId: '10001', memberIds: [], maxMembers: 5 });
      // What addMembers leaves when it fails after writing the list and before the membership.
      await admin.sadd(`${p}{u:10003}:groups`, group.id, '777');
      expect(await store.groupsOf('10003')).toEqual([]);
      expect(await admin.smembers(`${p}{u:10003}:groups`)).toEqual([]);
      await store.memberOnline({ userId: '10003', serverId: 's1', sessionId: 'x' }, [group.id, '777']);
      expect(await store.onlineMembers(group.id)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
