import { Inject, Injectable } from '@nestjs/common';
import { MessageIdGenerator, SendReply, SendRequest, StoredMessage } from '@cim/protocol';
import {
  HistoryPolicy,
  InboxPolicy,
  MessageAcceptance,
  MessageAccepted,
  Route,
  SendSeqOutsideWindowError,
  SESSION_STORE,
  SessionStore,
} from '@cim/session-store';
import { historyPolicy, inboxPolicy } from '@cim/config';
import { GatewayEnv } from '../config/gateway.env';
import { Deliverer } from '../delivery/deliverer';
import { GatewayError } from '../errors/gateway-error';
import { GroupMessagesService } from '../groups/group-messages.service';
import { checkSendRequest } from './check-send-request';
import { SendRateLimit } from './send-rate-limit';
import { StoreEpochService } from '../store-epoch/store-epoch.service';

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
 * them, gives them an id and a per-conversation sequence, and hands them to the Deliverer. An HTTP send
 * is answered only once the store's epoch is seen unchanged since it began (SendBatchService does the
 * same for SENDs).
 */
const KNOWN_USERS_KEPT = 100_000;
const GROUP_CONVERSATION = 'group';

@Injectable()
export class MessagesService {
  private readonly knownUsers = new Set<string>();
  private readonly policy: InboxPolicy;
  private readonly history: HistoryPolicy;
  /**
   * A private conversation's sequence is forgotten once it has been silent longer than any of its
   * messages can wait in a ledger or be deduplicated against, so that pairs who talked once do not
   * keep a key for ever.
   */
  private readonly sequenceTtlMs: number;

  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly ids: MessageIdGenerator,
    private readonly deliverer: Deliverer,
    private readonly env: GatewayEnv,
    private readonly rateLimit: SendRateLimit,
    private readonly groupMessages: GroupMessagesService,
    private readonly storeEpoch: StoreEpochService,
  ) {
    this.policy = inboxPolicy(env);
    this.history = historyPolicy(env);
    this.sequenceTtlMs = Math.max(env.CIM_INBOX_TTL_MS, env.CIM_DEDUP_WINDOW_MS);
    // A store that lost its data lost its users too.
    storeEpoch.onReset(() => this.knownUsers.clear());
  }

  /** To every online user but the sender; not kept for anyone offline. */
  async sendGroup(sender: Sender, body: string): Promise<Accepted> {
    const epoch = this.storeEpoch.epoch;
    this.checkBody(body);
    this.rateLimit.check(sender.id);
    const message = this.compose(this.ids.next(), sender, '', body);
    const accepted = await this.store.acceptMessage({
      conversation: GROUP_CONVERSATION,
      message,
      history: this.history,
    });
    const answer = await this.deliverGroup(withSeq(message, accepted));
    await this.storeEpoch.confirm(epoch);
    return answer;
  }

  /** To one user: kept in their unacked ledger as it is accepted, then handed to their im-server. */
  async sendPrivate(
    sender: Sender,
    receiverId: string,
    body: string,
  ): Promise<Accepted & { delivery: 'online' | 'inbox' }> {
    const epoch = this.storeEpoch.epoch;
    this.checkBody(body);
    this.rateLimit.check(sender.id);
    await this.checkReceiver(receiverId);
    const message = this.compose(this.ids.next(), sender, receiverId, body);
    const accepted = await this.acceptPrivate(message);
    const answer = await this.deliverPrivate(withSeq(message, accepted), accepted);
    await this.storeEpoch.confirm(epoch);
    return answer;
  }

  /**
   * A client's SEND: delivered once per client message id within the dedup window. A private message
   * is kept in the receiver's ledger before the store answers; a repeat (the im-server or the client
   * sending again after a failure) completes an acceptance that stopped half-way and hands the kept
   * message over again while it is unacknowledged, so a SEND_ACK, first or duplicate, always names a
   * stored message. A SEND to a group with membership goes to GroupMessagesService.
   */
  async send(request: SendRequest): Promise<SendReply> {
    try {
      return await this.accept(request);
    } catch (error) {
      if (error instanceof SendSeqOutsideWindowError)
        throw new GatewayError('SendSeqOutsideWindow', error.message);
      throw error;
    }
  }

  /**
   * A numbered SEND (sendSeq) is deduplicated in its sending session's window, kept in the store as long
   * as the session sends within the dedup window; one without, by its client message id.
   */
  private async accept(request: SendRequest): Promise<SendReply> {
    checkSendRequest(request);
    this.checkBody(request.body);
    const dedup = {
      senderId: request.userId,
      clientMessageId: request.clientMsgId,
      windowMs: this.env.CIM_DEDUP_WINDOW_MS,
      ...(request.sendSeq && { sendSeq: request.sendSeq }),
    };
    if (request.groupId) {
      const { groupId, userId: senderId, userName: senderName, sessionId, body } = request;
      const device = { deviceId: request.deviceId, deviceKind: request.deviceKind };
      return this.groupMessages.send({ groupId, senderId, senderName, sessionId, body, dedup, device });
    }
    const receiverId = request.group ? '' : request.receiverId!;
    if (receiverId) await this.checkReceiver(receiverId);
    const sender = { id: request.userId, name: request.userName };
    const message = this.compose(this.ids.next(), sender, receiverId, request.body, request);
    const accepted = receiverId
      ? await this.acceptPrivate(message, dedup)
      : await this.store.acceptMessage({
          conversation: GROUP_CONVERSATION,
          message,
          dedup,
          history: this.history,
        });
    if ('duplicateOf' in accepted) {
      const earlier = accepted.duplicateOf;
      if (accepted.stored) await this.deliverPrivate(accepted.stored, accepted);
      return { messageId: earlier, sentAt: MessageIdGenerator.timeOf(earlier), duplicate: true };
    }
    const { sentAt } = receiverId
      ? await this.deliverPrivate(withSeq(message, accepted), accepted, request.sessionId)
      : await this.deliverGroup(withSeq(message, accepted), request.sessionId);
    return { messageId: message.messageId, sentAt, duplicate: false, seq: accepted.seq };
  }

  private acceptPrivate(
    message: StoredMessage,
    dedup?: MessageAcceptance['dedup'],
  ): Promise<MessageAccepted> {
    return this.store.acceptMessage({
      conversation: privateConversation(message.senderId, message.receiverId),
      message,
      dedup,
      receiver: { userId: message.receiverId, ledger: this.policy },
      history: this.history,
      sequenceTtlMs: this.sequenceTtlMs,
    });
  }

  /** To everyone online but the sending device (all the sender's devices for an HTTP send). */
  private async deliverGroup(message: StoredMessage, sendingSession?: string): Promise<Accepted> {
    await this.deliverer.deliverToAll(message, sendingSession);
    return { messageId: message.messageId, sentAt: message.sentAt };
  }

  /**
   * To every device of the receiver (the message is in their ledger already: the hand-over writes
   * nothing more) and, unless it is a repeat, to the sender's devices but the sending one, which show
   * it as their own. A message to oneself reaches one's devices once, as the receiver's.
   */
  private async deliverPrivate(message: StoredMessage, accepted: MessageAccepted, sendingSession?: string) {
    const own =
      'seq' in accepted && message.senderId !== message.receiverId
        ? this.deliverer.deliverToOwnDevices(
            message,
            sendingSession,
            this.senderRoutes(accepted, sendingSession),
          )
        : Promise.resolve();
    const [delivery] = await Promise.all([
      this.deliverer.deliverTo(message.receiverId, message, accepted.routes, true),
      own,
    ]);
    return { messageId: message.messageId, sentAt: message.sentAt, delivery };
  }

  /**
   * A SEND's acceptance answers the sender's routes (none: absent); an HTTP send's does not, and the
   * deliverer reads them.
   */
  private senderRoutes(accepted: MessageAccepted, sendingSession?: string): Route[] | undefined {
    return sendingSession === undefined ? undefined : (accepted.senderRoutes ?? []);
  }

  /** The message before the store gives it its sequence; `device`: the device a SEND came from. */
  private compose(
    messageId: string,
    sender: Sender,
    receiverId: string,
    body: string,
    device?: { deviceId?: string; deviceKind?: string },
  ): StoredMessage {
    return {
      messageId,
      seq: 0,
      senderId: sender.id,
      senderName: sender.name,
      receiverId,
      kind: receiverId ? 'private' : 'group',
      body,
      sentAt: MessageIdGenerator.timeOf(messageId),
      ...(device?.deviceId ? { senderDeviceId: device.deviceId } : {}),
      ...(device?.deviceKind ? { senderDeviceKind: device.deviceKind } : {}),
    };
  }

  private checkBody(body: string): void {
    if (body.length === 0) throw new GatewayError('BadRequest', 'body must not be empty');
    const max = this.env.CIM_MAX_BODY_BYTES;
    if (Buffer.byteLength(body, 'utf8') > max) {
      throw new GatewayError('BodyTooLarge', `body must be at most ${max} bytes of UTF-8`);
    }
  }

  /**
   * Users are never deleted, so a receiver found once is remembered (up to KNOWN_USERS_KEPT of them)
   * until the store is reset.
   */
  private async checkReceiver(receiverId: string): Promise<void> {
    if (this.knownUsers.has(receiverId)) return;
    if (!(await this.store.findUserById(receiverId))) {
      throw new GatewayError('UnknownReceiver', `user ${receiverId} does not exist`);
    }
    if (this.knownUsers.size >= KNOWN_USERS_KEPT) this.knownUsers.clear();
    this.knownUsers.add(receiverId);
  }
}

function withSeq(message: StoredMessage, accepted: MessageAccepted): StoredMessage {
  return 'seq' in accepted ? { ...message, seq: accepted.seq } : message;
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
