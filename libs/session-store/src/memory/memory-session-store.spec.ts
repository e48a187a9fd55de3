import { describeSessionStoreContract } from '../testing/session-store.contract';
import { acceptance } from '../testing/contract/helpers';
import { MemorySessionStore } from './memory-session-store';

describeSessionStoreContract('MemorySessionStore', async () => new MemorySessionStore());

describe('MemorySessionStore with an injected clock', () => {
  let now: number;
  let store: MemorySessionStore;

  beforeEach(() => {
    now = 1_000_000;
    store = new MemorySessionStore({ clock: () => now });
  });

  it('stamps users with the clock and numbers them from 10001', async () => {
    expect(await store.createUser('alice', 'h')).toMatchObject({ id: '10001', createdAt: 1_000_000 });
    expect(await store.createUser('bob', 'h')).toMatchObject({ id: '10002' });
  });

  it('keeps an inbox until the TTL has passed on the clock, then drops it', async () => {
    const message = {
      messageId: 'm',
      seq: 1,
      senderId: '1',
      senderName: 'a',
      receiverId: '2',
      body: 'hi',
      sentAt: 0,
    };
    await store.pushInbox('2', [{ ...message, kind: 'private' }], { cap: 10, ttlMs: 1000 });
    now += 999;
    expect(await store.inboxSize('2')).toBe(1);
    now += 1;
    expect(await store.inboxSize('2')).toBe(0);
  });

  it('remembers a client message id for exactly the window on the clock', async () => {
    const accept = (messageId: string) =>
      store.acceptMessage(
        acceptance('group', messageId, { dedup: { senderId: '1', clientMessageId: 'c', windowMs: 500 } }),
      );
    await accept('m-1');
    now += 499;
    expect(await accept('m-2')).toEqual({ duplicateOf: 'm-1' });
    now += 1;
    expect(await accept('m-3')).toEqual({ seq: 2, routes: [] });
  });
});
