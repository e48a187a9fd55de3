import { ErrorCode, MessageKind } from '@cim/protocol';
import { chatMessage, ClientFixture, eventually } from '../testing/client-fixture';
import { fromBob, inGroup, PAIR, seen } from '../testing/conversation-messages';
import { FakeImServer } from '../testing/fake-im-server';

describe('CimClient: each conversation in seq order, without gaps', () => {
  let fixture: ClientFixture;
  let server: FakeImServer;

  beforeEach(async () => {
    fixture = await ClientFixture.start(1);
    server = fixture.servers[0];
  });
  afterEach(() => fixture.stop());

  const alice = () => fixture.started('alice');

  it('reads a gap with SYNC before handing on the message after it, and hands each message once', async () => {
    const client = await alice();
    const kept = [1, 2, 3, 4].map((seq) => fromBob(seq));
    server.history.set(PAIR, kept);
    server.push(kept[0]);
    server.push(kept[3]);
    await eventually(() => expect(client.recorder.messages).toHaveLength(4));
    expect(seen(client)).toEqual([1, 2, 3, 4].map((seq) => [PAIR, seq, `bob ${seq}`]));
    expect(server.frames('sync').map((f) => f.sync)).toEqual([{ conversation: PAIR, afterSeq: 1, limit: 2 }]);
    // The private messages read by SYNC are acknowledged, so that the next login does not bring them.
    const acked = () => server.frames('deliveryAck').flatMap((f) => f.deliveryAck!.messageIds);
    await eventually(() => expect(acked()).toEqual(expect.arrayContaining(kept.map((m) => m.messageId))));
    server.push(kept[2]);
    server.push(fromBob(5));
    await eventually(() => expect(client.recorder.messages).toHaveLength(5));
    expect(client.recorder.messages.at(-1)!.seq).toBe(5);
  });

  it('hands on in seq order, without SYNC, messages that arrive out of order within the wait', async () => {
    const client = await alice();
    server.push(fromBob(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.push(fromBob(4));
    server.push(fromBob(3));
    server.push(fromBob(2));
    await eventually(() => expect(client.recorder.messages).toHaveLength(4));
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 2, 3, 4]);
    expect(server.frames('sync')).toEqual([]);
    // Each frame is acknowledged once its message was handed on.
    const acked = () => server.frames('deliveryAck').flatMap((f) => f.deliveryAck!.messageIds);
    await eventually(() => expect(acked().sort()).toEqual(['p1', 'p2', 'p3', 'p4']));
  });

  it('passes over its own sends that a SYNC brings back, and waits for their SEND_ACK before reading', async () => {
    const client = await alice();
    server.push(fromBob(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    // The gateway keeps alice's message as seq 2 (id m1, as the fake acknowledges it), but its first
    // answer is UNAVAILABLE: the SEND_ACK comes only when the client writes it again, 250 ms later.
    const mine = chatMessage({
      messageId: 'm1',
      seq: 2,
      senderId: '10001',
      receiverId: '10002',
      body: 'mine',
    });
    server.history.set(PAIR, [fromBob(1), mine, fromBob(3)]);
    let answers = 0;
    server.sendAnswer = () => (answers++ ? 'ack' : { code: ErrorCode.Unavailable, text: 'try again' });
    const sending = client.sendPrivate('10002', 'mine');
    await eventually(() => expect(server.frames('send')).toHaveLength(1));
    server.push(fromBob(3));
    expect(await sending).toMatchObject({ messageId: 'm1' });
    await eventually(() => expect(client.recorder.messages).toHaveLength(2));
    expect(seen(client)).toEqual([
      [PAIR, 1, 'bob 1'],
      [PAIR, 3, 'bob 3'],
    ]);
    const [sync] = server.received.filter((r) => r.frame.sync);
    const [, ack] = server.received.filter((r) => r.frame.send);
    expect(server.received.indexOf(sync)).toBeGreaterThan(server.received.indexOf(ack));
  });

  it('starts each conversation listed at the first login at its last seq, and still hands on an older unacknowledged message', async () => {
    fixture.gateway.conversations = [
      { conversation: PAIR, lastSeq: 10 },
      { conversation: 'g:7', lastSeq: 4 },
      { conversation: 'group', lastSeq: 99 },
    ];
    server.afterLogin = () => [{ messages: { messages: [fromBob(8, { kind: MessageKind.Offline })] } }];
    const client = await alice();
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.push(
      inGroup(5),
      fromBob(11),
      chatMessage({ seq: 100, kind: MessageKind.Group, receiverId: '', body: 'lobby' }),
    );
    await eventually(() => expect(client.recorder.messages).toHaveLength(4));
    expect(seen(client)).toEqual([
      [PAIR, 8, 'bob 8'],
      ['g:7', 5, 'club 5'],
      [PAIR, 11, 'bob 11'],
      ['group', 100, 'lobby'],
    ]);
    expect(server.frames('sync')).toEqual([]);
  });

  it('after a reconnect, reads what each conversation it knows said meanwhile, before what comes later', async () => {
    const client = await alice();
    server.push(fromBob(1), inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(2));
    const missed = [2, 3].map((seq) => inGroup(seq));
    server.history.set('g:7', [inGroup(1), ...missed]);
    fixture.gateway.conversations = [
      { conversation: PAIR, lastSeq: 1 },
      { conversation: 'g:7', lastSeq: 3 },
      { conversation: 'g:8', lastSeq: 6 },
    ];
    server.closeAll();
    await eventually(() => expect(client.recorder.reconnected).toHaveLength(1));
    server.push(inGroup(4), inGroup(7, { groupId: '8' }));
    await eventually(() => expect(client.recorder.messages).toHaveLength(6));
    expect(seen(client).slice(2)).toEqual(
      [
        ['g:7', 2, 'club 2'],
        ['g:7', 3, 'club 3'],
        ['g:7', 4, 'club 4'],
      ].concat([['g:8', 7, 'club 7']]),
    );
    // Only the conversation whose last seq moved was read; g:8 started at its listed seq.
    expect(server.frames('sync').map((f) => f.sync!.conversation)).toEqual(['g:7']);
  });

  it('reads every conversation it knows to its end when the gateway cannot list them', async () => {
    const client = await alice();
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.history.set(
      'g:7',
      [1, 2, 3].map((seq) => inGroup(seq)),
    );
    fixture.gateway.conversations = 503;
    server.closeAll();
    await eventually(() => expect(client.recorder.messages).toHaveLength(3));
    expect(client.recorder.errors.map((e) => e.message)).toEqual([
      'could not list conversations: 503: conversations unavailable',
    ]);
  });

  it('hands on what the history still keeps when the start of a gap is past its limits', async () => {
    const client = await alice();
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.history.set(
      'g:7',
      [4, 5, 6].map((seq) => inGroup(seq)),
    );
    server.push(inGroup(6));
    await eventually(() => expect(client.recorder.messages).toHaveLength(4));
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 4, 5, 6]);
    server.push(inGroup(6), inGroup(7));
    await eventually(() => expect(client.recorder.messages).toHaveLength(5));
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 4, 5, 6, 7]);
  });

  it('hands on a held message once when the history ends below it (the sequence started again), with one SYNC', async () => {
    const client = await alice();
    server.push(fromBob(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    // The store lost its data: the pair's history is empty and its last seq 0.
    server.push(fromBob(3));
    await eventually(() => expect(client.recorder.messages).toHaveLength(2));
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 3]);
    server.push(fromBob(4));
    await eventually(() => expect(client.recorder.messages).toHaveLength(3));
    expect(server.frames('sync').map((f) => f.sync)).toEqual([{ conversation: PAIR, afterSeq: 1, limit: 1 }]);
  });

  it('reports a SYNC the server refuses and hands the message on, the gap left', async () => {
    const client = await alice();
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.syncAnswer = () => ({ code: ErrorCode.NotAMember, text: 'you are not part of conversation g:7' });
    server.push(inGroup(3));
    await eventually(() => expect(client.recorder.messages).toHaveLength(2));
    expect(client.recorder.errors.map((e) => e.message)).toEqual([
      'could not sync g:7 after seq 1: NotAMember: you are not part of conversation g:7',
    ]);
  });

  it('asks again a SYNC answered UNAVAILABLE, and fills the gap', async () => {
    const client = await alice();
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.history.set(
      'g:7',
      [1, 2, 3].map((seq) => inGroup(seq)),
    );
    let answers = 0;
    server.syncAnswer = () => (answers++ ? 'history' : { code: ErrorCode.Unavailable, text: 'gateway slow' });
    server.push(inGroup(3));
    await eventually(() => expect(client.recorder.messages).toHaveLength(3));
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 2, 3]);
    expect(server.frames('sync')).toHaveLength(2);
    expect(client.recorder.errors).toEqual([]);
  });

  it('reads the gap on the new connection when the ledger brings a held private message again', async () => {
    const client = await alice();
    server.push(fromBob(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    // No listing names the pair: only the ledger's copy can bring the message back.
    server.history.set(
      PAIR,
      [1, 2, 3].map((seq) => fromBob(seq)),
    );
    server.afterLogin = () => [{ messages: { messages: [fromBob(3, { kind: MessageKind.Offline })] } }];
    // Held past the gap (a lobby message behind it says so), and the connection lost before the gap is
    // read, 500 ms later.
    server.push(fromBob(3), chatMessage({ seq: 50, kind: MessageKind.Group, receiverId: '', body: 'lobby' }));
    await eventually(() => expect(client.recorder.messages).toHaveLength(2));
    server.closeAll();
    await eventually(() => expect(client.recorder.messages).toHaveLength(4));
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 50, 2, 3]);
    const ackedOn = (socket: unknown) =>
      server.received
        .filter((r) => r.socket === socket && r.frame.deliveryAck)
        .flatMap((r) => r.frame.deliveryAck!.messageIds);
    const latest = server.received.at(-1)!.socket;
    await eventually(() => expect(ackedOn(latest)).toEqual(expect.arrayContaining(['p2', 'p3'])));
  });

  it('leaves a message whose gap could not be read to the catch-up after the next login', async () => {
    const client = await alice();
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.syncAnswer = () => 'silent';
    server.push(inGroup(3));
    await eventually(() => expect(server.frames('sync')).toHaveLength(1));
    server.syncAnswer = () => 'history';
    server.history.set(
      'g:7',
      [1, 2, 3].map((seq) => inGroup(seq)),
    );
    fixture.gateway.conversations = [{ conversation: 'g:7', lastSeq: 3 }];
    server.closeAll();
    await eventually(() => expect(client.recorder.messages).toHaveLength(3));
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 2, 3]);
  });
});
