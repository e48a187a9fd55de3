import { DEFAULT_DEVICE_ID, deviceIdOf } from '../devices/device';
import { StoreUnavailableError } from '../errors';
import { RedisClient } from '../redis/redis-client';
import { RedisScript } from '../redis/redis-script';
import { GroupKeys } from './group-keys';
import {
  GroupAudience,
  GroupFullError,
  GroupMember,
  GroupNotFoundError,
  GroupPage,
  GroupRecord,
  GroupRole,
  GroupStore,
  isGroupId,
  NewGroup,
  OnlineMember,
} from './group-store';
import {
  addMembersScript,
  audienceScript,
  createGroupScript,
  dismissScript,
  memberOfflineScript,
  memberOnlineScript,
  removeMemberScript,
  renameScript,
  setRoleScript,
} from './group-scripts';
import { byNumericId } from './paging';

/**
 * The group store on Redis (key layout in group-keys.ts). A step that spans slots (a group and its
 * members' lists, the listing of all groups) writes the lists first and the group last, and removes in
 * the opposite order: a failure halfway leaves a list naming a group it should not, which reads drop.
 */
export class RedisGroupStore implements GroupStore {
  private readonly keys: GroupKeys;
  private lastConnectionError?: Error;

  constructor(
    private readonly redis: RedisClient,
    prefix = 'cim:',
    private readonly clock: () => number = Date.now,
  ) {
    RedisScript.defineAll(redis);
    this.keys = new GroupKeys(prefix);
    this.redis.on('error', (error: Error) => (this.lastConnectionError = error));
    this.redis.on('ready', () => (this.lastConnectionError = undefined));
  }

  async createGroup({ name, ownerId, memberIds, maxMembers }: NewGroup): Promise<GroupRecord> {
    const members = [...new Set([ownerId, ...memberIds])];
    if (members.length > maxMembers) throw new GroupFullError('', maxMembers);
    return this.guard(async () => {
      const id = String(await this.redis.incr(this.keys.nextId));
      const createdAt = this.clock();
      await this.redis.zadd(this.keys.all, Number(id), id);
      await Promise.all(members.map((userId) => this.redis.sadd(this.keys.userGroups(userId), id)));
      const keys = [this.keys.info(id), this.keys.members(id)];
      await createGroupScript.run(this.redis, keys, [name, ownerId, createdAt, ...members]);
      return { id, name, ownerId, createdAt, memberCount: members.length };
    });
  }

  async getGroup(groupId: string): Promise<GroupRecord | null> {
    if (!isGroupId(groupId)) return null;
    const [info, count] = await this.guard(() =>
      Promise.all([this.redis.hgetall(this.keys.info(groupId)), this.redis.hlen(this.keys.members(groupId))]),
    );
    if (!info.name) return null;
    const { name, ownerId, createdAt } = info;
    return { id: groupId, name, ownerId, createdAt: Number(createdAt), memberCount: count };
  }

  async getMembers(groupId: string): Promise<GroupMember[]> {
    if (!isGroupId(groupId)) return [];
    const members = await this.guard(() => this.redis.hgetall(this.keys.members(groupId)));
    return Object.entries(members).map(([userId, role]) => ({ userId, role: role as GroupRole }));
  }

  async getRole(groupId: string, userId: string): Promise<GroupRole | null> {
    if (!isGroupId(groupId)) return null;
    const role = await this.guard(() => this.redis.hget(this.keys.members(groupId), userId));
    return (role as GroupRole | null) ?? null;
  }

  async addMembers(groupId: string, userIds: string[], maxMembers: number): Promise<string[]> {
    if (!isGroupId(groupId)) throw new GroupNotFoundError(groupId);
    const ids = [...new Set(userIds)];
    const answer = await this.guard(async () => {
      await Promise.all(ids.map((userId) => this.redis.sadd(this.keys.userGroups(userId), groupId)));
      const keys = [this.keys.info(groupId), this.keys.members(groupId)];
      return addMembersScript.run(this.redis, keys, [maxMembers, ...ids]);
    });
    if (answer === -1) throw new GroupNotFoundError(groupId);
    if (answer === -2) throw new GroupFullError(groupId, maxMembers);
    return answer as string[];
  }

  async removeMember(groupId: string, userId: string): Promise<boolean> {
    if (!isGroupId(groupId)) return false;
    return this.guard(async () => {
      const keys = [this.keys.members(groupId), this.keys.online(groupId)];
      const removed = await removeMemberScript.run(this.redis, keys, [userId]);
      await this.redis.srem(this.keys.userGroups(userId), groupId);
      return removed === 1;
    });
  }

  async setRole(groupId: string, userId: string, role: GroupRole): Promise<boolean> {
    if (!isGroupId(groupId)) return false;
    const keys = [this.keys.members(groupId)];
    return (await this.guard(() => setRoleScript.run(this.redis, keys, [userId, role]))) === 1;
  }

