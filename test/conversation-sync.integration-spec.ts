import { CimServerError, ErrorCode, SendResult } from '@cim/client-sdk';
import { Frame, MessageKind } from '@cim/protocol';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { expectedIn, pairOf, readHistory, receivedIn } from './harness/conversation-check';
import { CuttableCarrier } from './harness/cuttable-carrier';
import { eventually } from './harness/eventually';
import { http } from './harness/http';
import { SdkUser } from './harness/sdk-user';

/**
 * Sync by sequence on real processes (two im-servers, a route-gateway, Redis, ZooKeeper): an SDK client
 * cut off from the network while its group talks comes back and gets what it missed, in order, once;
 * the SYNC frame on the wire; history pages and retention limits.
 */
describe('conversations synced by seq across two im-servers', () => {
  let cluster: Cluster;
  let url: string;
  const clients: SdkUser[] = [];
  const carriers = new Map<SdkUser, CuttableCarrier>();
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    // The raw clients send no PING: a long idle timeout keeps them connected on a slow machine.
    cluster = await Cluster.start({ servers: 2, serverEnv: { CIM_IDLE_TIMEOUT_MS: '600000' } });
    url = cluster.gatewayUrl;
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.client.close()));
    await cluster?.stop();
  });

  /** SDK users online one after the other (so alternately on im-1 and im-2); `cut` ones can be taken off the network. */
  async function online(...names: string[]): Promise<SdkUser[]> {
    const users: SdkUser[] = [];
    for (const name of names) {
      const carrier = new CuttableCarrier();
      const user = new SdkUser(url, unique(name), {
        carrier,
        loginRetries: 1000,
        backoff: { initialDelayMs: 50, maxDelayMs: 250 },
      });
      clients.push(user);
      carriers.set(user, carrier);
      users.push(await user.online());
    }
    return users;
  }

  const carrierOf = (user: SdkUser) => carriers.get(user)!;

  async function createGroup(owner: SdkUser, members: SdkUser[]): Promise<string> {
    const created = await http<{ id: string }>(
      'POST',
      `${url}/api/groups`,
      { name: 'club', memberIds: members.map((m) => m.userId) },
      owner.client.accessToken,
    );
    expect(created.status).toBe(201);
    return created.body.id;
  }

  const bodiesIn = (user: SdkUser, conversation: string) =>
    user.messages.filter((m) => m.conversation === conversation).map((m) => m.body);

  it('brings a member who was offline while the group talked up to date by sync: in seq order, each message once', async () => {
    const [alice, bob, carol] = await online('alice', 'bob', 'carol');
    expect(new Set([alice, bob, carol].map((u) => u.serverId))).toEqual(new Set(['im-1', 'im-2']));
    const groupId = await createGroup(alice, [bob, carol]);
    const conversation = `g:${groupId}`;
    await alice.client.sendToGroup(groupId, 'before');
    await eventually(() => expect(bodiesIn(carol, conversation)).toEqual(['before']));

    carrierOf(carol).cut();
    await eventually(() => expect(carol.client.state).toBe('reconnecting'));
    const sent: SendResult[] = [];
    for (let k = 0; k < 10; k++) {
      for (const user of [alice, bob]) sent.push(await user.client.sendToGroup(groupId, `${user.name} ${k}`));
    }
    await eventually(() => expect(bodiesIn(bob, conversation)).toHaveLength(11));
    expect(bodiesIn(carol, conversation)).toEqual(['before']);

    carrierOf(carol).restore();
    await eventually(() => expect(bodiesIn(carol, conversation)).toHaveLength(21), 30_000);
    const kept = await readHistory(url, alice.client.accessToken!, conversation);
    expect(kept.map((m) => m.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(carol.messages.filter((m) => m.conversation === conversation).map((m) => m.seq)).toEqual(
      kept.map((m) => m.seq),
    );
    // Alice and bob each got the other's messages in order, once, and none of their own. The group's
    // seq 1 is alice's own: her SEND_ACK names it, so her SDK starts the group at 0 and owes her all of bob's.
    await eventually(() => {
      for (const user of [alice, bob, carol])
        expect(receivedIn(user, conversation)).toEqual(expectedIn(user, kept));
    });
    for (const user of [alice, bob])
      expect(user.messages.filter((m) => m.senderId === user.userId)).toEqual([]);

    await bob.client.sendToGroup(groupId, 'welcome back');
    await eventually(() => expect(bodiesIn(carol, conversation).at(-1)).toBe('welcome back'));
    expect(carol.messages.at(-1)!.seq).toBe(22);
  });

  it('gives a member removed while offline nothing the group said after, and refuses her sends', async () => {
    const [alice, carol] = await online('alice', 'carol');
    const groupId = await createGroup(alice, [carol]);
    const conversation = `g:${groupId}`;
    await alice.client.sendToGroup(groupId, 'before');
    await eventually(() => expect(bodiesIn(carol, conversation)).toEqual(['before']));

    carrierOf(carol).cut();
    await eventually(() => expect(carol.client.state).toBe('reconnecting'));
    const removed = await http(
      'DELETE',
      `${url}/api/groups/${groupId}/members/${carol.userId}`,
      undefined,
      alice.client.accessToken,
    );
    expect(removed.status).toBe(204);
    await alice.client.sendToGroup(groupId, 'after removal');
    carrierOf(carol).restore();
    // A private message sent once she is back is the marker: her catch-up came before it.
    await eventually(() => expect(carol.client.state).toBe('ready'), 30_000);
    await alice.client.sendPrivate(carol.userId, 'marker');
    await eventually(() => expect(carol.bodies()).toContain('marker'));
    expect(bodiesIn(carol, conversation)).toEqual(['before']);
    const refused = await carol.client.sendToGroup(groupId, 'let me in').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CimServerError);
    expect(refused).toMatchObject({ code: ErrorCode.NotAMember });
  });

  let request = 1000;
  /** A SYNC on the raw connection; answers its SYNC_BATCH or ERROR. */
  async function sync(
    user: ChatUser,
    conversation: string,
    afterSeq: number,
    limit?: number,
  ): Promise<Frame> {
    const requestId = ++request;
    user.client!.send({ requestId, sync: { conversation, afterSeq, limit } });
    const answered = (f: Frame) => f.requestId === requestId;
    return Promise.race([user.client!.next('syncBatch', answered), user.client!.next('error', answered)]);
  }
  const seqs = (frame: Frame) => frame.syncBatch!.messages.map((m) => Number(m.seq));

  it('answers SYNC on the wire: pages a conversation after a seq, says whether more follow, and refuses an outsider without closing', async () => {
    const [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((n) => ChatUser.online(url, unique(n))),
    );
    for (let k = 1; k <= 12; k++) expect((await alice.sendPrivate(bob.userId, `m${k}`)).status).toBe(202);
    const conversation = pairOf(alice.userId, bob.userId);

    const first = await sync(bob, conversation, 0, 5);
    expect(seqs(first)).toEqual([1, 2, 3, 4, 5]);
    expect(first.syncBatch).toMatchObject({ conversation, lastSeq: 12, more: true });
    expect(first.syncBatch!.messages[0]).toMatchObject({
      senderId: alice.userId,
      receiverId: bob.userId,
      kind: MessageKind.Private,
      body: 'm1',
    });
    const rest = await sync(bob, conversation, 10);
    expect([seqs(rest), rest.syncBatch!.more]).toEqual([[11, 12], false]);

    const outsider = await sync(carol, conversation, 0);
    expect(outsider.error).toMatchObject({
      code: ErrorCode.NotAMember,
      text: `you are not part of conversation ${conversation}`,
      answers: 'sync',
    });
    expect((await sync(bob, conversation, 0, 201)).error).toMatchObject({
      code: ErrorCode.BadRequest,
      text: 'limit must be at most 200',
    });
    expect((await sync(bob, 'x:1', 0)).error).toMatchObject({ code: ErrorCode.BadRequest });
    expect((await sync(bob, 'g:999999', 0)).error).toMatchObject({ code: ErrorCode.NotAMember });
    // None of these closed a connection: both still answer.
    expect(seqs(await sync(carol, 'group', 0, 1)).length).toBeLessThanOrEqual(1);
    expect(seqs(await sync(alice, conversation, 11))).toEqual([12]);

    // The same history over HTTP, by seq from either end.
    const page = async (query: string) =>
      (
        await http<{ messages: { seq: number }[]; lastSeq: number }>(
          'GET',
          `${url}/api/conversations/${conversation}/messages?${query}`,
          undefined,
          bob.token,
        )
      ).body;
    expect((await page('after=3&limit=4')).messages.map((m) => m.seq)).toEqual([4, 5, 6, 7]);
    expect((await page('before=12&limit=3')).messages.map((m) => m.seq)).toEqual([9, 10, 11]);
    expect((await page('limit=200')).lastSeq).toBe(12);
    await Promise.all([alice, bob, carol].map((u) => u.logout()));
  });

  it('keeps at most CIM_HISTORY_MAX_MESSAGES of a conversation and none older than CIM_HISTORY_TTL_MS', async () => {
    // A gateway of its own with small limits: a message is kept under the limits of the gateway that accepted it.
    await cluster.addGateway({ CIM_HISTORY_MAX_MESSAGES: '8', CIM_HISTORY_TTL_MS: '8000' });
    const small = cluster.gatewayUrls.at(-1)!;
    const [alice, bob, carol] = await Promise.all(
      ['alice', 'bob', 'carol'].map((n) => ChatUser.online(small, unique(n))),
    );
    for (let k = 1; k <= 12; k++) expect((await alice.sendPrivate(bob.userId, `m${k}`)).status).toBe(202);
    const conversation = pairOf(alice.userId, bob.userId);
    const history = async (id: string) => {
      const answer = await http<{ messages: { seq: number; body: string }[]; lastSeq: number }>(
        'GET',
        `${small}/api/conversations/${id}/messages?after=0&limit=200`,
        undefined,
        alice.token,
      );
      return answer.body;
    };
    const counted = await history(conversation);
    expect(counted.messages.map((m) => m.seq)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    expect(counted.lastSeq).toBe(12);
    // A SYNC from 0 starts where the history does.
    bob.client!.send({ requestId: 7, sync: { conversation, afterSeq: 0 } });
    const batch = await bob.client!.next('syncBatch', (f) => f.requestId === 7);
    expect(batch.syncBatch!.messages.map((m) => Number(m.seq))).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);

    // Once the conversation is silent for the TTL its history is gone; its sequence goes on.
    await eventually(async () => expect((await history(conversation)).messages).toEqual([]), 30_000, 500);
    expect((await history(conversation)).lastSeq).toBe(12);

    // In a conversation that keeps talking, a message leaves once it is older than the TTL.
    const other = pairOf(alice.userId, carol.userId);
    await alice.sendPrivate(carol.userId, 'old');
    let k = 0;
    await eventually(
      async () => {
        await alice.sendPrivate(carol.userId, `newer ${++k}`);
        const bodies = (await history(other)).messages.map((m) => m.body);
        expect(bodies).not.toContain('old');
        expect(bodies.at(-1)).toBe(`newer ${k}`);
      },
      30_000,
      2000,
    );
    await Promise.all([alice, bob, carol].map((u) => u.logout()));
  });
});
