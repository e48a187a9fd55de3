/** The token under which Nest modules provide a GroupStore. */
export const GROUP_STORE = Symbol('GROUP_STORE');

/** What a member may do is decided by the route-gateway from this (see docs/http-api.md). */
export type GroupRole = 'owner' | 'admin' | 'member';

export const GROUP_ROLES: readonly GroupRole[] = ['owner', 'admin', 'member'];

export interface GroupRecord {
  /** Decimal, handed out once: a dismissed group's id is never given to another group. */
  id: string;
  name: string;
  ownerId: string;
  createdAt: number;
  memberCount: number;
}

export interface GroupMember {
  userId: string;
  role: GroupRole;
}

export interface NewGroup {
  name: string;
  ownerId: string;
  /** Members besides the owner (the owner among them is ignored). */
  memberIds: string[];
  /** Most members the group may have, the owner included. */
  maxMembers: number;
}

/**
 * Where a member is connected on one device: kept at login and logout so that a group message finds
 * each of their devices.
 */
export interface OnlineMember {
  userId: string;
  /** Absent: the default device. */
  deviceId?: string;
  serverId: string;
  sessionId: string;
}

/** Who a group message goes to: null when the sender is not a member (or the group does not exist). */
export type GroupAudience = { online: OnlineMember[] } | null;

export interface GroupPage {
  /** '0' when the listing is complete. */
  cursor: string;
  groups: GroupRecord[];
}

/**
 * Groups with membership and roles, each user's list of groups, and each group's online members.
 * Implemented on Redis (every key of a group carries the hash tag `{g:<id>}`, a user's list `{u:<id>}`)
 * and in memory; both pass one contract suite (testing/group-store.contract.ts).
 *
 * A user's list of groups is written before a membership is added and cleared after it is removed, so
 * that it never misses a group the user belongs to; groupsOf checks it against the memberships and drops
 * what a step that failed halfway left behind.
 */
export interface GroupStore {
  /** Rejects with GroupFullError when the members exceed maxMembers. */
  createGroup(group: NewGroup): Promise<GroupRecord>;
  getGroup(groupId: string): Promise<GroupRecord | null>;
  /** Every member with their role, in no particular order; [] for an unknown group. */
  getMembers(groupId: string): Promise<GroupMember[]>;
  getRole(groupId: string, userId: string): Promise<GroupRole | null>;
  /**
   * Adds members with the role 'member' in one atomic step; answers those who were not members before.
   * Rejects with GroupNotFoundError or GroupFullError (then nobody was added).
   */
  addMembers(groupId: string, userIds: string[], maxMembers: number): Promise<string[]>;
  /** Answers false when the user was not a member. Their online entry goes with the membership. */
  removeMember(groupId: string, userId: string): Promise<boolean>;
  /** Changes a member's role; answers false when the user is not a member. */
  setRole(groupId: string, userId: string, role: GroupRole): Promise<boolean>;
  /** Answers false when the group does not exist. */
  rename(groupId: string, name: string): Promise<boolean>;
  /** Deletes the group, its memberships and its online entries; answers false when it did not exist. */
  dismiss(groupId: string): Promise<boolean>;
  /** The ids of the groups the user belongs to, in ascending order. */
  groupsOf(userId: string): Promise<string[]>;
  /** Every group, by ascending id, `count` at a time; start with '0'. */
  listGroups(cursor: string, count: number): Promise<GroupPage>;

  /**
   * The user's session on one device went online: noted in each of their groups (those they are a
   * member of), beside their other devices; it replaces an earlier session of the same device.
   */
  memberOnline(member: OnlineMember, groupIds: string[]): Promise<void>;
  /** The session ended: its device's entry leaves each group (a newer session's entry stays). */
  memberOffline(member: OnlineMember, groupIds: string[]): Promise<void>;
  /**
   * For one group message, in one step on the group's own data: whether the sender is a member and,
   * if so, where the members' devices are connected (one entry per device). The work grows with the members online, not with the members.
   */
  audience(groupId: string, senderId: string): Promise<GroupAudience>;
  /** The online members of a group (the admin's view). */
  onlineMembers(groupId: string): Promise<OnlineMember[]>;

  close(): Promise<void>;
}

export class GroupNotFoundError extends Error {
  constructor(readonly groupId: string) {
    super(`group ${groupId} does not exist`);
    this.name = 'GroupNotFoundError';
  }
}

export class GroupFullError extends Error {
  constructor(
    readonly groupId: string,
    readonly maxMembers: number,
  ) {
    super(`group ${groupId || '(new)'} would have more than ${maxMembers} members`);
    this.name = 'GroupFullError';
  }
}

/** Group ids are decimal numbers from 1 on; no key is built from anything else. */
export const GROUP_ID_PATTERN = /^[1-9][0-9]{0,18}$/;

export function isGroupId(id: unknown): id is string {
  return typeof id === 'string' && GROUP_ID_PATTERN.test(id);
}
