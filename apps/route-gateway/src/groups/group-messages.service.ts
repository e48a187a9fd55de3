import { Inject, Injectable } from '@nestjs/common';
import { historyPolicy } from '@cim/config';
import { MessageIdGenerator, SendReply, StoredMessage } from '@cim/protocol';
import { GROUP_STORE, GroupStore, MessageAcceptance, SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { Deliverer } from '../delivery/deliverer';
import { GatewayError } from '../errors/gateway-error';

export interface GroupSend {
  groupId: string;
  senderId: string;
  senderName: string;
  /** The sending connection's session: it does not get its own message back. */
  sessionId?: string;
  body: string;
  dedup?: MessageAcceptance['dedup'];
  /** The sending device, named in the message for the sender's other devices. */
  device?: { deviceId?: string; deviceKind?: string };
}

/** The conversation, and sequence, of a group with membership. */
export function groupConversation(groupId: string): string {
  return `g:${groupId}`;
}

/**
 * Messages to groups with membership: only a member may send; the message takes the next sequence of
 * the group's conversation and goes to every device of every member online (one hand-over per
 * im-server hosting some), the sending device excepted: the sender's other devices get it too. It is kept in the group's history (with its seq), not in members' inboxes.
 */
@Injectable()
export class GroupMessagesService {
  constructor(
    @Inject(GROUP_STORE) private readonly groups: GroupStore,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly ids: MessageIdGenerator,
    private readonly deliverer: Deliverer,
    private readonly env: GatewayEnv,
  ) {}

  async send(request: GroupSend): Promise<SendReply> {
    const { groupId, senderId } = request;
    const audience = await this.groups.audience(groupId, senderId);
    if (!audience) {
      if (!(await this.groups.getGroup(groupId)))
        throw new GatewayError('UnknownReceiver', `group ${groupId} does not exist`);
      throw new GatewayError('NotAMember', `you are not a member of group ${groupId}`);
    }
    const messageId = this.ids.next();
    const message: StoredMessage = {
      messageId,
      seq: 0,
      senderId,
      senderName: request.senderName,
      receiverId: '',
      kind: 'group',
      body: request.body,
      sentAt: MessageIdGenerator.timeOf(messageId),
      groupId,
      ...(request.device?.deviceId ? { senderDeviceId: request.device.deviceId } : {}),
      ...(request.device?.deviceKind ? { senderDeviceKind: request.device.deviceKind } : {}),
    };
    const accepted = await this.store.acceptMessage({
      conversation: groupConversation(groupId),
      message,
      dedup: request.dedup,
      history: historyPolicy(this.env),
    });
    if ('duplicateOf' in accepted) {
      const earlier = accepted.duplicateOf;
      return { messageId: earlier, sentAt: MessageIdGenerator.timeOf(earlier), duplicate: true };
    }
    message.seq = accepted.seq;
    const online = audience.online.filter((m) => m.sessionId !== request.sessionId);
    await this.deliverer.deliverToMembers(message, online, request.sessionId);
    return { messageId, sentAt: message.sentAt, duplicate: false, seq: accepted.seq };
  }
}
