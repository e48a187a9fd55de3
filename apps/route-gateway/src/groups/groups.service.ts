import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  GROUP_STORE,
  GroupFullError,
  GroupNotFoundError,
  GroupRecord,
  GroupRole,
  GroupStore,
  SESSION_STORE,
  SessionStore,
} from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { GroupDetailsResponse, GroupResponse, MyGroupsResponse } from './dto/group.responses';
import { GroupAction, may, whoMay } from './group-permissions';
import { GroupPresence } from './group-presence';

const ACTION_TEXT: Record<GroupAction, string> = {
  read: 'read the group',
  send: 'send to the group',
  rename: 'rename the group',
  'add-members': 'add members',
  'remove-member': 'remove members',
  'remove-admin': 'remove an admin',
  'set-role': 'change roles',
  leave: 'leave the group',
  dismiss: 'dismiss the group',
};

/** Groups for their members: create, read, change membership and roles, rename, dismiss. */
@Injectable()
export class GroupsService {
  constructor(
    @Inject(GROUP_STORE) private readonly groups: GroupStore,
    @Inject(SESSION_STORE) private readonly users: SessionStore,
    private readonly presence: GroupPresence,
    private readonly env: GatewayEnv,
  ) {}

  async create(actorId: string, name: string, memberIds: string[]): Promise<GroupDetailsResponse> {
    const others = [...new Set(memberIds)].filter((id) => id !== actorId);
    if (others.length + 1 > this.env.CIM_GROUP_MAX_MEMBERS) throw this.full();
    await this.checkUsers(others);
    const group = await this.groups
      .createGroup({ name, ownerId: actorId, memberIds: others, maxMembers: this.env.CIM_GROUP_MAX_MEMBERS })
      .catch((error: unknown) => this.rethrow(error));
    await this.presence.joined(group.id, [actorId, ...others]);
    return this.details(group, 'owner');
  }

  async get(actorId: string, groupId: string): Promise<GroupDetailsResponse> {
    const { group, role } = await this.authorize(actorId, groupId, 'read');
    return this.details(group, role);
  }

  async mine(actorId: string): Promise<MyGroupsResponse> {
    const ids = await this.groups.groupsOf(actorId);
    const found = await Promise.all(
      ids.map(async (id) => {
        const [group, role] = await Promise.all([this.groups.getGroup(id), this.groups.getRole(id, actorId)]);
        return group && role ? { ...group, role } : null;
      }),
    );
    return { groups: found.filter((g): g is GroupResponse => g !== null) };
  }

  async addMembers(actorId: string, groupId: string, userIds: string[]): Promise<{ added: string[] }> {
    await this.authorize(actorId, groupId, 'add-members');
    await this.checkUsers(userIds);
    const added = await this.groups
      .addMembers(groupId, userIds, this.env.CIM_GROUP_MAX_MEMBERS)
      .catch((error: unknown) => this.rethrow(error));
    await this.presence.joined(groupId, added);
    return { added };
  }

  async removeMember(actorId: string, groupId: string, userId: string): Promise<void> {
    if (userId === actorId) return this.leave(actorId, groupId);
    const { role } = await this.authorize(actorId, groupId, 'remove-member');
    const target = await this.groups.getRole(groupId, userId);
    if (!target) throw new NotFoundException(`user ${userId} is not a member of group ${groupId}`);
    if (target === 'owner') throw new ForbiddenException('the owner cannot be removed');
    if (target === 'admin' && !may(role, 'remove-admin')) throw this.refused('remove-admin');
    await this.groups.removeMember(groupId, userId);
  }

  async leave(actorId: string, groupId: string): Promise<void> {
    const { role } = await this.authorize(actorId, groupId, 'read');
    if (!may(role, 'leave')) throw new ConflictException('the owner cannot leave: dismiss the group instead');
    await this.groups.removeMember(groupId, actorId);
  }

  async rename(actorId: string, groupId: string, name: string): Promise<GroupDetailsResponse> {
    const { group, role } = await this.authorize(actorId, groupId, 'rename');
    if (!(await this.groups.rename(groupId, name))) throw notFound(groupId);
    return this.details({ ...group, name }, role);
  }

  async setRole(actorId: string, groupId: string, userId: string, role: 'admin' | 'member'): Promise<void> {
    await this.authorize(actorId, groupId, 'set-role');
    const target = await this.groups.getRole(groupId, userId);
    if (!target) throw new NotFoundException(`user ${userId} is not a member of group ${groupId}`);
    if (target === 'owner') throw new ForbiddenException("the owner's role cannot be changed");
    await this.groups.setRole(groupId, userId, role);
  }

  async dismiss(actorId: string, groupId: string): Promise<void> {
    await this.authorize(actorId, groupId, 'dismiss');
    await this.groups.dismiss(groupId);
  }

  /** The group and the actor's role in it, if the role allows the action. */
  private async authorize(actorId: string, groupId: string, action: GroupAction) {
    const [group, role] = await Promise.all([
      this.groups.getGroup(groupId),
      this.groups.getRole(groupId, actorId),
    ]);
    if (!group) throw notFound(groupId);
    if (!role) throw new ForbiddenException(`you are not a member of group ${groupId}`);
    if (!may(role, action)) throw this.refused(action);
    return { group, role };
  }

  private refused(action: GroupAction): ForbiddenException {
    return new ForbiddenException(`only ${whoMay(action)} may ${ACTION_TEXT[action]}`);
  }

  private async details(group: GroupRecord, role: GroupRole): Promise<GroupDetailsResponse> {
    const members = await this.groups.getMembers(group.id);
    const order = { owner: 0, admin: 1, member: 2 };
    members.sort((a, b) => order[a.role] - order[b.role] || a.userId.localeCompare(b.userId));
    return { ...group, memberCount: members.length, role, members };
  }

  /** Every id must name a registered user; the answer names those that do not. */
  private async checkUsers(userIds: string[]): Promise<void> {
    const found = await Promise.all(userIds.map((id) => this.users.findUserById(id)));
    const unknown = userIds.filter((_, i) => !found[i]);
    if (unknown.length)
      throw new NotFoundException(
        `no such user: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', ...' : ''}`,
      );
  }

  private full(): ConflictException {
    return new ConflictException(
      `a group may have at most ${this.env.CIM_GROUP_MAX_MEMBERS} members (CIM_GROUP_MAX_MEMBERS)`,
    );
  }

  private rethrow(error: unknown): never {
    if (error instanceof GroupFullError) throw this.full();
    if (error instanceof GroupNotFoundError) throw notFound(error.groupId);
    throw error;
  }
}

function notFound(groupId: string): NotFoundException {
  return new NotFoundException(`group ${groupId} does not exist`);
}
