import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { GROUP_STORE, GroupStore, SESSION_STORE, SessionStore } from '@cim/session-store';
import { SystemDelivery } from '../delivery/system-delivery';
import { SystemMessages } from '../delivery/system-messages';
import { PushRequest } from './dto/push.request';
import { PushResponse } from './dto/push.response';

/**
 * The push API: an app backend sends a system message to users without holding their tokens. Known
 * receivers get it at once when online, else at their next login; unknown ids are reported, not fatal.
 * A push to a group goes to its members online, one hand-over per im-server, and is kept for nobody.
 */
@Injectable()
export class PushService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly messages: SystemMessages,
    private readonly delivery: SystemDelivery,
    @Inject(GROUP_STORE) private readonly groups: GroupStore,
  ) {}

  async push({ userIds, all, groupId, body, sender }: PushRequest): Promise<PushResponse> {
    if ([userIds, all, groupId].filter((t) => t !== undefined).length !== 1) {
      throw new BadRequestException(['give one of userIds, all: true and groupId']);
    }
    if (groupId !== undefined) return this.pushToGroup(groupId, body, sender);
    if (all) {
      const message = await this.messages.compose(body, sender);
      const { delivered } = await this.delivery.toEveryone(message);
      return {
        messageId: message.messageId,
        sentAt: message.sentAt,
        online: delivered,
        offline: 0,
        unknown: [],
      };
    }
    const unique = [...new Set(userIds)];
    const users = await Promise.all(unique.map((id) => this.store.findUserById(id)));
    const known = unique.filter((_, i) => users[i] !== null);
    const unknown = unique.filter((_, i) => users[i] === null);
    const message = await this.messages.compose(body, sender);
    const { online, offline } = known.length
      ? await this.delivery.toUsers(known, message)
      : { online: 0, offline: 0 };
    return { messageId: message.messageId, sentAt: message.sentAt, online, offline, unknown };
  }

  private async pushToGroup(groupId: string, body: string, sender?: string): Promise<PushResponse> {
    const [group, online] = await Promise.all([
      this.groups.getGroup(groupId),
      this.groups.onlineMembers(groupId),
    ]);
    if (!group) throw new NotFoundException(`group ${groupId} does not exist`);
    const message = { ...(await this.messages.compose(body, sender)), groupId };
    const { delivered } = await this.delivery.toMembersOnline(message, online);
    const offline = group.memberCount - delivered;
    return { messageId: message.messageId, sentAt: message.sentAt, online: delivered, offline, unknown: [] };
  }
}
