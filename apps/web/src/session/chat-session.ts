import {
  CimClient,
  CimClientOptions,
  ClientHooks,
  ClientState,
  DuplicateLoginError,
  InvalidCredentialsError,
  NameTakenError,
  ReceivedMessage,
} from '@cim/client-sdk/browser';
import { ChatStore } from '../state/chat-store';
import { groupIdOf, LOBBY } from '../state/conversation-ids';
import { newestSeq, oldestSeq } from '../state/timeline';
import { ChatMessage, ConnectionState } from '../state/types';
import { GatewayCalls } from './gateway-calls';
import { ReadMarks } from './read-marks';

const PAGE = 30;
const ONLINE_EVERY_MS = 10_000;
const CONVERSATIONS_EVERY_MS = 30_000;

/** A read mark from the server (read state): this user's other device, or the peer of a private pair. */
interface ReadEvent {
  conversation: string;
  userId: string;
  seq: number;
}

const STATES: Record<ClientState, ConnectionState> = {
  initialized: 'connecting',
  ready: 'connected',
  reconnecting: 'reconnecting',
  closed: 'offline',
  failed: 'offline',
};

/**
 * One signed-in user in this page: the SDK client over WebSocket, and what it feeds into the store.
 * The password stays in this object's memory (the SDK needs it if its resume credential is refused);
 * nothing is written to localStorage. After each reconnection the loaded conversations are read again
 * from where they stopped, so that nothing sent meanwhile is missed.
 */
export class ChatSession {
  readonly calls: GatewayCalls;
  private readonly client: CimClient;
  private readonly reads: ReadMarks;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private localIds = 0;

  constructor(
    readonly store: ChatStore,
    name: string,
    password: string,
  ) {
    const hooks: ClientHooks & { onRead?(event: ReadEvent): void } = {
      onStateChange: (state, reason) => store.setConnection(STATES[state], reason ?? ''),
      onReconnected: () => void this.catchUp(),
      onKicked: (reason) => store.setConnection('offline', `signed out: ${reason}`),
      onRead: (event) => this.onRead(event),
    };
    const options: CimClientOptions & { device?: { id: string; kind: string } } = {
      gatewayUrl: location.origin,
      name,
      password,
      listener: { onMessage: (message) => this.onMessage(message) },
      hooks,
      // A person keeps the tab open: keep coming back for a few minutes (backoff up to 5 s) before 'offline'.
      loginRetries: 40,
      device: { id: deviceId(), kind: 'web' },
    };
    this.client = new CimClient(options);
    this.calls = new GatewayCalls(location.origin, () => this.client.accessToken);
    this.reads = new ReadMarks(
      this.client as unknown as ConstructorParameters<typeof ReadMarks>[0],
      this.calls,
    );
  }

  /** Registers first when asked; logs in and connects. Throws a message a person can read. */
  async signIn(register: boolean): Promise<void> {
    try {
      if (register) await this.client.register();
      const session = await this.client.start();
      this.store.signedIn(session.userId, session.name);
    } catch (error) {
      await this.client.close().catch(() => undefined);
      throw new Error(signInProblem(error as Error));
    }
    this.timers.push(setInterval(() => void this.refreshOnline(), ONLINE_EVERY_MS));
    this.timers.push(setInterval(() => void this.refreshConversations(), CONVERSATIONS_EVERY_MS));
    await Promise.all([this.refreshConversations(), this.refreshOnline(), this.refreshGroups()]);
    await this.open(LOBBY);
  }

  get serverId(): string {
    return this.client.session?.server.id ?? '';
  }

  /** The client gave up reconnecting (not kicked, not signed out): retry() may bring it back. */
  get canRetry(): boolean {
    return this.client.state === 'failed';
  }

  /** Tries again after the client gave up ('offline'). */
  async retry(): Promise<void> {
    this.store.setConnection('connecting');
    await this.client.start().catch(() => undefined);
    if (this.client.state === 'ready') await this.catchUp();
  }

  async signOut(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.client.close();
  }

  /** Shows the conversation: its newest page the first time, and marks it read. */
  async open(conversation: string): Promise<void> {
    this.store.select(conversation);
    if (!this.store.timeline(conversation).loaded) {
      this.store.loading(conversation);
      const page = await this.calls.history(conversation, { before: Number.MAX_SAFE_INTEGER, limit: PAGE });
      this.store.page(conversation, page.messages, page.messages.length === PAGE);
    }
    this.markRead();
  }

  /** The page before the oldest loaded message (scrolling up). */
  async loadOlder(conversation: string): Promise<void> {
    const timeline = this.store.timeline(conversation);
    const before = oldestSeq(timeline.messages);
    if (timeline.loading || !timeline.hasOlder || before <= 1) return;
    this.store.loading(conversation);
    const page = await this.calls.history(conversation, { before, limit: PAGE });
    this.store.page(conversation, page.messages, page.messages.length === PAGE && page.messages[0].seq > 1);
  }

