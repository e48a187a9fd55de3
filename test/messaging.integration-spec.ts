import { ErrorCode, MessageKind } from '@cim/protocol';
import { ChatUser, PASSWORD } from './harness/chat-user';
import { Cluster, REDIS_TOPOLOGIES } from './harness/cluster';
import { http } from './harness/http';

/** Register, login, chat and logout across two im-servers, through HTTP and raw frames. */
describe.each(REDIS_TOPOLOGIES)('messaging across two im-servers, on %s', (redis) => {
  let cluster: Cluster;
  let url: string;
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2, redis });
    url = cluster.gatewayUrl;
  });

  afterAll(() => cluster?.stop());

  it('registers a user, and refuses the same name twice', async () => {
    const name = unique('reg');
    const first = await http('POST', `${url}/api/users`, { name, password: PASSWORD });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ userId: expect.any(String), name });
    const again = await http('POST', `${url}/api/users`, { name, password: PASSWORD });
    expect(again.status).toBe(409);
  });

  it('logs in with the right password only, and logs out', async () => {
    const user = await ChatUser.registered(url, unique('login'));
    const wrong = await http('POST', `${url}/api/login`, { name: user.name, password: 'not the password' });
    expect(wrong.status).toBe(401);
    await user.connect();
    expect(user.login).toMatchObject({ userId: user.userId, server: { id: expect.stringMatching(/^im-/) } });
    const out = await user.logout();
    expect(out.status).toBe(204);
    await user.client!.waitClosed();
    const again = await user.httpLogin();
    expect(again.status).toBe(200);
  });

  it('spreads logins over both servers by round robin', async () => {
    const users = await Promise.all([1, 2, 3, 4].map((i) => ChatUser.registered(url, unique(`rr${i}`))));
    const servers: string[] = [];
    for (const user of users) {
      await user.connect();
      servers.push(user.serverId);
    }
    expect(new Set(servers)).toEqual(new Set(['im-1', 'im-2']));
    expect(servers[0]).not.toBe(servers[1]);
    expect(servers[1]).not.toBe(servers[2]);
    await Promise.all(users.map((u) => u.logout()));
  });

  it('refuses a duplicate login with 409', async () => {
    const user = await ChatUser.online(url, unique('dup'));
    const second = await user.httpLogin();
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body)).toMatch(/already online/);
    await user.logout();
  });

  it('delivers a group message once to every online user on both servers, never to the sender', async () => {
    const users = await Promise.all([1, 2, 3, 4].map((i) => ChatUser.registered(url, unique(`grp${i}`))));
    for (const user of users) await user.connect();
    expect(new Set(users.map((u) => u.serverId)).size).toBe(2);
    const [sender, ...receivers] = users;
    const sent = await sender.sendGroup('hello everyone');
    expect(sent.status).toBe(202);
    const messageId = sent.body.messageId as string;
    for (const receiver of receivers) {
      await receiver.client!.until(
        () => receiver.client!.messages().some((m) => m.messageId === messageId),
        5000,
        'group',
      );
    }
    // A later message, sent once the first has reached everyone, is the marker that any copy of the
    // first would have arrived by now: it goes to the sender too, on the same connections.
    const marker = await receivers[0].sendGroup('after hello');
    expect(marker.status).toBe(202);
    const markerId = marker.body.messageId as string;
    for (const user of [sender, ...receivers.slice(1)]) {
      await user.client!.until(
        () => user.client!.messages().some((m) => m.messageId === markerId),
        5000,
        'the marker',
      );
    }
    for (const receiver of receivers) {
      const copies = receiver.client!.messages().filter((m) => m.messageId === messageId);
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({
        kind: MessageKind.Group,
        senderId: sender.userId,
        body: 'hello everyone',
      });
    }
    expect(sender.client!.messages().some((m) => m.messageId === messageId)).toBe(false);
    await Promise.all(users.map((u) => u.logout()));
  });

  it('delivers a private message across servers', async () => {
    const users = await Promise.all([1, 2].map((i) => ChatUser.registered(url, unique(`p2p${i}`))));
    for (const user of users) await user.connect();
    const alice = users[0];
    let bob = users[1];
    if (alice.serverId === bob.serverId) {
      const carol = await ChatUser.online(url, unique('p2p3'));
      bob = carol.serverId !== alice.serverId ? carol : bob;
    }
    expect(alice.serverId).not.toBe(bob.serverId);
    const sent = await alice.sendPrivate(bob.userId, 'hi bob');
    expect(sent.status).toBe(202);
    expect(sent.body.delivery).toBe('online');
    const frame = await bob.client!.next('messages');
    expect(frame.messages!.messages[0]).toMatchObject({
      kind: MessageKind.Private,
      senderId: alice.userId,
      senderName: alice.name,
      receiverId: bob.userId,
      body: 'hi bob',
      seq: expect.any(Number),
    });
  });

  it('keeps private messages for an offline user and delivers them in order at the next login', async () => {
    const alice = await ChatUser.online(url, unique('inboxA'));
    const bob = await ChatUser.registered(url, unique('inboxB'));
    for (const body of ['one', 'two', 'three']) {
      const sent = await alice.sendPrivate(bob.userId, body);
      expect(sent.body.delivery).toBe('inbox');
    }
    const client = await bob.connect();
    await client.until(() => client.messages().length >= 3, 5000, 'the inbox');
    const messages = client.messages();
    expect(messages.map((m) => m.body)).toEqual(['one', 'two', 'three']);
    expect(messages.every((m) => m.kind === MessageKind.Offline)).toBe(true);
    expect(messages[1].seq).toBe(messages[0].seq + 1);
  });

  it('answers 404 for a private message to an unknown user', async () => {
    const alice = await ChatUser.online(url, unique('unknown'));
    const sent = await alice.sendPrivate('999999999', 'anyone?');
    expect(sent.status).toBe(404);
  });

  it('lists the online users', async () => {
    const users = await Promise.all([1, 2, 3].map((i) => ChatUser.registered(url, unique(`olu${i}`))));
    for (const user of users) await user.connect();
    await users[2].logout();
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const page = await http<{ cursor: string; users: { userId: string }[] }>(
        'GET',
        `${url}/api/online-users?cursor=${cursor}&count=2`,
        undefined,
        users[0].token,
      );
      expect(page.status).toBe(200);
      page.body.users.forEach((u) => seen.add(u.userId));
      cursor = page.body.cursor;
    } while (cursor !== '0');
    expect(seen.has(users[0].userId)).toBe(true);
    expect(seen.has(users[1].userId)).toBe(true);
    expect(seen.has(users[2].userId)).toBe(false);
  });

  it('sends over the long connection and answers SEND_ACK with the message id', async () => {
    const [alice, bob] = await Promise.all([1, 2].map((i) => ChatUser.online(url, unique(`up${i}`))));
    alice.client!.send({
      requestId: 7,
      send: { clientMsgId: 'c-1', receiverId: bob.userId, body: 'over tcp' },
    });
    const ack = await alice.client!.next('sendAck');
    expect(ack).toMatchObject({
      requestId: 7,
      sendAck: { clientMsgId: 'c-1', messageId: expect.any(String) },
    });
    const received = await bob.client!.next('messages');
    expect(received.messages!.messages[0]).toMatchObject({
      messageId: ack.sendAck!.messageId,
      body: 'over tcp',
    });
    alice.client!.send({ requestId: 8, send: { clientMsgId: 'c-2', receiverId: '999999999', body: 'x' } });
    const refused = await alice.client!.next('error', (f) => f.requestId === 8);
    expect(refused.error).toMatchObject({ code: ErrorCode.UnknownReceiver, clientMsgId: 'c-2' });
    expect(alice.client!.closed).toBe(false);
  });
});
