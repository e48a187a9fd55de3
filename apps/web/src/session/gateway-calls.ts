import { ConversationItem } from '../state/chat-store';
import { ChatMessage, OnlineUser } from '../state/types';

export interface GroupSummary {
  id: string;
  name: string;
  ownerId: string;
  memberCount: number;
  role: string;
}

export interface GroupDetails extends GroupSummary {
  members: { userId: string; role: string }[];
}

export interface HistoryPage {
  conversation: string;
  messages: ChatMessage[];
  lastSeq: number;
}

/** An answer of the gateway other than 2xx, with the `message` it gave. */
export class GatewayCallError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The route-gateway's HTTP API beyond login (which the SDK makes): conversations, history, groups, who
 * is online, read marks. Same origin as the page; the bearer token is the client's current one.
 */
export class GatewayCalls {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => string | undefined,
  ) {}

  conversations(): Promise<{ conversations: ConversationItem[] }> {
    return this.call('GET', '/api/conversations');
  }

  /** Without `after`: the newest `limit` below `before`; with it, the oldest above `after`. */
  history(
    conversation: string,
    page: { before?: number; after?: number; limit: number },
  ): Promise<HistoryPage> {
    const query = new URLSearchParams({ limit: String(page.limit) });
    if (page.before !== undefined) query.set('before', String(page.before));
    if (page.after !== undefined) query.set('after', String(page.after));
    return this.call('GET', `/api/conversations/${encodeURIComponent(conversation)}/messages?${query}`);
  }

  markRead(conversation: string, seq: number): Promise<void> {
    return this.call('POST', `/api/conversations/${encodeURIComponent(conversation)}/read`, { seq });
  }

  onlineUsers(): Promise<{ users: OnlineUser[]; cursor: string }> {
    return this.call('GET', '/api/online-users?cursor=0&count=200');
  }

  groups(): Promise<{ groups: GroupSummary[] }> {
    return this.call('GET', '/api/groups');
  }

  group(groupId: string): Promise<GroupDetails> {
    return this.call('GET', `/api/groups/${encodeURIComponent(groupId)}`);
  }

  createGroup(name: string, memberIds: string[]): Promise<GroupDetails> {
    return this.call('POST', '/api/groups', { name, memberIds });
  }

  addMembers(groupId: string, userIds: string[]): Promise<{ added: string[] }> {
    return this.call('POST', `/api/groups/${encodeURIComponent(groupId)}/members`, { userIds });
  }

  leaveGroup(groupId: string): Promise<void> {
    return this.call('POST', `/api/groups/${encodeURIComponent(groupId)}/leave`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new GatewayCallError(response.status, errorText(text) ?? response.statusText);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

function errorText(text: string): string | undefined {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
  } catch {
    return text || undefined;
  }
}
