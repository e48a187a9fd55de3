import { StoredMessage } from '@cim/protocol';
import { createGatewayFixture } from '../testing/gateway-fixture';

function message(id: string, receiverId: string): StoredMessage {
  return {
    messageId: id,
    seq: 1,
    senderId: '1',
    senderName: 'x',
    receiverId,
    kind: 'private',
    body: id,
    sentAt: 1,
  };
}

async function setUp() {
  const f = await createGatewayFixture();
  const bob = await f.createUser('bob');
  await f.store.claimOnline({ userId: bob, serverId: 'im-1', sessionId: 'current', since: f.time.now });
  await f.store.pushInbox(bob, [message('m1', bob), message('m2', bob)], { cap: 10, ttlMs: 60_000 });
  return { f, bob, ref: { userId: bob, sessionId: 'current', serverId: 'im-1' } };
}

describe('SessionsService', () => {
  it("hands the user's inbox, oldest first, to the connection of their current session", async () => {
    const { f, bob, ref } = await setUp();
    const { inbox } = await f.sessions.opened(ref);
    expect(inbox.map((m) => m.messageId)).toEqual(['m1', 'm2']);
    expect(await f.store.inboxSize(bob)).toBe(0);
  });

  it('refuses a connection of a session that is no longer current, and keeps the inbox', async () => {
    const { f, bob, ref } = await setUp();
    await expect(f.sessions.opened({ ...ref, sessionId: 'old' })).rejects.toThrow(/session has ended/);
    await expect(f.sessions.opened({ ...ref, serverId: 'elsewhere' })).rejects.toThrow(/session has ended/);
    expect(await f.store.inboxSize(bob)).toBe(2);
  });

  it('takes the user offline when their current connection closes', async () => {
    const { f, bob, ref } = await setUp();
    await f.sessions.opened(ref);
    expect(await f.sessions.closed({ ...ref, reason: 'disconnect' })).toEqual({ released: true });
    expect(await f.store.getRoute(bob)).toBeNull();
  });

  it('leaves a newer session online when an old connection closes', async () => {
    const { f, bob, ref } = await setUp();
    await f.sessions.opened(ref);
    await f.store.replaceOnline({ userId: bob, serverId: 'im-2', sessionId: 'newer', since: f.time.now });
    expect(await f.sessions.closed({ ...ref, reason: 'kicked' })).toEqual({ released: false });
    expect((await f.store.getRoute(bob))?.sessionId).toBe('newer');
  });

  it('hands unacknowledged messages over again at the next login, and not once acknowledged', async () => {
    const { f, bob, ref } = await setUp();
    const { inbox } = await f.sessions.opened(ref);
    expect(inbox.map((m) => m.messageId)).toEqual(['m1', 'm2']);
    await f.sessions.closed({ ...ref, reason: 'disconnect' });
    await f.store.claimOnline({ userId: bob, serverId: 'im-1', sessionId: 'again', since: f.time.now });
    await f.sessions.acknowledge({ acks: [{ userId: bob, messageIds: ['m1'] }] });
    const again = await f.sessions.opened({ ...ref, sessionId: 'again' });
    expect(again.inbox.map((m) => m.messageId)).toEqual(['m2']);
  });

  it('refuses a login made for an earlier run of the server, and accepts one made for this run', async () => {
    const f = await createGatewayFixture();
    const bob = await f.createUser('bob');
    const route = { userId: bob, serverId: 'im-1', sessionId: 's1', since: 0, incarnation: 'run-1' };
    await f.store.claimOnline(route, 60_000);
    const ref = { userId: bob, serverId: 'im-1', sessionId: 's1' };
    await expect(f.sessions.opened({ ...ref, incarnation: 'run-2' })).rejects.toThrow('earlier run');
    expect(await f.store.countOnline()).toBe(0);
    await f.sessions.opened({ ...ref, incarnation: 'run-1' });
    expect(await f.store.countOnline()).toBe(1);
  });

  it('refuses a report without user or session id', async () => {
    const { f } = await setUp();
    await expect(f.sessions.opened({ userId: '', sessionId: 's', serverId: 'im-1' })).rejects.toMatchObject({
      code: 'BadRequest',
    });
  });
});
