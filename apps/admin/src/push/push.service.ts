import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { SystemDelivery } from '../delivery/system-delivery';
import { SystemMessages } from '../delivery/system-messages';
import { PushRequest } from './dto/push.request';
import { PushResponse } from './dto/push.response';

/**
 * The push API: an app backend sends a system message to users without holding their tokens. Known
 * receivers get it at once when online, else at their next login; unknown ids are reported, not fatal.
 */
@Injectable()
export class PushService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly messages: SystemMessages,
    private readonly delivery: SystemDelivery,
  ) {}

  async push({ userIds, all, body, sender }: PushRequest): Promise<PushResponse> {
    if ((userIds === undefined) === (all === undefined)) {
      throw new BadRequestException(['give either userIds or all: true']);
    }
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
}
