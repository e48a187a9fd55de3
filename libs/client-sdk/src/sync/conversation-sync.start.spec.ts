import { ClientFixture, eventually } from '../testing/client-fixture';
import { fromBob, inGroup, PAIR, seen } from '../testing/conversation-messages';
import { FakeImServer } from '../testing/fake-im-server';

describe('CimClient: where a conversation met after the first login starts', () => {
  let fixture: ClientFixture;
  let server: FakeImServer;

  beforeEach(async () => {
    fixture = await ClientFixture.start(1);
    server = fixture.servers[0];
  });
  afterEach(() => fixture.stop());

  const alice = () => fixture.started('alice');

  it('reads from seq 1 a private pair the first listing did not name: all of it came after', async () => {
    const client = await alice();
    server.history.set(
      PAIR,
      [1, 2, 3].map((seq) => fromBob(seq)),
    );
    server.push(fromBob(3));
    await eventually(() => expect(client.recorder.messages).toHaveLength(3));
    expect(seen(client)).toEqual([1, 2, 3].map((seq) => [PAIR, seq, `bob ${seq}`]));
    expect(server.frames('sync').map((f) => f.sync)).toEqual([{ conversation: PAIR, afterSeq: 0, limit: 2 }]);
  });

  it('reads such a pair from seq 1 in the catch-up after a reconnection too', async () => {
    const client = await alice();
    // Handed on once the first listing is in.
    server.push(inGroup(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.history.set(
      PAIR,
      [1, 2].map((seq) => fromBob(seq)),
    );
    fixture.gateway.conversations = [{ conversation: PAIR, lastSeq: 2 }];
    server.closeAll();
    await eventually(() => expect(client.recorder.reconnected).toHaveLength(1));
    await eventually(() => expect(client.recorder.messages).toHaveLength(3));
    expect(seen(client).slice(1)).toEqual([1, 2].map((seq) => [PAIR, seq, `bob ${seq}`]));
  });

  it('starts a group met after the first login at the lowest seq that came within the wait, in order', async () => {
    const client = await alice();
    server.push(inGroup(5));
    server.push(inGroup(4));
    await eventually(() => expect(client.recorder.messages).toHaveLength(2));
    expect(seen(client).map(([, seq]) => seq)).toEqual([4, 5]);
    server.push(inGroup(6));
    await eventually(() => expect(client.recorder.messages).toHaveLength(3));
    expect(seen(client).map(([, seq]) => seq)).toEqual([4, 5, 6]);
    expect(server.frames('sync')).toEqual([]);
  });

  it('starts a private pair at its first message when the first login could not list conversations', async () => {
    fixture.gateway.conversations = 503;
    const client = await alice();
    server.history.set(
      PAIR,
      [1, 2, 3, 4].map((seq) => fromBob(seq)),
    );
    server.push(fromBob(3));
    await eventually(() => expect(client.recorder.messages).toHaveLength(1));
    server.push(fromBob(4));
    await eventually(() => expect(client.recorder.messages).toHaveLength(2));
    expect(seen(client).map(([, seq]) => seq)).toEqual([3, 4]);
    expect(server.frames('sync')).toEqual([]);
  });
});
