import Redis from 'ioredis';
import { ErrorCode, SEND_SEQ_WINDOW } from '@cim/protocol';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { SdkUser } from './harness/sdk-user';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/** Numbered SENDs (LOGIN send_session, SEND send_seq) end to end: what the client sees, what Redis keeps. */
describe('numbered SENDs through a cluster', () => {
  let cluster: Cluster;
  let redis: Redis;
  const keys = async (pattern: string) => (await redis.keys(pattern)).sort();

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    redis = new Redis({ port: cluster.redis.port, lazyConnect: true });
  });

  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });

  it('keeps one small window per SDK client in Redis, not a key per message, and delivers each once', async () => {
    const [alice, bob] = await Promise.all(
      ['alice', 'bob'].map((n) => new SdkUser(cluster.gatewayUrl, unique(n)).online()),
    );
    const count = 3 * SEND_SEQ_WINDOW;
    const bodies = Array.from({ length: count }, (_, i) => `#${i}`);
    const acks = await Promise.all(bodies.map((body) => alice.client.sendPrivate(bob.userId, body)));
    expect(acks.filter((a) => a.duplicate)).toEqual([]);
    await eventually(() => expect(bob.bodies().sort()).toEqual([...bodies].sort()));
    expect(await keys(`*{u:${alice.userId}}:dedup:*`)).toEqual([]);
    const windows = await keys(`*{u:${alice.userId}}:sends:*`);
    expect(windows).toHaveLength(1);
    expect(await redis.hlen(windows[0])).toBeLessThanOrEqual(2 * SEND_SEQ_WINDOW + 1);
    await Promise.all([alice.client.close(), bob.client.close()]);
  });

  it('answers a seq re-sent after a reconnect with the original message id, delivering no other', async () => {
    const bob = await ChatUser.online(cluster.gatewayUrl, unique('bob'));
    const alice = await ChatUser.online(cluster.gatewayUrl, unique('alice'), { sendSession: 'tab-1' });
    const send = (requestId: number, clientMsgId: string, sendSeq: number) =>
      alice.client!.send({ requestId, send: { clientMsgId, receiverId: bob.userId, body: 'once', sendSeq } });
    send(1, 'c-1', 1);
    const first = await alice.client!.next('sendAck', (f) => f.requestId === 1);
    // The same seq again, on a new connection (a reconnect) with the same send session.
    alice.client!.close();
    await alice.connect({ sendSession: 'tab-1' });
    send(2, 'c-1', 1);
    const again = await alice.client!.next('sendAck', (f) => f.requestId === 2);
    expect(again.sendAck).toMatchObject({ messageId: first.sendAck!.messageId, duplicate: true });
    // The first SEND_ACK names the message's seq in the new pair; a duplicate's names none (0).
    expect(Number(first.sendAck!.seq)).toBe(1);
    expect(Number(again.sendAck!.seq ?? 0)).toBe(0);
    // Unacknowledged, the kept message is handed over again; a listener drops a message id it saw.
    await eventually(() => expect(bob.client!.messages().length).toBeGreaterThan(0));
    expect(new Set(bob.client!.messages().map((m) => m.messageId))).toEqual(
      new Set([first.sendAck!.messageId]),
    );
  });

  it('refuses a seq without a send session, and a malformed send session at LOGIN, saying why', async () => {
    const bob = await ChatUser.online(cluster.gatewayUrl, unique('bob'));
    const alice = await ChatUser.online(cluster.gatewayUrl, unique('alice'));
    alice.client!.send({
      requestId: 3,
      send: { clientMsgId: 'c-1', receiverId: bob.userId, body: 'x', sendSeq: 1 },
    });
    const refused = await alice.client!.next('error', (f) => f.requestId === 3);
    expect(refused.error).toMatchObject({
      code: ErrorCode.BadRequest,
      text: expect.stringMatching(/send_session/),
    });
    expect(alice.client!.closed).toBe(false);
    // A SEND without a seq still goes the per-message way.
    alice.client!.send({
      requestId: 4,
      send: { clientMsgId: 'c-2', receiverId: bob.userId, body: 'old way' },
    });
    await alice.client!.next('sendAck', (f) => f.requestId === 4);
    expect(await keys(`*{u:${alice.userId}}:dedup:c-2`)).toHaveLength(1);
    const carol = await ChatUser.registered(cluster.gatewayUrl, unique('carol'));
    await expect(carol.connect({ sendSession: 'has space' })).rejects.toThrow(/send_session must be/);
  });
});
