import { DEFAULT_DEVICE_ID, deviceIdOf } from '../devices/device';
import {
  GroupAudience,
  GroupFullError,
  GroupMember,
  GroupNotFoundError,
  GroupPage,
  GroupRecord,
  GroupRole,
  GroupStore,
  NewGroup,
  OnlineMember,
} from './group-store';
import { byNumericId, pageAfter } from './paging';

interface Group {
  id: string;
  name: string;
  ownerId: string;
  createdAt: number;
  members: Map<string, GroupRole>;
  /** User id → device id → where that device is connected. */
  online: Map<string, Map<string, OnlineMember>>;
}

/** The group store of the embedded single-process mode. */
export class MemoryGroupStore implements GroupStore {
  private readonly groups = new Map<string, Group>();
  private readonly groupsByUser = new Map<string, Set<string>>();
  private lastId = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  async createGroup({ name, ownerId, memberIds, maxMembers }: NewGroup): Promise<GroupRecord> {
    const members = new Map<string, GroupRole>([[ownerId, 'owner']]);
    for (const id of memberIds) if (!members.has(id)) members.set(id, 'member');
    if (members.size > maxMembers) throw new GroupFullError('', maxMembers);
    const id = String(++this.lastId);
    const group = { id, name, ownerId, createdAt: this.clock(), members, online: new Map() };
    this.groups.set(id, group);
    for (const userId of members.keys()) this.indexOf(userId).add(id);
    return recordOf(group);
  }

  async getGroup(groupId: string): Promise<GroupRecord | null> {
    const group = this.groups.get(groupId);
    return group ? recordOf(group) : null;
  }

  async getMembers(groupId: string): Promise<GroupMember[]> {
    const members = this.groups.get(groupId)?.members ?? new Map<string, GroupRole>();
    return [...members].map(([userId, role]) => ({ userId, role }));
  }

  async getRole(groupId: string, userId: string): Promise<GroupRole | null> {
    return this.groups.get(groupId)?.members.get(userId) ?? null;
  }

  async addMembers(groupId: string, userIds: string[], maxMembers: number): Promise<string[]> {
    const group = this.groups.get(groupId);
    if (!group) throw new GroupNotFoundError(groupId);
    const added = [...new Set(userIds)].filter((id) => !group.members.has(id));
    if (group.members.size + added.length > maxMembers) throw new GroupFullError(groupId, maxMembers);
    for (const userId of added) {
      group.members.set(userId, 'member');
      this.indexOf(userId).add(groupId);
    }
    return added;
  }

  async removeMember(groupId: string, userId: string): Promise<boolean> {
    const group = this.groups.get(groupId);
    if (!group?.members.delete(userId)) return false;
    group.online.delete(userId);
    this.indexOf(userId).delete(groupId);
    return true;
  }

  async setRole(groupId: string, userId: string, role: GroupRole): Promise<boolean> {
    const members = this.groups.get(groupId)?.members;
    if (!members?.has(userId)) return false;
    members.set(userId, role);
    return true;
  }

  async rename(groupId: string, name: string): Promise<boolean> {
    const group = this.groups.get(groupId);
    if (group) group.name = name;
    return group !== undefined;
  }

  async dismiss(groupId: string): Promise<boolean> {
    const group = this.groups.get(groupId);
    if (!group) return false;
    this.groups.delete(groupId);
    for (const userId of group.members.keys()) this.indexOf(userId).delete(groupId);
    return true;
  }

  async groupsOf(userId: string): Promise<string[]> {
    return [...(this.groupsByUser.get(userId) ?? [])].sort(byNumericId);
  }

  async listGroups(cursor: string, count: number): Promise<GroupPage> {
    const ids = [...this.groups.keys()].sort(byNumericId);
    const page = pageAfter(ids, cursor, count);
    return { cursor: page.cursor, groups: page.ids.map((id) => recordOf(this.groups.get(id)!)) };
  }

  async memberOnline(member: OnlineMember, groupIds: string[]): Promise<void> {
    for (const id of groupIds) {
      const group = this.groups.get(id);
      if (!group?.members.has(member.userId)) continue;
      const devices = group.online.get(member.userId) ?? new Map<string, OnlineMember>();
      const { userId, serverId, sessionId } = member;
      const deviceId = deviceIdOf(member);
      devices.set(deviceId, {
        userId,
        serverId,
        sessionId,
        ...(deviceId === DEFAULT_DEVICE_ID ? {} : { deviceId }),
      });
      group.online.set(member.userId, devices);
    }
  }

  async memberOffline(member: OnlineMember, groupIds: string[]): Promise<void> {
    for (const id of groupIds) {
      const devices = this.groups.get(id)?.online.get(member.userId);
      const current = devices?.get(deviceIdOf(member));
      if (!current || current.sessionId !== member.sessionId || current.serverId !== member.serverId)
        continue;
      devices!.delete(deviceIdOf(member));
      if (devices!.size === 0) this.groups.get(id)!.online.delete(member.userId);
    }
  }

  async audience(groupId: string, senderId: string): Promise<GroupAudience> {
    const group = this.groups.get(groupId);
    if (!group?.members.has(senderId)) return null;
    return { online: onlineOf(group) };
  }

  async onlineMembers(groupId: string): Promise<OnlineMember[]> {
    const group = this.groups.get(groupId);
    return group ? onlineOf(group) : [];
  }

  async close(): Promise<void> {}

  private indexOf(userId: string): Set<string> {
    let index = this.groupsByUser.get(userId);
    if (!index) this.groupsByUser.set(userId, (index = new Set()));
    return index;
  }
}

function recordOf(group: Group): GroupRecord {
  const { id, name, ownerId, createdAt } = group;
  return { id, name, ownerId, createdAt, memberCount: group.members.size };
}

/** One entry per device online, copied. */
function onlineOf(group: { online: Map<string, Map<string, OnlineMember>> }): OnlineMember[] {
  return [...group.online.values()].flatMap((devices) => [...devices.values()].map((m) => ({ ...m })));
}
