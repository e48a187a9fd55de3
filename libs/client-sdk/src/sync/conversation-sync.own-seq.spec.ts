import { Frame, Send } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { RecentIds } from '../dedup';
import { Delivery } from '../delivery';
import { ClientFixture, eventually } from '../testing/client-fixture';
import { fromBob, inGroup, PAIR, seen } from '../testing/conversation-messages';
import { FakeImServer } from '../testing/fake-im-server';
import { ReceivedMessage, SendResult } from '../types';

describe('CimClient: the seq its SEND_ACK names for its own message', () => {
  let fixture: ClientFixture;
  let server: FakeImServer;

  beforeEach(async () => {
    fixture = await ClientFixture.start(1);
    server = fixture.servers[0];
  });
  afterEach(() => fixture.stop());

  it('reads the gap below a member message in a group its own seq 1 started: nothing sent meanwhile is skipped', async () => {
    // Group 7 was created after the first listing; alice spoke first.
    const client = await fixture.started('alice');
    server.ackSeq = () => 1;
    expect(await client.sendToGroup('7', 'first')).toMatchObject({ messageId: 'm1', seq: 1 });
    const mine = inGroup(1, { messageId: 'm1', senderId: '10001', body: 'first' });
    server.history.set('g:7', [mine, inGroup(2), inGroup(3)]);
    server.push(inGroup(3));
    await eventually(() =>
      expect(seen(client)).toEqual([
        ['g:7', 2, 'club 2'],
        ['g:7', 3, 'club 3'],
      ]),
    );
    expect(server.frames('sync').map((f) => f.sync)).toEqual([
      { conversation: 'g:7', afterSeq: 1, limit: 1 },
    ]);
  });

  it('moves past its own message at the next seq at once: the reply after it needs no SYNC', async () => {
    const client = await fixture.started('alice');
    server.push(fromBob(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.ackSeq = () => 2;
    await client.sendPrivate('10002', 'mine');
    server.history.set(PAIR, [fromBob(1), fromBob(2, { messageId: 'm1', senderId: '10001' }), fromBob(3)]);
    server.push(fromBob(3));
    await eventually(() => expect(client.recorder.messages).toHaveLength(2));
    expect(seen(client)).toEqual([
      [PAIR, 1, 'bob 1'],
      [PAIR, 3, 'bob 3'],
    ]);
    expect(server.frames('sync')).toEqual([]);
  });
});

describe('Delivery: a group the user created and spoke in first', () => {
  /** No SYNC is answered: one asked for would wait for ever, and shows in `asked`. */
  const asked: Frame[] = [];
  const connection = {
    open: true,
    send: () => true,
    request: (frame: Frame) => {
      asked.push(frame);
      return new Promise<Frame>(() => undefined);
    },
  } as unknown as FrameConnection;
  const toGroup: Send = { clientMsgId: 'c1', groupId: '7', body: 'first' };
  const accepted: SendResult = { clientMsgId: 'c1', messageId: 'mine', sentAt: 1, duplicate: false, seq: 1 };
  let handed: ReceivedMessage[];
  let delivery: Delivery;

  beforeEach(() => {
    asked.length = 0;
    handed = [];
    // A gap wait far longer than any test: a message held for it is not handed on here.
    delivery = new Delivery({
      seen: new RecentIds(),
      handOver: async (message) => void handed.push(message),
      me: () => '10001',
      onError: (error) => handed.push({ body: error.message } as ReceivedMessage),
      gapWaitMs: 600_000,
    });
    delivery.loggedIn(connection, () => Promise.resolve([]));
  });

  it("starts the group at 0 when its SEND_ACK names seq 1: the next member's message is handed on without a wait or a SYNC", async () => {
    await delivery.sent(toGroup, Promise.resolve(accepted));
    delivery.receive([inGroup(2)], connection);
    await eventually(() => expect(handed.map((m) => m.seq)).toEqual([2]));
    expect(asked).toEqual([]);
  });

  it("hands on a member's message that came before that SEND_ACK as soon as it comes", async () => {
    let answer!: (result: SendResult) => void;
    const sending = delivery.sent(toGroup, new Promise<SendResult>((resolve) => (answer = resolve)));
    delivery.receive([inGroup(2)], connection);
    await delivery.idle();
    expect(handed).toEqual([]);
    answer(accepted);
    await sending;
    await eventually(() => expect(handed.map((m) => m.seq)).toEqual([2]));
    expect(asked).toEqual([]);
  });
});
