import { ErrorCode } from '@cim/protocol';
import { ClientFixture, eventually } from '../testing/client-fixture';
import { fromBob, inGroup, PAIR, seen } from '../testing/conversation-messages';
import { FakeImServer } from '../testing/fake-im-server';

/** Long enough for a few SYNCs asked again after growing pauses, on a loaded machine. */
const RETRIED_WITHIN_MS = 15_000;

describe('CimClient: a SYNC that fails passes over nothing', () => {
  let fixture: ClientFixture;
  let server: FakeImServer;

  beforeEach(async () => {
    fixture = await ClientFixture.start(1);
    server = fixture.servers[0];
  });
  afterEach(() => fixture.stop());

  const alice = () => fixture.started('alice');

  /** The server answers the first `failures` SYNCs with ERROR `code`, the later ones from its history. */
  function failSyncs(failures: number, code: ErrorCode): void {
    let answers = 0;
    server.syncAnswer = () => (answers++ < failures ? { code, text: 'not now' } : 'history');
  }

  it.each([
    ['NOT_LOGGED_IN', ErrorCode.NotLoggedIn],
    ['STORE_RESET', ErrorCode.StoreReset],
  ])(
    'keeps the held messages and the cursor when a SYNC fails (%s), and reads the gap again after a pause',
    async (_, code) => {
      const client = await alice();
      server.push(fromBob(1));
      await eventually(() => expect(client.recorder.messages).toHaveLength(1));
      server.history.set(
        PAIR,
        [1, 2, 3, 4, 5].map((seq) => fromBob(seq)),
      );
      failSyncs(2, code);
      server.push(fromBob(4));
      await eventually(() => expect(server.frames('sync')).toHaveLength(1));
      server.push(fromBob(5));
      await eventually(() => expect(client.recorder.messages).toHaveLength(5), RETRIED_WITHIN_MS);
      expect(seen(client)).toEqual([1, 2, 3, 4, 5].map((seq) => [PAIR, seq, `bob ${seq}`]));
      expect(server.frames('sync').map((f) => f.sync)).toEqual(
        Array(3).fill({ conversation: PAIR, afterSeq: 1, limit: 2 }),
      );
      // One report for the failures in a row, none once the gap was read.
      expect(client.recorder.errors.map((e) => e.message)).toEqual([
        `could not sync ${PAIR} after seq 1, trying again: ${ErrorCode[code]}: not now`,
      ]);
      const acked = () => server.frames('deliveryAck').flatMap((f) => f.deliveryAck!.messageIds);
      await eventually(() => expect(acked()).toEqual(expect.arrayContaining(['p2', 'p3', 'p4', 'p5'])));
    },
  );

  it('keeps the cursor when the catch-up after a reconnection cannot read a conversation, and holds what comes later until it can', async () => {
    const client = await alice();
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.history.set(
      'g:7',
      [1, 2, 3, 4].map((seq) => inGroup(seq)),
    );
    fixture.gateway.conversations = [{ conversation: 'g:7', lastSeq: 3 }];
    failSyncs(1, ErrorCode.StoreReset);
    server.closeAll();
    await eventually(() => expect(client.recorder.reconnected).toHaveLength(1));
    server.push(inGroup(4));
    await eventually(() => expect(client.recorder.messages).toHaveLength(4), RETRIED_WITHIN_MS);
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 2, 3, 4]);
    expect(server.frames('sync').map((f) => f.sync!.afterSeq)).toEqual([1, 1]);
  });

  it('takes a SYNC unanswered past its deadline for a failed one: the other conversations go on, the gap is read again on the same connection', async () => {
    const client = await fixture.started('alice', { requestTimeoutMs: 300 });
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.syncAnswer = () => 'silent';
    server.push(inGroup(3));
    await eventually(() => expect(server.frames('sync')).toHaveLength(1));
    server.push(fromBob(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(2), RETRIED_WITHIN_MS);
    expect(client.recorder.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^could not sync g:7 after seq 1, trying again: no answer from .* within 300 ms$/,
      ),
    ]);
    server.history.set(
      'g:7',
      [1, 2, 3].map((seq) => inGroup(seq)),
    );
    server.syncAnswer = () => 'history';
    await eventually(() => expect(client.recorder.messages).toHaveLength(4), RETRIED_WITHIN_MS);
    expect(seen(client)).toEqual([
      ['g:7', 1, 'club 1'],
      [PAIR, 1, 'bob 1'],
      ['g:7', 2, 'club 2'],
      ['g:7', 3, 'club 3'],
    ]);
    expect(client.recorder.reconnected).toEqual([]);
    expect(fixture.gateway.paths('POST', '/api/login')).toHaveLength(1);
    expect(new Set(server.received.filter((r) => r.frame.sync).map((r) => r.socket)).size).toBe(1);
  });

  it('leaves the gap to the next login when the connection ends between two tries', async () => {
    const client = await alice();
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    failSyncs(1, ErrorCode.NotLoggedIn);
    server.push(inGroup(3));
    await eventually(() => expect(server.frames('sync')).toHaveLength(1));
    server.history.set(
      'g:7',
      [1, 2, 3].map((seq) => inGroup(seq)),
    );
    fixture.gateway.conversations = [{ conversation: 'g:7', lastSeq: 3 }];
    server.closeAll();
    await eventually(() => expect(client.recorder.messages).toHaveLength(3), RETRIED_WITHIN_MS);
    expect(seen(client).map(([, seq]) => seq)).toEqual([1, 2, 3]);
  });
});
