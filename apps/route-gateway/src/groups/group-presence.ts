import { Inject, Injectable } from '@nestjs/common';
import { SessionRef } from '@cim/protocol';
import { GROUP_STORE, GroupStore, OnlineMember, SESSION_STORE, SessionStore } from '@cim/session-store';

/** How many released sessions are taken out of their groups at once (each a few store calls). */
const RELEASE_BATCH = 100;

/**
 * Keeps each group's index of its members online (user → server and session), so that a group message
 * reads where its members are in one step on the group's own data instead of one route per member.
 * Written at login and logout (one step per group of the user) and when members join while online;
 * the entries of sessions whose server's run ended go when their routes are released.
 */
@Injectable()
export class GroupPresence {
  constructor(
    @Inject(GROUP_STORE) private readonly groups: GroupStore,
    @Inject(SESSION_STORE) private readonly users: SessionStore,
  ) {}

  /** The session is the current one of the user's device: it is noted in each of their groups. */
  async online(session: SessionRef): Promise<void> {
    const groupIds = await this.groups.groupsOf(session.userId);
    if (groupIds.length) await this.groups.memberOnline(memberOf(session), groupIds);
  }

  /** The session ended: its entries go (an entry of a newer session stays). */
  async offline(session: SessionRef): Promise<void> {
    const groupIds = await this.groups.groupsOf(session.userId);
    if (groupIds.length) await this.groups.memberOffline(memberOf(session), groupIds);
  }

  /**
   * Routes released because their server's run ended (its lease lapsed, or a new run replaced it): each
   * session's entries go, as at logout, a batch of sessions at a time; a newer session's entries stay.
   */
  async released(sessions: SessionRef[]): Promise<void> {
    for (let i = 0; i < sessions.length; i += RELEASE_BATCH) {
      await Promise.all(sessions.slice(i, i + RELEASE_BATCH).map((session) => this.offline(session)));
    }
  }

  /** New members who are online already are noted at once, not at their next login. */
  async joined(groupId: string, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    const routes = (await this.users.routesOfMany(userIds)).flat();
    await Promise.all(routes.map((route) => this.groups.memberOnline(memberOf(route), [groupId])));
  }
}

function memberOf({ userId, serverId, sessionId, deviceId }: SessionRef): OnlineMember {
  return { userId, serverId, sessionId, ...(deviceId === undefined ? {} : { deviceId }) };
}
