import { ReadReceipt } from '@cim/client-sdk';
import { ErrorCode, Frame } from '@cim/protocol';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { http } from './harness/http';
import { SdkUser } from './harness/sdk-user';

interface Summary {
  conversation: string;
  lastSeq: number;
  readSeq: number;
  unread: number;
}

/** Read pointers, receipts and group readers on real processes: two im-servers, a gateway, Redis, ZooKeeper. */
describe('read state across two im-servers', () => {
  let cluster: Cluster;
  let url: string;
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;
  const pair = (a: string, b: string) => (BigInt(a) < BigInt(b) ? `p:${a}:${b}` : `p:${b}:${a}`);

  beforeAll(async () => {
    cluster = await Cluster.start({
      servers: 2,
      gatewayEnv: { CIM_READ_RECEIPTS_MAX_GROUP: '3' },
      serverEnv: { CIM_IDLE_TIMEOUT_MS: '600000' },
    });
    url = cluster.gatewayUrl;
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  /** An SDK user online, with every READ_STATE it was told. */
  async function reader(name: string): Promise<SdkUser & { reads: ReadReceipt[] }> {
    const reads: ReadReceipt[] = [];
    const user = new SdkUser(url, unique(name), { hooks: { onRead: (read) => void reads.push(read) } });
    await user.online();
    return Object.assign(user, { reads });
  }

  async function summary(user: SdkUser, conversation: string): Promise<Summary | undefined> {
    const answer = await http<{ conversations: Summary[] }>(
      'GET',
      `${url}/api/conversations`,
      undefined,
      user.client.accessToken,
    );
    expect(answer.status).toBe(200);
    return answer.body.conversations.find((c) => c.conversation === conversation);
  }

  const counts = async (user: SdkUser, conversation: string) => {
    const found = await summary(user, conversation);
    return [found?.readSeq, found?.unread];
  };

  it('sends the private peer on the other server a receipt when the reader marks, and clears their unread', async () => {
    const alice = await reader('alice');
    const bob = await reader('bob');
    expect(alice.serverId).not.toBe(bob.serverId);
    const conversation = pair(alice.userId, bob.userId);
    for (const body of ['one', 'two', 'three']) await alice.client.sendPrivate(bob.userId, body);
    await eventually(() => expect(bob.bodies()).toEqual(['one', 'two', 'three']));
    expect(await counts(bob, conversation)).toEqual([0, 3]);

    expect(await bob.client.markRead(conversation, 2)).toBe(2);
    await eventually(() => expect(alice.reads).toEqual([{ conversation, userId: bob.userId, seq: 2 }]));
    expect(await counts(bob, conversation)).toEqual([2, 1]);
    expect(await counts(alice, conversation)).toEqual([0, 0]);

    // Back is no move: the pointer stays, and nobody is told (the next receipt follows the first).
    expect(await bob.client.markRead(conversation, 1)).toBe(2);
    expect(await bob.client.markRead(conversation, 3)).toBe(3);
    await eventually(() => expect(alice.reads.map((r) => r.seq)).toEqual([2, 3]));
    expect(await counts(bob, conversation)).toEqual([3, 0]);
    // The connection that marked has its answers and no READ_STATE besides.
    expect(bob.reads).toEqual([]);
    await Promise.all([alice.client.close(), bob.client.close()]);
  });

  it("tells the reader's own connection of a mark made over HTTP, and the peer", async () => {
    const alice = await reader('alice');
    const bob = await reader('bob');
    const conversation = pair(alice.userId, bob.userId);
    await alice.client.sendPrivate(bob.userId, 'read me');
    await eventually(() => expect(bob.bodies()).toEqual(['read me']));

    const marked = await http(
      'POST',
      `${url}/api/conversations/${conversation}/read`,
      { seq: 1 },
      bob.client.accessToken,
    );
    expect(marked).toEqual({ status: 200, body: { conversation, readSeq: 1 } });
    const receipt = { conversation, userId: bob.userId, seq: 1 };
    await eventually(() => expect(bob.reads).toEqual([receipt]));
    await eventually(() => expect(alice.reads).toEqual([receipt]));
    expect(await counts(bob, conversation)).toEqual([1, 0]);

    const beyond = await http(
      'POST',
      `${url}/api/conversations/${conversation}/read`,
      { seq: 5 },
      bob.client.accessToken,
    );
    expect(beyond).toMatchObject({
      status: 400,
      body: { message: `seq 5 is beyond the last seq of conversation ${conversation} (1)` },
    });
    const negative = await http(
      'POST',
      `${url}/api/conversations/${conversation}/read`,
      { seq: -1 },
      bob.client.accessToken,
    );
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toMatch(/seq must not be less than 0/);
    await Promise.all([alice.client.close(), bob.client.close()]);
  });

  it('answers who has read a group message, for groups within the limit, to members only', async () => {
    const [alice, bob, carol, dave] = await Promise.all(['alice', 'bob', 'carol', 'dave'].map(reader));
    const created = await http<{ id: string }>(
      'POST',
      `${url}/api/groups`,
      { name: 'club', memberIds: [bob.userId, carol.userId] },
      alice.client.accessToken,
    );
    const conversation = `g:${created.body.id}`;
    for (const body of ['first', 'second']) await alice.client.sendToGroup(created.body.id, body);
    await eventually(() => expect(bob.bodies()).toEqual(['first', 'second']));
    expect(await bob.client.markRead(conversation, 2)).toBe(2);
    expect(await carol.client.markRead(conversation, 1)).toBe(1);
    expect(await counts(carol, conversation)).toEqual([1, 1]);

    const readers = (seq: number, user: SdkUser) =>
      http(
        'GET',
        `${url}/api/conversations/${conversation}/readers?seq=${seq}`,
        undefined,
        user.client.accessToken,
      );
    expect((await readers(2, alice)).body).toEqual({
      conversation,
      seq: 2,
      memberCount: 3,
      readers: [{ userId: bob.userId, readSeq: 2 }],
    });
    const ids = [bob.userId, carol.userId].sort((a, b) => Number(a) - Number(b));
    expect(((await readers(1, carol)).body.readers as { userId: string }[]).map((r) => r.userId)).toEqual(
      ids,
    );
    expect(await readers(1, dave)).toMatchObject({
      status: 403,
      body: { message: `you are not part of conversation ${conversation}` },
    });

    await http(
      'POST',
      `${url}/api/groups/${created.body.id}/members`,
      { userIds: [dave.userId] },
      alice.client.accessToken,
    );
    expect(await readers(1, alice)).toMatchObject({
      status: 409,
      body: {
        message: `group ${conversation} has 4 members: readers are answered for groups of at most 3 (CIM_READ_RECEIPTS_MAX_GROUP)`,
      },
    });
    await Promise.all([alice, bob, carol, dave].map((u) => u.client.close()));
  });

  it('answers a MARK_READ it cannot carry out with an ERROR naming the cause, and keeps the connection', async () => {
    const [mallory, alice, bob] = await Promise.all(
      ['mallory', 'alice', 'bob'].map((n) => ChatUser.registered(url, unique(n))),
    );
    await mallory.connect();
    const client = mallory.client!;
    let requestId = 10;
    const mark = async (conversation: string, seq: number): Promise<Frame> => {
      const id = ++requestId;
      client.send({ requestId: id, markRead: { conversation, seq } });
      const answered = (f: Frame) => f.requestId === id;
      return Promise.race([client.next('error', answered), client.next('readState', answered)]);
    };
    const notMine = pair(alice.userId, bob.userId);
    expect((await mark(notMine, 1)).error).toMatchObject({
      code: ErrorCode.NotAMember,
      text: `you are not part of conversation ${notMine}`,
      answers: 'markRead',
    });
    expect((await mark('lobby', 1)).error).toMatchObject({
      code: ErrorCode.BadRequest,
      text: "malformed payload: conversation must be 'group', 'p:<low id>:<high id>' or 'g:<group id>'",
    });
    expect((await mark('group', 2 ** 60)).error).toMatchObject({
      code: ErrorCode.BadRequest,
      text: 'seq is too large',
    });
    const lobby = await mark('group', 0);
    expect(lobby.readState).toMatchObject({ conversation: 'group', userId: mallory.userId });
    expect(client.closed).toBe(false);
    client.close();
  });
});
