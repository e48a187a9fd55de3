import { conversationOf, kindOf, LOBBY, peerOf } from './conversation-ids';
import { emptyTimeline, mergeMessages, newestSeq } from './timeline';
import { ChatMessage, ConnectionState, Conversation, OnlineUser, Timeline } from './types';

/** An item of GET /api/conversations; readSeq and unread come with read state on the server. */
export interface ConversationItem {
  conversation: string;
  lastSeq: number;
  lastMessage?: ChatMessage;
  readSeq?: number;
  unread?: number;
}

/**
 * Everything the page shows, in one place, without the DOM: conversations with their unread counts and
 * read receipts, loaded messages, who is online, the connection, what is typed in each conversation.
 * Components subscribe and render from it; the session changes it.
 */
export class ChatStore {
  me = { userId: '', name: '' };
  connection: ConnectionState = 'connecting';
  connectionDetail = '';
  selected = LOBBY;
  /** Whether the user is looking at the selected conversation (the page is visible). */
  watching = true;
  readonly conversations = new Map<string, Conversation>();
  readonly timelines = new Map<string, Timeline>();
  readonly drafts = new Map<string, string>();
  readonly names = new Map<string, string>();
  online: OnlineUser[] = [];
  private readonly listeners = new Set<() => void>();
  /** Messages this page sent in each conversation since the list was last read. */
  private readonly sentSince = new Map<string, number>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signedIn(userId: string, name: string): void {
    this.me = { userId, name };
    this.learn(userId, name);
    this.conversation(LOBBY);
    this.changed();
  }

  setConnection(state: ConnectionState, detail = ''): void {
    this.connection = state;
    this.connectionDetail = detail;
    this.changed();
  }

  /** The conversation, made (with a title from what is known) if new. */
  conversation(id: string, title?: string): Conversation {
    let conversation = this.conversations.get(id);
    if (!conversation) {
      const peerId = peerOf(id, this.me.userId);
      conversation = { id, kind: kindOf(id), title: '', lastSeq: 0, unread: 0, peerId, peerReadSeq: 0 };
      this.conversations.set(id, conversation);
    }
    if (title) conversation.title = title;
    if (!conversation.title) conversation.title = this.defaultTitle(conversation);
    return conversation;
  }

  timeline(id: string): Timeline {
    return this.timelines.get(id) ?? emptyTimeline();
  }

  /** Conversations by their last message, the newest first; the lobby first of all. */
  sortedConversations(): Conversation[] {
    return [...this.conversations.values()].sort((a, b) => {
      if (a.id === LOBBY || b.id === LOBBY) return a.id === LOBBY ? -1 : 1;
      return (b.lastMessage?.sentAt ?? 0) - (a.lastMessage?.sentAt ?? 0);
    });
  }

  /** The server's list: last seqs, last messages, and unread counts where the server keeps read state. */
  listed(items: ConversationItem[]): void {
    for (const item of items) {
      const conversation = this.conversation(item.conversation);
      if (item.lastMessage) this.learnFrom(item.lastMessage);
      // Without read state on the server: what the list has beyond what arrived here, less what this
      // page sent (its seqs are not known here); nothing when the last message is this user's own.
      const grown = Math.max(
        0,
        item.lastSeq - conversation.lastSeq - (this.sentSince.get(item.conversation) ?? 0),
      );
      this.sentSince.delete(item.conversation);
      if (item.unread !== undefined) conversation.unread = this.isRead(conversation.id) ? 0 : item.unread;
      else if (item.lastMessage?.senderId === this.me.userId) conversation.unread = 0;
      else if (conversation.lastSeq && !this.isRead(conversation.id)) conversation.unread += grown;
      conversation.lastSeq = Math.max(conversation.lastSeq, item.lastSeq);
      if (item.lastMessage && (conversation.lastMessage?.sentAt ?? 0) <= item.lastMessage.sentAt)
        conversation.lastMessage = item.lastMessage;
      if (!conversation.title || conversation.kind === 'private')
        conversation.title = this.defaultTitle(conversation);
    }
    this.changed();
  }

  /** A message from the connection: once, in its conversation; unread unless looked at. */
  received(message: ChatMessage): void {
    const id = conversationOf(message, this.me.userId);
    const timeline = this.timeline(id);
    if (timeline.messages.some((m) => m.messageId === message.messageId)) return;
    this.learnFrom(message);
    this.add(id, [message]);
    if (message.senderId !== this.me.userId && !this.isRead(id)) this.conversation(id).unread += 1;
    this.changed();
  }

