import { DeliverRequest, ImServerPatterns, SendRequest } from '@cim/protocol';
import { inboxPolicy } from '@cim/config';
import { GatewayError } from '../errors/gateway-error';
import { MessageIdGenerator } from '@cim/protocol';
import { createGatewayFixture } from '../testing/gateway-fixture';
import { privateConversation } from './messages.service';

async function setUp(overrides = {}) {
  const f = await createGatewayFixture(overrides);
  const alice = await f.createUser('alice');
  const bob = await f.createUser('bob');
  return { f, alice, bob, sender: { id: alice, name: 'alice' } };
}

function entriesSent(f: Awaited<ReturnType<typeof setUp>>['f']) {
  return f.servers
    .callsOf(ImServerPatterns.Deliver)
    .map((c) => ({ serverId: c.serverId, ...(c.payload as DeliverRequest) }));
}

describe('MessagesService', () => {
  describe('group messages', () => {
    it('go to every live im-server once, for everyone there but the sender', async () => {
      const { f, alice, sender } = await setUp();
      const accepted = await f.messages.sendGroup(sender, 'hello all');
      expect(accepted).toEqual({ messageId: expect.stringMatching(/^\d{19}$/), sentAt: f.time.now });
      const message = {
        messageId: accepted.messageId,
        seq: 1,
        senderId: alice,
        senderName: 'alice',
        receiverId: '',
        kind: 'group',
        body: 'hello all',
        sentAt: f.time.now,
      };
      expect(entriesSent(f)).toEqual([
        { serverId: 'im-1', entries: [{ message, allExcept: alice }] },
        { serverId: 'im-2', entries: [{ message, allExcept: alice }] },
      ]);
    });

    it('messages of one tick travel to each server in one call, in order, with the group sequence', async () => {
      const { f, sender } = await setUp();
      await Promise.all([f.messages.sendGroup(sender, 'one'), f.messages.sendGroup(sender, 'two')]);
      const calls = entriesSent(f);
      expect(calls).toHaveLength(2);
      expect(calls[0].entries.map((e) => [e.message.body, e.message.seq])).toEqual([
        ['one', 1],
        ['two', 2],
      ]);
    });

    it('are accepted when a server cannot be reached, and kept for nobody', async () => {
      const { f, bob, sender } = await setUp();
      f.servers.fail('im-2');
      const accepted = await f.messages.sendGroup(sender, 'hi');
      expect(accepted).toEqual({ messageId: expect.stringMatching(/^\d{19}$/), sentAt: f.time.now });
      expect(entriesSent(f).map((c) => [c.serverId, c.entries[0].message.messageId])).toEqual([
        ['im-1', accepted.messageId],
        ['im-2', accepted.messageId],
      ]);
      expect(await f.store.inboxSize(bob)).toBe(0);
    });
  });

  describe('private messages', () => {
    it("go to the receiver's im-server when they are online", async () => {
      const { f, bob, sender } = await setUp();
      await f.store.claimOnline({ userId: bob, serverId: 'im-2', sessionId: 's', since: f.time.now });
      const accepted = await f.messages.sendPrivate(sender, bob, 'hi bob');
      expect(accepted.delivery).toBe('online');
      expect(entriesSent(f)).toEqual([
        {
          serverId: 'im-2',
          entries: [
            {
              message: expect.objectContaining({ receiverId: bob, kind: 'private', seq: 1 }),
              userIds: [bob],
            },
          ],
        },
      ]);
    });

    it('go to the inbox of an offline receiver, keeping the private kind', async () => {
      const { f, bob, sender } = await setUp();
      const accepted = await f.messages.sendPrivate(sender, bob, 'later');
      expect(accepted.delivery).toBe('inbox');
      expect(await f.store.openInbox(bob, inboxPolicy(f.env))).toEqual([
        expect.objectContaining({ messageId: accepted.messageId, kind: 'private', body: 'later' }),
      ]);
      expect(entriesSent(f)).toEqual([]);
    });

    it.each([
      [
        'reports the receiver missed',
        (f: Fixture, bob: string) =>
          f.servers.answer('im-1', ImServerPatterns.Deliver, (p) => ({
            delivered: 0,
            missed: [{ messageId: (p as DeliverRequest).entries[0].message.messageId, userId: bob }],
          })),
      ],
      ['cannot be reached', (f: Fixture) => f.servers.fail('im-1')],
    ])("are kept for the next login when the receiver's server %s", async (_case, arrange) => {
      const { f, bob, sender } = await setUp();
      await f.store.claimOnline({ userId: bob, serverId: 'im-1', sessionId: 's', since: f.time.now });
      arrange(f, bob);
      expect((await f.messages.sendPrivate(sender, bob, 'hi')).delivery).toBe('inbox');
      expect(await f.store.unackedSize(bob)).toBe(1);
    });

    it('share one sequence per pair of users, whichever way they go', async () => {
      const { f, alice, bob, sender } = await setUp();
      await f.messages.sendPrivate(sender, bob, 'a');
      await f.messages.sendPrivate({ id: bob, name: 'bob' }, alice, 'b');
      expect((await f.store.openInbox(alice, inboxPolicy(f.env)))[0].seq).toBe(2);
      expect(privateConversation('10002', '9999')).toBe('p:9999:10002');
    });

    it('are refused for an unknown receiver', async () => {
      const { f, sender } = await setUp();
      await expect(f.messages.sendPrivate(sender, '424242', 'hi')).rejects.toThrow(
        new GatewayError('UnknownReceiver', 'user 424242 does not exist'),
      );
    });
  });

  it('refuses an empty body and one longer than the limit in UTF-8 bytes', async () => {
    const { f, bob, sender } = await setUp({ CIM_MAX_BODY_BYTES: '4' });
    await expect(f.messages.sendGroup(sender, '')).rejects.toMatchObject({ code: 'BadRequest' });
    await expect(f.messages.sendPrivate(sender, bob, 'ééé')).rejects.toThrow(
      new GatewayError('BodyTooLarge', 'body must be at most 4 bytes of UTF-8'),
    );
    await expect(f.messages.sendPrivate(sender, bob, 'éé')).resolves.toMatchObject({ delivery: 'inbox' });
    expect(await f.store.openInbox(bob, inboxPolicy(f.env))).toEqual([
      expect.objectContaining({ body: 'éé' }),
    ]);
  });

  describe("clients' SEND frames", () => {
    const send = (alice: string, bob: string, extra: Partial<SendRequest> = {}): SendRequest => ({
      userId: alice,
      userName: 'alice',
      sessionId: 's',
      serverId: 'im-1',
      clientMsgId: 'c1',
      receiverId: bob,
      body: 'hi',
      ...extra,
    });

    it('are delivered once per client message id: a repeat answers the original id, without a seq', async () => {
      const { f, alice, bob } = await setUp();
      const first = await f.messages.send(send(alice, bob));
      expect(first).toEqual({ messageId: expect.any(String), sentAt: f.time.now, duplicate: false, seq: 1 });
      f.time.now += 1000;
      const { seq: _, ...original } = first;
      expect(await f.messages.send(send(alice, bob))).toEqual({ ...original, duplicate: true });
      expect(await f.store.unackedSize(bob)).toBe(1);
      expect(MessageIdGenerator.timeOf(first.messageId)).toBe(first.sentAt);
      // The next message of the pair names the next seq.
      expect(await f.messages.send(send(alice, bob, { clientMsgId: 'c2' }))).toMatchObject({ seq: 2 });
    });

    it('go to the group when group is set', async () => {
      const { f, alice } = await setUp();
      await f.messages.send(send(alice, '', { receiverId: undefined, group: true }));
      expect(entriesSent(f).map((c) => c.entries[0].allExcept)).toEqual([alice, alice]);
    });

    it.each([
      [{ receiverId: undefined }, 'BadRequest'],
      [{ group: true }, 'BadRequest'],
      [{ clientMsgId: '' }, 'BadRequest'],
      [{ body: 7 as unknown as string }, 'BadRequest'],
      [{ body: 'x'.repeat(5000) }, 'BodyTooLarge'],
      [{ receiverId: '55555' }, 'UnknownReceiver'],
      [{ receiverId: 'next-id' }, 'BadRequest'],
      [{ receiverId: '{cim}:1' }, 'BadRequest'],
    ])('are refused with an ErrorCode: %p', async (change, code) => {
      const { f, alice, bob } = await setUp();
      await expect(f.messages.send(send(alice, bob, change))).rejects.toMatchObject({ code });
    });
  });
});

