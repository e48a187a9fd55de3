import { Inject, Injectable } from '@nestjs/common';
import { StoredMessage, SyncReply, SyncRequest } from '@cim/protocol';
import {
  GROUP_STORE,
  GroupStore,
  HistoryQuery,
  READ_STATE_STORE,
  ReadStateStore,
  SESSION_STORE,
  SessionStore,
} from '@cim/session-store';
import { ConversationAccess } from './conversation-access';
import { ConversationSummary } from './dto/conversation.responses';
import { ConversationTip, readCounts } from '../read-state/unread';

export interface HistoryPage {
  conversation: string;
  /** Ascending seq. */
  messages: StoredMessage[];
  /** The last seq the conversation handed out when the page was read (0 for none). */
  lastSeq: number;
}

/** A user's conversations and the pages of their history, for HTTP and for SYNC alike. */
@Injectable()
export class ConversationsService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(GROUP_STORE) private readonly groups: GroupStore,
    private readonly access: ConversationAccess,
    @Inject(READ_STATE_STORE) private readonly pointers: ReadStateStore,
  ) {}

  /** A SYNC: the page after the client's seq, and whether messages follow it. */
  async sync({ userId, conversation, afterSeq, limit }: SyncRequest): Promise<SyncReply> {
    const page = await this.page(userId, conversation, { after: afterSeq, limit });
    const last = page.messages.at(-1);
    const more = page.messages.length === limit && last !== undefined && last.seq < page.lastSeq;
    return { ...page, more };
  }

  /** A page of a conversation the user is part of (a NotAMember GatewayError otherwise). */
  async page(userId: string, conversation: string, query: HistoryQuery): Promise<HistoryPage> {
    await this.access.check(userId, conversation);
    const lastSeq = await this.store.lastSeq(conversation);
    const messages = await this.store.readHistory(conversation, query);
    return { conversation, messages, lastSeq };
  }

  /**
   * The lobby, the user's groups and private pairs, each with its last seq, newest kept message, the
   * user's read pointer and unread count.
   */
  async list(userId: string): Promise<ConversationSummary[]> {
    const groupIds = await this.groups.groupsOf(userId);
    const pairs = await this.store.conversationsOf(userId);
    const ids = ['group', ...groupIds.map((id) => `g:${id}`), ...pairs];
    const tips = await Promise.all(ids.map((id) => this.summary(id)));
    const counts = await readCounts(this.pointers, userId, tips);
    const summaries = tips.map((tip, i) => ({ ...tip, ...counts[i] }));
    return summaries.sort((a, b) => (b.lastMessage?.sentAt ?? -1) - (a.lastMessage?.sentAt ?? -1));
  }

  private async summary(conversation: string): Promise<ConversationTip> {
    const lastSeq = await this.store.lastSeq(conversation);
    const [lastMessage] =
      lastSeq > 0 ? await this.store.readHistory(conversation, { before: lastSeq + 1, limit: 1 }) : [];
    return { conversation, lastSeq, lastMessage: lastMessage ?? null };
  }
}