  /** A page of history: older (scrolling up) or newer (catching up) than what is loaded. */
  page(id: string, messages: ChatMessage[], hasOlder?: boolean): void {
    messages.forEach((m) => this.learnFrom(m));
    this.add(id, messages);
    const timeline = this.timeline(id);
    this.timelines.set(id, {
      ...timeline,
      loaded: true,
      loading: false,
      hasOlder: hasOlder ?? timeline.hasOlder,
    });
    this.changed();
  }

  loading(id: string): void {
    this.timelines.set(id, { ...this.timeline(id), loading: true });
    this.changed();
  }

  /** A message this page is sending; `sent` or `failed` follows. */
  sending(id: string, message: ChatMessage): void {
    this.add(id, [{ ...message, pending: true }]);
    this.changed();
  }

  sent(id: string, localId: string, messageId: string, sentAt: number): void {
    this.sentSince.set(id, (this.sentSince.get(id) ?? 0) + 1);
    this.replace(id, localId, (m) => ({ ...m, messageId, sentAt, pending: false }));
  }

  failed(id: string, localId: string, reason: string): void {
    this.replace(id, localId, (m) => ({ ...m, pending: false, failed: reason }));
  }

  /** Someone read up to seq: this user (on this or another device) or the peer (a read receipt). */
  read(id: string, userId: string, seq: number): void {
    const conversation = this.conversation(id);
    if (userId === this.me.userId) {
      if (seq >= conversation.lastSeq) conversation.unread = 0;
    } else if (conversation.kind === 'private') {
      conversation.peerReadSeq = Math.max(conversation.peerReadSeq, seq);
    }
    this.changed();
  }

  select(id: string): void {
    this.conversation(id);
    this.selected = id;
    if (this.watching) this.conversation(id).unread = 0;
    this.changed();
  }

  setWatching(watching: boolean): void {
    this.watching = watching;
    if (watching) this.conversation(this.selected).unread = 0;
    this.changed();
  }

  setDraft(id: string, text: string): void {
    this.drafts.set(id, text);
  }

  setOnline(users: OnlineUser[]): void {
    users.forEach((u) => this.learn(u.userId, u.name));
    this.online = users;
    for (const conversation of this.conversations.values())
      if (conversation.kind === 'private') conversation.title = this.defaultTitle(conversation);
    this.changed();
  }

  /** The last seq of the conversation this page holds: what a read mark covers. */
  newestSeq(id: string): number {
    return Math.max(this.conversation(id).lastSeq, newestSeq(this.timeline(id).messages));
  }

  name(userId: string): string {
    return this.names.get(userId) ?? `user ${userId}`;
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  private isRead(id: string): boolean {
    return id === this.selected && this.watching;
  }

  private add(id: string, messages: ChatMessage[]): void {
    const timeline = this.timeline(id);
    this.timelines.set(id, { ...timeline, messages: mergeMessages(timeline.messages, messages) });
    const conversation = this.conversation(id);
    conversation.lastSeq = Math.max(conversation.lastSeq, newestSeq(messages));
    const last = messages[messages.length - 1];
    if (last && (conversation.lastMessage?.sentAt ?? 0) <= last.sentAt) conversation.lastMessage = last;
  }

  private replace(id: string, localId: string, change: (m: ChatMessage) => ChatMessage): void {
    const timeline = this.timeline(id);
    const original = timeline.messages.find((m) => m.messageId === localId);
    if (!original) return;
    const updated = change(original);
    const others = timeline.messages.filter((m) => m !== original);
    this.timelines.set(id, { ...timeline, messages: mergeMessages(others, [updated]) });
    const conversation = this.conversation(id);
    if (conversation.lastMessage?.messageId === localId) conversation.lastMessage = updated;
    this.changed();
  }

  private learnFrom(message: ChatMessage): void {
    if (message.senderName) this.learn(message.senderId, message.senderName);
  }

  private learn(userId: string, name: string): void {
    this.names.set(userId, name);
  }

  private defaultTitle(conversation: Conversation): string {
    if (conversation.kind === 'lobby') return 'Lobby';
    if (conversation.kind === 'private') return this.name(conversation.peerId ?? '');
    return conversation.title || `Group ${conversation.id.slice(2)}`;
  }
}