describe('MessagesService and several devices', () => {
  /** Bob on a phone (im-1) and a laptop (im-2); Alice on a phone (im-1, sending) and a tablet (im-2). */
  async function devices() {
    const { f, alice, bob } = await setUp();
    const online = (userId: string, deviceId: string, serverId: string) =>
      f.store.claimOnline({
        userId,
        deviceId,
        serverId,
        sessionId: `${userId}-${deviceId}`,
        since: f.time.now,
      });
    await online(bob, 'phone', 'im-1');
    await online(bob, 'laptop', 'im-2');
    await online(alice, 'phone', 'im-1');
    await online(alice, 'tablet', 'im-2');
    const send = (body: object): SendRequest => ({
      userId: alice,
      userName: 'alice',
      sessionId: `${alice}-phone`,
      serverId: 'im-1',
      deviceId: 'phone',
      deviceKind: 'mobile',
      clientMsgId: `c-${Math.random()}`,
      body: 'hi',
      ...body,
    });
    return { f, alice, bob, send };
  }

  it("reach each of the receiver's servers once, and the sender's other devices, naming the sending device", async () => {
    const { f, alice, bob, send } = await devices();
    const reply = await f.messages.send(send({ receiverId: bob }));
    const sent = entriesSent(f).flatMap((c) => c.entries.map((e) => ({ serverId: c.serverId, ...e })));
    const message = expect.objectContaining({
      messageId: reply.messageId,
      senderId: alice,
      receiverId: bob,
      senderDeviceId: 'phone',
      senderDeviceKind: 'mobile',
    });
    expect(sent).toEqual(
      expect.arrayContaining([
        { serverId: 'im-1', message, userIds: [bob] },
        { serverId: 'im-2', message, userIds: [bob] },
        { serverId: 'im-2', message, userIds: [alice], skipSession: `${alice}-phone` },
      ]),
    );
    // No other device of Alice's is on im-1, where she sent from: nothing more goes there for her.
    expect(sent).toHaveLength(3);
  });

  it("leave only the sending device out of the lobby: the sender's other devices get it", async () => {
    const { f, alice, send } = await devices();
    await f.messages.send(send({ group: true }));
    const entries = entriesSent(f).flatMap((c) => c.entries);
    expect(entries.map((e) => [e.allExcept, e.exceptSession])).toEqual([
      [alice, `${alice}-phone`],
      [alice, `${alice}-phone`],
    ]);
  });

  it('accept a SEND from any current device of the sender, and refuse one from a device that left', async () => {
    const { f, alice, bob, send } = await devices();
    const fromTablet = send({ receiverId: bob, sessionId: `${alice}-tablet`, serverId: 'im-2' });
    const gone = send({ receiverId: bob, sessionId: `${alice}-watch`, serverId: 'im-2' });
    const { results } = await f.sendBatch.send([fromTablet, gone]);
    expect(results[0]).toMatchObject({ reply: { duplicate: false } });
    expect(results[1]).toMatchObject({ failure: { code: 'NotLoggedIn' } });
  });
});

type Fixture = Awaited<ReturnType<typeof createGatewayFixture>>;
