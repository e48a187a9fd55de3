import { DeliverReply, DeliverRequest, ImServerPatterns, StoredMessage } from '@cim/protocol';
import { MemorySessionStore } from '@cim/session-store';
import { ImServerClients } from '../calls/im-server-clients';
import { FakeImServers, serverInfo } from '../testing/fake-im-servers';
import { HandOver } from './hand-over';

const policy = { cap: 100, ttlMs: 60_000 };

function message(messageId: string, receiverId = ''): StoredMessage {
  const kind = receiverId ? 'private' : 'group';
  return {
    messageId,
    seq: 1,
    senderId: '10009',
    senderName: 'S',
    receiverId,
    kind,
    body: messageId,
    sentAt: 1,
  };
}

function setUp() {
  const servers = new FakeImServers();
  const clients = new ImServerClients(servers.factory);
  clients.update([serverInfo('im-1', 9000), serverInfo('im-2', 9010)]);
  const store = new MemorySessionStore();
  const replies: DeliverRequest[] = [];
  const handOver = new HandOver(clients, store, { policy, onReply: (entries) => replies.push({ entries }) });
  const delivers = () => servers.callsOf(ImServerPatterns.Deliver);
  return { servers, clients, store, handOver, replies, delivers };
}

describe('HandOver', () => {
  it('sends the entries of one tick to each server in one Deliver call, in the order queued', async () => {
    const { handOver, delivers, replies } = setUp();
    await Promise.all([
      handOver.enqueue('im-1', { message: message('m1', '10001'), userIds: ['10001'] }),
      handOver.enqueue('im-2', { message: message('m2'), allExcept: '10009' }),
      handOver.enqueue('im-1', { message: message('m3'), allExcept: '10009' }),
    ]);
    expect(
      delivers().map((c) => [
        c.serverId,
        (c.payload as DeliverRequest).entries.map((e) => e.message.messageId),
      ]),
    ).toEqual([
      ['im-1', ['m1', 'm3']],
      ['im-2', ['m2']],
    ]);
    expect(replies).toHaveLength(2);
  });

  it('writes the receivers to the unacked ledger before the server gets the message', async () => {
    const { handOver, store, servers } = setUp();
    const seen: number[] = [];
    servers.answer('im-1', ImServerPatterns.Deliver, () => {
      void store.unackedSize('10001').then((size) => seen.push(size));
      return { missed: [], delivered: 1 } satisfies DeliverReply;
    });
    const outcome = await handOver.enqueue('im-1', { message: message('m1', '10001'), userIds: ['10001'] });
    expect(outcome).toEqual({ reached: true, kept: [], delivered: 1 });
    expect(seen).toEqual([1]);
    expect(await store.unackedSize('10001')).toBe(1);
  });

  it('hands nothing over, and rejects, when the ledger cannot be written', async () => {
    const { handOver, store, delivers } = setUp();
    jest.spyOn(store, 'trackUnacked').mockRejectedValue(new Error('store down'));
    await expect(
      handOver.enqueue('im-1', { message: message('m1', '10001'), userIds: ['10001'] }),
    ).rejects.toThrow('store down');
    expect(delivers()).toEqual([]);
  });

  it('keeps every receiver when the server fails, and a group message for nobody', async () => {
    const { handOver, servers, store } = setUp();
    servers.fail('im-1');
    const [named, group] = await Promise.all([
      handOver.enqueue('im-1', { message: message('m1', '10001'), userIds: ['10001'] }),
      handOver.enqueue('im-1', { message: message('m2'), allExcept: '10009' }),
    ]);
    expect(named).toEqual({ reached: false, kept: ['10001'], delivered: 0 });
    expect(group).toEqual({ reached: false, kept: [], delivered: 0 });
    expect(await store.unackedSize('10001')).toBe(1);
  });

  it('tries a missed receiver once more on the server they moved to, and keeps one who did not move', async () => {
    const { handOver, servers, store, delivers } = setUp();
    servers.answer('im-1', ImServerPatterns.Deliver, (payload) => ({
      missed: (payload as DeliverRequest).entries.map((e) => ({
        messageId: e.message.messageId,
        userId: e.userIds![0],
      })),
      delivered: 0,
    }));
    await store.claimOnline({ userId: '10003', serverId: 'im-2', sessionId: 's', since: 0 });
    await store.claimOnline({ userId: '10004', serverId: 'im-1', sessionId: 's', since: 0 });
    const [moved, stayed] = await Promise.all([
      handOver.enqueue('im-1', { message: message('m1', '10003'), userIds: ['10003'] }, { retry: true }),
      handOver.enqueue('im-1', { message: message('m2', '10004'), userIds: ['10004'] }, { retry: true }),
    ]);
    expect(moved).toEqual({ reached: true, kept: [], delivered: 1 });
    expect(stayed).toEqual({ reached: true, kept: ['10004'], delivered: 0 });
    expect(delivers().map((c) => c.serverId)).toEqual(['im-1', 'im-2']);
  });

  it('counts the connections written to per entry, sharing a server’s group count among its group entries', async () => {
    const { handOver, servers } = setUp();
    servers.answer('im-1', ImServerPatterns.Deliver, () => ({
      missed: [{ messageId: 'm1', userId: '10002' }],
      delivered: 1 + 2 * 5,
    }));
    const outcomes = await Promise.all([
      handOver.enqueue('im-1', { message: message('m1', '10001'), userIds: ['10001', '10002'] }),
      handOver.enqueue('im-1', { message: message('m2'), allExcept: '' }),
      handOver.enqueue('im-1', { message: message('m3'), allExcept: '' }),
    ]);
    expect(outcomes.map((o) => o.delivered)).toEqual([1, 5, 5]);
    expect(outcomes[0].kept).toEqual(['10002']);
  });
});