  async rename(groupId: string, name: string): Promise<boolean> {
    if (!isGroupId(groupId)) return false;
    const keys = [this.keys.info(groupId)];
    return (await this.guard(() => renameScript.run(this.redis, keys, [name]))) === 1;
  }

  async dismiss(groupId: string): Promise<boolean> {
    if (!isGroupId(groupId)) return false;
    return this.guard(async () => {
      const keys = [this.keys.info(groupId), this.keys.members(groupId), this.keys.online(groupId)];
      const members = await dismissScript.run(this.redis, keys, []);
      if (members === -1) return false;
      await this.redis.zrem(this.keys.all, groupId);
      await Promise.all(
        (members as string[]).map((userId) => this.redis.srem(this.keys.userGroups(userId), groupId)),
      );
      return true;
    });
  }

  /** The user's list, each entry checked against the group's members; stale entries are dropped. */
  async groupsOf(userId: string): Promise<string[]> {
    return this.guard(async () => {
      const listed = await this.redis.smembers(this.keys.userGroups(userId));
      const member = await Promise.all(listed.map((id) => this.redis.hexists(this.keys.members(id), userId)));
      const stale = listed.filter((_, i) => !member[i]);
      if (stale.length) await this.redis.srem(this.keys.userGroups(userId), ...stale);
      return listed.filter((_, i) => member[i]).sort(byNumericId);
    });
  }

  async listGroups(cursor: string, count: number): Promise<GroupPage> {
    if (cursor !== '0' && !isGroupId(cursor)) throw new RangeError(`"${cursor}" is not a group cursor`);
    const min = cursor === '0' ? '-inf' : `(${cursor}`;
    const ids = await this.guard(() =>
      this.redis.zrangebyscore(this.keys.all, min, '+inf', 'LIMIT', 0, count + 1),
    );
    const page = ids.slice(0, count);
    const records = await Promise.all(page.map((id) => this.getGroup(id)));
    const next = ids.length > count ? page[page.length - 1] : '0';
    return { cursor: next, groups: records.filter((r): r is GroupRecord => r !== null) };
  }

  async memberOnline(member: OnlineMember, groupIds: string[]): Promise<void> {
    const entry = argumentsOf(member);
    await this.guard(() =>
      Promise.all(
        groupIds.filter(isGroupId).map((id) => {
          const keys = [this.keys.members(id), this.keys.online(id)];
          return memberOnlineScript.run(this.redis, keys, entry);
        }),
      ),
    );
  }

  async memberOffline(member: OnlineMember, groupIds: string[]): Promise<void> {
    const entry = argumentsOf(member);
    await this.guard(() =>
      Promise.all(
        groupIds
          .filter(isGroupId)
          .map((id) => memberOfflineScript.run(this.redis, [this.keys.online(id)], entry)),
      ),
    );
  }

  async audience(groupId: string, senderId: string): Promise<GroupAudience> {
    if (!isGroupId(groupId)) return null;
    const keys = [this.keys.members(groupId), this.keys.online(groupId)];
    const answer = await this.guard(() => audienceScript.run(this.redis, keys, [senderId]));
    if (answer === -1) return null;
    return { online: fromFlatHash(answer as string[]) };
  }

  async onlineMembers(groupId: string): Promise<OnlineMember[]> {
    if (!isGroupId(groupId)) return [];
    const online = await this.guard(() => this.redis.hgetall(this.keys.online(groupId)));
    return fromFlatHash(Object.entries(online).flat());
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async guard<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (error instanceof GroupNotFoundError || error instanceof GroupFullError) throw error;
      const last = this.lastConnectionError;
      throw new StoreUnavailableError(error, last && `last connection error: ${last.message}`);
    }
  }
}

/** The scripts' ARGV for a member's session: userId, deviceId, serverId, sessionId. */
function argumentsOf(member: OnlineMember): string[] {
  return [member.userId, deviceIdOf(member), member.serverId, member.sessionId];
}

/**
 * [userId, entry, userId, entry, ...] → members online, one per device. An entry is a JSON object,
 * device id → [serverId, sessionId]; one written before devices, a bare [serverId, sessionId], is the
 * default device's.
 */
function fromFlatHash(flat: string[]): OnlineMember[] {
  const members: OnlineMember[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const userId = flat[i];
    const entry = JSON.parse(flat[i + 1]) as [string, string] | Record<string, [string, string]>;
    if (Array.isArray(entry)) members.push({ userId, serverId: entry[0], sessionId: entry[1] });
    else
      for (const [deviceId, [serverId, sessionId]] of Object.entries(entry).sort()) {
        members.push({
          userId,
          serverId,
          sessionId,
          ...(deviceId === DEFAULT_DEVICE_ID ? {} : { deviceId }),
        });
      }
  }
  return members;
}
