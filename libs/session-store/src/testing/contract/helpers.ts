import { ReleasedRun } from '../../server-runs';
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

/** Sleeps until the clock has passed `at` (ms since the epoch); at once if it has. */
export function sleepPast(at: number): Promise<void> {
  return sleep(Math.max(0, at + 1 - Date.now()));
}

/** How long a test waits at most for an expiry to show: a backend's expiry and a busy machine's calls. */
export const EXPIRY_DEADLINE_MS = 10_000;

/**
 * Runs `check` until it stops throwing, for at most `ms`, and answers what it returned; past the deadline
 * its last failure is thrown. Waits on an expiry poll a read, so that polling changes nothing.
 */
export async function eventually<T>(check: () => T | Promise<T>, ms = EXPIRY_DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(20);
    }
  }
}

/**
 * Sweeps until a sweep releases a run, and answers what it released. A sweep that finds no lapsed lease
 * changes nothing, so polling with it waits for an expiry without acting before it.
 */
export function untilSwept(store: SessionStore): Promise<ReleasedRun[]> {
  return eventually(async () => {
    const released = await store.sweepServerRuns();
    expect(released).not.toEqual([]);
    return released;
  });
}

/** The lifetimes (ms) `withLifetime` tries in turn. */
const LIFETIMES_MS = [400, 1600, 6400];

/**
 * For a test that needs a TTL, grace, lease or window to last through some calls and then looks past its
 * end: runs `steps` with a lifetime short enough to wait out and, when that run was inconclusive, again
 * with a longer one. A run is inconclusive when the calls that had to fall within the lifetime took as
 * long as the lifetime, measured around them (a stall of the machine or the backend): a store that
 * honours it was then free to let it run out. `steps` answers false then, before it asserts anything
 * that depended on those calls, and uses names of its own for each run (or undoes what it left).
 */
export async function withLifetime(
  steps: (lifetimeMs: number, run: number) => Promise<boolean>,
): Promise<void> {
  for (const [run, lifetimeMs] of LIFETIMES_MS.entries()) if (await steps(lifetimeMs, run)) return;
  throw new Error(`every run was slower than its lifetime (${LIFETIMES_MS.join(', ')} ms)`);
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
