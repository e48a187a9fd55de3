import { freePort } from '@cim/local-cluster';
import { FakeAnswer, FakeZooKeeper, frame, handshake, replyHeader } from '../testing/fake-zookeeper';
import { eventually } from '../testing/watch-recorder';
import { ZK, ZooKeeperError } from './zookeeper-codes';
import { SessionEnd, ZooKeeperSession } from './zookeeper-session';

/** ZooKeeperSession against a fake server on a loopback port that answers as each test says. */
describe('ZooKeeperSession against a server that does not speak ZooKeeper', () => {
  let fake: FakeZooKeeper;
  let session: ZooKeeperSession | undefined;
  const ended: SessionEnd[] = [];
  const dropped: string[] = [];

  async function start(answer: FakeAnswer, sessionTimeoutMs: number): Promise<ZooKeeperSession> {
    fake = await FakeZooKeeper.start(await freePort(), answer);
    session = new ZooKeeperSession(
      { connect: fake.connectString, sessionTimeoutMs },
      {
        connected: () => undefined,
        disconnected: () => undefined,
        ended: (_, why) => ended.push(why),
        unanswered: (_, why) => dropped.push(why),
      },
    );
    return session;
  }

  afterEach(async () => {
    await session?.close();
    session = undefined;
    ended.length = dropped.length = 0;
    await fake?.close();
  });

  it('drops a connection whose packet cannot be decoded, and connects again', async () => {
    const client = await start(() => frame(Buffer.from([1, 2, 3, 4])), 30_000);
    await eventually(() => fake.connections >= 3, 'three connections', 20_000);
    expect(client.isConnected).toBe(false);
    expect(ended).toEqual([]);
  });

  it('drops a connection that announces a packet of impossible length', async () => {
    for (const length of [-1, 0x7fffffff]) {
      const head = Buffer.alloc(4);
      head.writeInt32BE(length);
      await start(() => head, 30_000);
      await eventually(() => fake.connections >= 2, 'two connections', 20_000);
      await session?.close();
      await fake.close();
    }
  });

  it('drops a handshake that grants a session timeout far beyond the one asked for', async () => {
    const client = await start(() => handshake(20 * 1500 + 1), 1500);
    await eventually(() => fake.connections >= 3, 'three connections', 20_000);
    expect(client.isConnected).toBe(false);
    expect(client.timeoutMs).toBe(1500);
  });

  it('fails a call whose answer cannot be decoded with a connection loss, and connects again', async () => {
    // The handshake, then a reply with a result code no ZooKeeper has.
    const client = await start(
      (packet, index) => (index === 0 ? handshake(30_000) : replyHeader(packet.readInt32BE(4), -999)),
      30_000,
    );
    await eventually(() => client.isConnected, 'connecting');
    const failure = await client.create('/a', '', ZK.PERSISTENT).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ZooKeeperError);
    expect((failure as ZooKeeperError).code).toBe(ZK.CONNECTION_LOSS);
    await eventually(() => fake.connections === 2, 'a second connection');
    await eventually(() => client.isConnected, 'connecting');
    expect(client.id).toBe('0000000000000001');
  });

  it('drops a connection that never answers the handshake, and keeps trying in the same session', async () => {
    const client = await start(() => undefined, 1500);
    await eventually(() => fake.connections >= 3, 'three connections', 20_000);
    expect(dropped.length).toBeGreaterThanOrEqual(2);
    expect(dropped[0]).toMatch(/^no handshake within \d+ ms$/);
    expect(client.isConnected).toBe(false);
    expect(ended).toEqual([]);
  });

  it('drops a connection whose questions go unanswered, and ends the session once it stayed down', async () => {
    // Only the first connection gets its handshake answered.
    const answer: FakeAnswer = (_, index, connection) =>
      index === 0 && connection === 0 ? handshake(1500) : undefined;
    const client = await start(answer, 1500);
    await eventually(() => dropped.includes('no answer within 1000 ms'), 'the drop', 20_000);
    await eventually(() => ended.length > 0, 'the end', 20_000);
    expect(ended).toEqual(['lost']);
    expect(client.isConnected).toBe(false);
    // Ended for good: its last attempt is closed and no other is made.
    await eventually(() => fake.open === 0, 'no connection left');
  });

  it('closes, when not connected, without leaving a connection open', async () => {
    const client = await start(() => undefined, 30_000);
    await eventually(() => fake.open === 1, 'an attempt');
    await client.close();
    expect(ended).toEqual(['closed']);
    await eventually(() => fake.open === 0, 'no connection left');
  });
});
