import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { ReadState } from '@cim/protocol';
import {
  GROUP_STORE,
  GroupStore,
  READ_STATE_STORE,
  ReadStateStore,
  SESSION_STORE,
  SessionStore,
} from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { ConversationAccess } from '../conversations/conversation-access';
import { GatewayError } from '../errors/gateway-error';
import { AllSessionsDelivery } from './all-sessions-delivery';

export interface MarkRead {
  userId: string;
  /**
   * The session whose connection sent MARK_READ: it has its answer and is not told again. Absent (a
   * mark over HTTP, which no connection answers): every session of the user is told.
   */
  sessionId?: string;
  conversation: string;
  seq: number;
}

export interface GroupReaders {
  conversation: string;
  seq: number;
  memberCount: number;
  /** The members whose read pointer is at seq or beyond, by user id. */
  readers: { userId: string; readSeq: number }[];
}

/**
 * Read pointers: a user marks a conversation read up to a seq (never back); when the pointer moves, the
 * user's other sessions are told (READ_STATE with their own user id) and, in a private pair, the peer's
 * sessions too (a read receipt). Who has read a group message is answered for groups of at most
 * CIM_READ_RECEIPTS_MAX_GROUP members.
 */
@Injectable()
export class ReadStateService {
  constructor(
    @Inject(READ_STATE_STORE) private readonly pointers: ReadStateStore,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(GROUP_STORE) private readonly groups: GroupStore,
    private readonly access: ConversationAccess,
    private readonly sessions: AllSessionsDelivery,
    private readonly env: GatewayEnv,
  ) {}

  /** Answers where the pointer now stands (beyond `seq` when it was already further). */
  async markRead({ userId, sessionId, conversation, seq }: MarkRead): Promise<number> {
    await this.access.check(userId, conversation);
    const lastSeq = await this.store.lastSeq(conversation);
    if (seq > lastSeq)
      throw new GatewayError(
        'BadRequest',
        `seq ${seq} is beyond the last seq of conversation ${conversation} (${lastSeq})`,
      );
    const listReader = conversation.startsWith('g:');
    const pointer = await this.pointers.markRead({ userId, conversation, seq, lastSeq, listReader });
    if (pointer.advanced) await this.announce({ conversation, userId, seq: pointer.seq }, sessionId);
    return pointer.seq;
  }

  /** The members of a group with membership who have read it up to seq. */
  async readersOf(userId: string, conversation: string, seq: number): Promise<GroupReaders> {
    if (!conversation.startsWith('g:'))
      throw new GatewayError('BadRequest', `readers are kept for groups only, not for ${conversation}`);
    await this.access.check(userId, conversation);
    const members = await this.groups.getMembers(conversation.slice(2));
    const max = this.env.CIM_READ_RECEIPTS_MAX_GROUP;
    if (members.length > max)
      throw new ConflictException(
        `group ${conversation} has ${members.length} members: readers are answered for groups of at most ${max} (CIM_READ_RECEIPTS_MAX_GROUP)`,
      );
    const memberIds = new Set(members.map((m) => m.userId));
    const readers = (await this.pointers.readersOf(conversation, seq))
      .filter((reader) => memberIds.has(reader.userId))
      .map((reader) => ({ userId: reader.userId, readSeq: reader.seq }));
    return { conversation, seq, memberCount: members.length, readers };
  }

  private async announce(state: ReadState, sessionId?: string): Promise<void> {
    const told = [this.sessions.deliverToAllSessionsOf(state.userId, state, sessionId)];
    const peer = peerOf(state.conversation, state.userId);
    if (peer) told.push(this.sessions.deliverToAllSessionsOf(peer, state));
    await Promise.all(told);
  }
}

/** The other user of a private pair 'p:<low>:<high>'; undefined for the lobby and groups. */
function peerOf(conversation: string, userId: string): string | undefined {
  const [kind, first, second] = conversation.split(':');
  if (kind !== 'p') return undefined;
  return first === userId ? second : first;
}
