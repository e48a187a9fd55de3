import { ImServerPatterns, ReadStateNotice } from '@cim/protocol';
import { MemoryReadStateStore } from '@cim/session-store';
import { ConversationAccess } from '../conversations/conversation-access';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { AllSessionsDelivery } from './all-sessions-delivery';
import { ReadStateService } from './read-state.service';

async function setUp(overrides: Record<string, string> = {}) {
  const f = await createGatewayFixture(overrides);
  // One after the other, so that their ids rise in this order (readers come by user id).
  const alice = await f.createUser('alice');
  const bob = await f.createUser('bob');
  const carol = await f.createUser('carol');
  const online = async (userId: string, serverId: string, sessionId: string) => {
    await f.store.claimOnline({ userId, serverId, sessionId, since: 1 });
    await f.store.confirmOnline({ userId, serverId, sessionId });
  };
  await online(alice, 'im-1', 'sa');
  await online(bob, 'im-2', 'sb');
  const delivery = new AllSessionsDelivery(f.store, f.directory);
  const access = new ConversationAccess(f.groupStore);
  const service = new ReadStateService(
    new MemoryReadStateStore(),
    f.store,
    f.groupStore,
    access,
    delivery,
    f.env,
  );
  const pair = BigInt(alice) < BigInt(bob) ? `p:${alice}:${bob}` : `p:${bob}:${alice}`;
  const from = (id: string, name: string) => ({ id, name });
  for (const body of ['one', 'two', 'three']) await f.messages.sendPrivate(from(alice, 'alice'), bob, body);
  /** The READ_STATE notices handed to the im-servers: [server, session, reader, seq]. */
  const notices = () =>
    f.servers.callsOf(ImServerPatterns.ReadState).flatMap(({ serverId, payload }) => {
      const { readState, sessions } = payload as ReadStateNotice;
      return sessions.map((s) => [serverId, s.sessionId, readState.userId, readState.seq]);
    });
  return { f, alice, bob, carol, service, pair, notices };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (e: { httpStatus?: number; status?: number; message: string }) =>
      `${e.httpStatus ?? e.status} ${e.message}`,
  );

describe('ReadStateService', () => {
  it("tells the reader's other sessions and the private peer, and only when the pointer moves", async () => {
    const { bob, service, pair, notices } = await setUp();
    expect(await service.markRead({ userId: bob, sessionId: 'other', conversation: pair, seq: 2 })).toBe(2);
    expect(notices()).toEqual([
      ['im-2', 'sb', bob, 2],
      ['im-1', 'sa', bob, 2],
    ]);
    expect(await service.markRead({ userId: bob, sessionId: 'sb', conversation: pair, seq: 1 })).toBe(2);
    expect(notices()).toHaveLength(2);
    expect(await service.markRead({ userId: bob, sessionId: 'sb', conversation: pair, seq: 3 })).toBe(3);
    expect(notices().slice(2)).toEqual([['im-1', 'sa', bob, 3]]);
  });

  it('refuses a seq beyond the last, and a conversation the user is not part of, naming the cause', async () => {
    const { carol, bob, service, pair } = await setUp();
    expect(await refusal(service.markRead({ userId: bob, conversation: pair, seq: 4 }))).toBe(
      `400 seq 4 is beyond the last seq of conversation ${pair} (3)`,
    );
    expect(await refusal(service.markRead({ userId: carol, conversation: pair, seq: 1 }))).toBe(
      `403 you are not part of conversation ${pair}`,
    );
  });

  it('answers the members who read a group message, for groups within CIM_READ_RECEIPTS_MAX_GROUP', async () => {
    const { f, alice, bob, carol, service } = await setUp({ CIM_READ_RECEIPTS_MAX_GROUP: '3' });
    const group = await f.groups.create(alice, 'club', [bob, carol]);
    const conversation = `g:${group.id}`;
    for (const body of ['a', 'b']) {
      const send = { userId: alice, sessionId: 'sa', serverId: 'im-1', userName: 'alice' };
      await f.messages.send({ ...send, clientMsgId: `c-${body}`, groupId: group.id, body });
    }
    await service.markRead({ userId: bob, conversation, seq: 2 });
    await service.markRead({ userId: carol, conversation, seq: 1 });
    expect(await service.readersOf(alice, conversation, 2)).toEqual({
      conversation,
      seq: 2,
      memberCount: 3,
      readers: [{ userId: bob, readSeq: 2 }],
    });
    expect((await service.readersOf(carol, conversation, 1)).readers.map((r) => r.userId)).toEqual([
      bob,
      carol,
    ]);

    await f.groups.removeMember(alice, group.id, carol);
    expect((await service.readersOf(alice, conversation, 1)).readers.map((r) => r.userId)).toEqual([bob]);
    expect(await refusal(service.readersOf(carol, conversation, 1))).toBe(
      `403 you are not part of conversation ${conversation}`,
    );
    const dave = await f.createUser('dave');
    const erin = await f.createUser('erin');
    await f.groups.addMembers(alice, group.id, [dave]);
    expect(await refusal(service.readersOf(alice, 'group', 1))).toBe(
      '400 readers are kept for groups only, not for group',
    );
    await f.groupStore.addMembers(group.id, [erin], 10);
    expect(await refusal(service.readersOf(alice, conversation, 1))).toBe(
      `409 group ${conversation} has 4 members: readers are answered for groups of at most 3 (CIM_READ_RECEIPTS_MAX_GROUP)`,
    );
  });
});
