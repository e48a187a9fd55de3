import { MessageAcceptance, Route, SessionStore } from '../../session-store';
import { StoredMessage } from '@cim/protocol';

/** The store of the running test. */
export type StoreGetter = () => SessionStore;

export function route(userId: string, serverId = 'server-a', sessionId = `${userId}@${serverId}`): Route {
  return { userId, serverId, sessionId, since: 1_700_000_000_000 };
}

export function message(receiverId: string, n: number): StoredMessage {
  return {
    messageId: `m-${receiverId}-${n}`,
    seq: n,
    senderId: '10001',
    senderName: 'alice',
    receiverId,
    kind: 'private',
    body: `hello #${n} ✓`,
    sentAt: 1_700_000_000_000 + n,
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Walks a listOnline cursor to the end; `between` runs after each page. */
export async function walkOnline(
  store: SessionStore,
  count: number,
  between: (page: number) => Promise<void> = async () => {},
): Promise<{ userIds: string[]; pages: number }> {
  const userIds: string[] = [];
  let cursor = '0';
  let pages = 0;
  do {
    const page = await store.listOnline(cursor, count);
    userIds.push(...page.userIds);
    cursor = page.cursor;
    pages++;
    await between(pages);
  } while (cursor !== '0');
  return { userIds, pages };
}

export const HISTORY = { maxMessages: 100, ttlMs: 60_000 };

/** A group message `messageId` (its seq left to the store) for acceptMessage, with `more` on top. */
export function acceptance(
  conversation: string,
  messageId: string,
  more: Partial<MessageAcceptance> = {},
): MessageAcceptance {
  const message: StoredMessage = {
    messageId,
    seq: 0,
    senderId: '10001',
    senderName: 'alice',
    receiverId: '',
    kind: 'group',
    body: `body of ${messageId}`,
    sentAt: Date.now(),
  };
  return { conversation, message, history: HISTORY, ...more };
}
