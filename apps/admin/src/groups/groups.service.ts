import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { GROUP_STORE, GroupStore } from '@cim/session-store';
import { GroupDetails, GroupsPage } from './dto/groups.dto';

const ROLE_ORDER = { owner: 0, admin: 1, member: 2 };

/** Groups for operators: the listing, and one group with its members and where they are online. */
@Injectable()
export class GroupsService {
  constructor(@Inject(GROUP_STORE) private readonly groups: GroupStore) {}

  list(cursor: string, count: number): Promise<GroupsPage> {
    return this.groups.listGroups(cursor, count);
  }

  async inspect(groupId: string): Promise<GroupDetails> {
    const [group, members, online] = await Promise.all([
      this.groups.getGroup(groupId),
      this.groups.getMembers(groupId),
      this.groups.onlineMembers(groupId),
    ]);
    if (!group) throw new NotFoundException(`group ${groupId} does not exist`);
    const where = new Map(online.map((m) => [m.userId, m.serverId]));
    members.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.userId.localeCompare(b.userId));
    return {
      ...group,
      memberCount: members.length,
      members: members.map((m) => ({
        ...m,
        ...(where.has(m.userId) ? { serverId: where.get(m.userId) } : {}),
      })),
      online: members.filter((m) => where.has(m.userId)).length,
    };
  }
}
