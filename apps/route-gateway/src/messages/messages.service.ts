import { Inject, Injectable } from '@nestjs/common';
import { SendReply, SendRequest, StoredMessage } from '@cim/protocol';
import { MessageAccepted, SESSION_STORE, SessionStore } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { Deliverer } from '../delivery/deliverer';
import { GatewayError } from '../errors/gateway-error';
import { MessageIdGenerator } from '@cim/protocol';
import { checkSendRequest } from './check-send-request';
import { SendRateLimit } from './send-rate-limit';

export interface Sender {
  id: string;
  name: string;
}

export interface Accepted {
  messageId: string;
  sentAt: number;
}

/**
 * Accepts messages, from the HTTP API and from clients' SEND frames relayed by the im-servers: checks
 * them, gives them an id and a per-conversation sequence, and hands them to the Deliverer.
 */
const KNOWN_USERS_KEPT = 100_000;
const GROUP_CONVERSATION = 'group';

@Injectable()
export class MessagesService {
  private readonly knownUsers = new Set<string>();

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly ids: MessageIdGenerator,
    private readonly deliverer: Deliverer,
    private readonly env: GatewayEnv,
    private readonly rateLimit: SendRateLimit,
  ) {}

  /** To every online user but the sender; not kept for anyone offline. */
  async sendGroup(sender: Sender, body: string): Promise<Accepted> {
    this.checkBody(body);
    this.rateLimit.check(sender.id);
    const messageId = this.ids.next();
    const accepted = await this.store.acceptMessage({ conversation: GROUP_CONVERSATION, messageId });
    return this.deliverGroup(this.compose(messageId, sender, '', body, accepted));
  }

  /** To one user: on their im-server when they are online, else into their inbox. */
  async sendPrivate(
    sender: Sender,
    receiverId: string,
    body: string,
  ): Promise<Accepted & { delivery: 'online' | 'inbox' }> {
    this.checkBody(body);
    this.rateLimit.check(sender.id);
    await this.checkReceiver(receiverId);
    const messageId = this.ids.next();
    const conversation = privateConversation(sender.id, receiverId);
    const accepted = await this.store.acceptMessage({ conversation, messageId, receiverId });
    return this.deliverPrivate(this.compose(messageId, sender, receiverId, body, accepted), accepted);
  }

  /** A client's SEND: delivered once per client message id within the dedup window. */
  async send(request: SendRequest): Promise<SendReply> {
    checkSendRequest(request);
    this.checkBody(request.body);
    const receiverId = request.group ? '' : request.receiverId!;
    if (receiverId) await this.checkReceiver(receiverId);
    const messageId = this.ids.next();
    const conversation = receiverId ? privateConversation(request.userId, receiverId) : GROUP_CONVERSATION;
    const dedup = {
      senderId: request.userId,
      clientMessageId: request.clientMsgId,
      windowMs: this.env.CIM_DEDUP_WINDOW_MS,
    };
    const accepted = await this.store.acceptMessage({
      conversation,
      messageId,
      dedup,
      receiverId: receiverId || undefined,
    });
    if ('duplicateOf' in accepted) {
      const earlier = accepted.duplicateOf;
      return { messageId: earlier, sentAt: MessageIdGenerator.timeOf(earlier), duplicate: true };
    }
    const message = this.compose(
      messageId,
      { id: request.userId, name: request.userName },
      receiverId,
      request.body,
      accepted,
    );
    const { sentAt } = receiverId
      ? await this.deliverPrivate(message, accepted)
      : await this.deliverGroup(message);
    return { messageId, sentAt, duplicate: false };
  }

  private async deliverGroup(message: StoredMessage): Promise<Accepted> {
    await this.deliverer.deliverToAll(message);
    return { messageId: message.messageId, sentAt: message.sentAt };
  }

  private async deliverPrivate(message: StoredMessage, accepted: MessageAccepted) {
    const route = 'route' in accepted ? accepted.route : null;
    const delivery = await this.deliverer.deliverTo(message.receiverId, message, route?.serverId);
    return { messageId: message.messageId, sentAt: message.sentAt, delivery };
  }

  private compose(
    messageId: string,
    sender: Sender,
    receiverId: string,
    body: string,
    accepted: MessageAccepted,
  ): StoredMessage {
    return {
      messageId,
      seq: 'seq' in accepted ? accepted.seq : 0,
      senderId: sender.id,
      senderName: sender.name,
      receiverId,
      kind: receiverId ? 'private' : 'group',
      body,
      sentAt: MessageIdGenerator.timeOf(messageId),
    };
  }

  private checkBody(body: string): void {
    if (body.length === 0) throw new GatewayError('BadRequest', 'body must not be empty');
    const max = this.env.CIM_MAX_BODY_BYTES;
    if (Buffer.byteLength(body, 'utf8') > max) {
      throw new GatewayError('BodyTooLarge', `body must be at most ${max} bytes of UTF-8`);
    }
  }

  /** Users are never deleted, so a receiver found once is remembered (up to KNOWN_USERS_KEPT of them). */
  private async checkReceiver(receiverId: string): Promise<void> {
    if (this.knownUsers.has(receiverId)) return;
    if (!(await this.store.findUserById(receiverId))) {
      throw new GatewayError('UnknownReceiver', `user ${receiverId} does not exist`);
    }
    if (this.knownUsers.size >= KNOWN_USERS_KEPT) this.knownUsers.clear();
    this.knownUsers.add(receiverId);
  }
}

/** Both directions of a private conversation share one sequence: 'p:<smaller id>:<larger id>'. */
export function privateConversation(a: string, b: string): string {
  const [low, high] = compareIds(a, b) <= 0 ? [a, b] : [b, a];
  return `p:${low}:${high}`;
}

/** Numeric ids compare as numbers (shorter is smaller), others as strings. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
