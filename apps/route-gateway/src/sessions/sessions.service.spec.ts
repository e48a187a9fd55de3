import { DeliverRequest, ImServerPatterns } from '@cim/protocol';
import { StoredMessage } from '@cim/session-store';
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

  it('takes the user offline when their current connection closes and keeps its unacked messages', async () => {
    const { f, bob, ref } = await setUp();
    await f.sessions.opened(ref);
    const closed = await f.sessions.closed({ ...ref, reason: 'disconnect', unacked: [message('m3', bob)] });
    expect(closed).toEqual({ released: true });
    expect(await f.store.getRoute(bob)).toBeNull();
    expect((await f.store.drainInbox(bob)).map((m) => m.messageId)).toEqual(['m3']);
  });

  it("leaves a newer session online and hands the old connection's unacked messages to it", async () => {
    const { f, bob, ref } = await setUp();
    await f.sessions.opened(ref);
    await f.store.replaceOnline({ userId: bob, serverId: 'im-2', sessionId: 'newer', since: f.time.now });
    const closed = await f.sessions.closed({ ...ref, reason: 'kicked', unacked: [message('m3', bob)] });
    expect(closed).toEqual({ released: false });
    expect((await f.store.getRoute(bob))?.sessionId).toBe('newer');
    const delivered = f.servers.callsOf(ImServerPatterns.Deliver);
    expect(delivered.map((c) => [c.serverId, (c.payload as DeliverRequest).entries])).toEqual([
      ['im-2', [{ message: message('m3', bob), userIds: [bob] }]],
    ]);
  });

  it('refuses a report without user or session id', async () => {
    const { f } = await setUp();
    await expect(f.sessions.opened({ userId: '', sessionId: 's', serverId: 'im-1' })).rejects.toMatchObject({
      code: 'BadRequest',
    });
  });
});