  /** Marks the selected conversation read up to its newest message, if the user is looking at it. */
  markRead(): void {
    const { selected, watching } = this.store;
    if (watching) this.reads.mark(selected, this.store.newestSeq(selected));
  }

  send(conversation: string, body: string): void {
    const localId = `local-${++this.localIds}`;
    const { userId, name } = this.store.me;
    const kind = conversation.startsWith('p:') ? 'private' : 'group';
    const peerId = this.store.conversation(conversation).peerId ?? '';
    const groupId = groupIdOf(conversation);
    const message: ChatMessage = {
      messageId: localId,
      seq: 0,
      senderId: userId,
      senderName: name,
      receiverId: kind === 'private' ? peerId : '',
      kind,
      body,
      sentAt: Date.now(),
      groupId,
    };
    this.store.sending(conversation, message);
    const sent =
      kind === 'private'
        ? this.client.sendPrivate(peerId, body)
        : groupId
          ? this.client.sendToGroup(groupId, body)
          : this.client.sendGroup(body);
    sent.then(
      (result) => this.store.sent(conversation, localId, result.messageId, result.sentAt),
      (error: Error) => this.store.failed(conversation, localId, error.message),
    );
  }

  async createGroup(name: string, memberIds: string[]): Promise<string> {
    const group = await this.calls.createGroup(name, memberIds);
    const id = `g:${group.id}`;
    this.store.conversation(id, group.name).role = group.role ?? 'owner';
    await this.open(id);
    return id;
  }

  async addMembers(conversation: string, userIds: string[]): Promise<string[]> {
    return (await this.calls.addMembers(groupIdOf(conversation)!, userIds)).added;
  }

  async leaveGroup(conversation: string): Promise<void> {
    await this.calls.leaveGroup(groupIdOf(conversation)!);
    this.store.conversations.delete(conversation);
    this.store.timelines.delete(conversation);
    await this.open(LOBBY);
  }

  private onMessage(received: ReceivedMessage): void {
    const message = received as ChatMessage;
    this.store.received(message);
    const groupId = message.groupId;
    if (groupId && !this.store.conversations.get(`g:${groupId}`)?.role) void this.learnGroup(groupId);
    this.markRead();
  }

  private onRead({ conversation, userId, seq }: ReadEvent): void {
    this.store.read(conversation, userId, seq);
    // A receipt covers messages by seq: name the seqs of this page's own messages first.
    const mine = this.store.timeline(conversation).messages;
    if (userId !== this.store.me.userId && mine.some((m) => !m.seq && !m.pending))
      void this.catchUpOne(conversation);
  }

  /** After a reconnection: what each loaded conversation got meanwhile, then the lists. */
  private async catchUp(): Promise<void> {
    const loaded = [...this.store.timelines.entries()].filter(([, t]) => t.loaded).map(([id]) => id);
    await Promise.all(loaded.map((id) => this.catchUpOne(id).catch(() => undefined)));
    await Promise.all([this.refreshConversations(), this.refreshOnline(), this.refreshGroups()]);
    this.markRead();
  }

  private async catchUpOne(conversation: string): Promise<void> {
    for (;;) {
      const after = newestSeq(this.store.timeline(conversation).messages);
      const page = await this.calls.history(conversation, { after, limit: 200 });
      this.store.page(conversation, page.messages);
      if (page.messages.length < 200) return;
    }
  }

  private async refreshConversations(): Promise<void> {
    const { conversations } = await this.calls.conversations().catch(() => ({ conversations: [] }));
    this.store.listed(conversations);
    for (const { conversation } of conversations) {
      const groupId = groupIdOf(conversation);
      if (groupId && !this.store.conversation(conversation).role) void this.learnGroup(groupId);
    }
  }

  private async refreshOnline(): Promise<void> {
    const page = await this.calls.onlineUsers().catch(() => undefined);
    if (page) this.store.setOnline(page.users.filter((u) => u.userId !== this.store.me.userId));
  }

  private async refreshGroups(): Promise<void> {
    const answer = await this.calls.groups().catch(() => undefined);
    for (const group of answer?.groups ?? [])
      this.store.conversation(`g:${group.id}`, group.name).role = group.role;
    this.store.changed();
  }

  private async learnGroup(groupId: string): Promise<void> {
    const group = await this.calls.group(groupId).catch(() => undefined);
    if (group) this.store.conversation(`g:${groupId}`, group.name).role = group.role;
    this.store.changed();
  }
}

/** This tab's device id, kept for the tab's life (sessionStorage) so that a reload is the same device. */
function deviceId(): string {
  const key = 'cim.device';
  const id = sessionStorage.getItem(key) ?? `web-${crypto.randomUUID()}`;
  sessionStorage.setItem(key, id);
  return id;
}

function signInProblem(error: Error): string {
  if (error instanceof InvalidCredentialsError) return 'Wrong name or password.';
  if (error instanceof NameTakenError) return 'That name is taken: choose another, or log in.';
  if (error instanceof DuplicateLoginError) return 'This user is signed in elsewhere already.';
  return error.message;
}
