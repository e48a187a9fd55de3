import { ErrorCode, MessageKind, PROTOCOL_VERSION } from '@cim/protocol';
import { CimClient } from './node-client';
import {
  CimHttpError,
  CimServerError,
  DuplicateLoginError,
  InvalidCredentialsError,
  NameTakenError,
  NoServerError,
  NotReadyError,
} from './errors';
import { chatMessage, ClientFixture, eventually, PASSWORD } from './testing/client-fixture';

describe('CimClient: login, sending, receiving, closing', () => {
  let fixture: ClientFixture;

  beforeEach(async () => (fixture = await ClientFixture.start()));
  afterEach(() => fixture.stop());

  it('registers a new name and refuses a taken one with NameTakenError', async () => {
    const client = new CimClient({ gatewayUrl: fixture.gateway.url, name: 'carol', password: PASSWORD });
    expect(await client.register()).toBe('10001');
    await expect(client.register()).rejects.toBeInstanceOf(NameTakenError);
  });

  it('logs in over HTTP, then sends LOGIN with the token to the im-server named, and is ready', async () => {
    const alice = fixture.client('alice');
    const session = await alice.start();
    expect(alice.state).toBe('ready');
    expect(alice.recorder.stateNames()).toEqual(['ready']);
    expect(session).toMatchObject({ userId: '10001', server: { id: 'im-1' }, heartbeatIntervalMs: 10_000 });
    const [login] = fixture.servers[0].frames('login');
    expect(login.login).toMatchObject({
      userId: '10001',
      token: 'token-10001-1',
      protocolVersion: PROTOCOL_VERSION,
    });
    expect(login.requestId).toBeGreaterThan(0);
  });

  it('logs in by user id as well as by name', async () => {
    const userId = fixture.gateway.addUser('dave', PASSWORD);
    const client = new CimClient({ gatewayUrl: fixture.gateway.url, userId, password: PASSWORD });
    fixture.clients.push(client);
    await client.start();
    expect(fixture.gateway.paths('POST', '/api/login')[0].body).toEqual({
      userId,
      password: PASSWORD,
      carrier: 'tcp',
      deviceId: client.device.id,
      deviceKind: 'other',
    });
  });

  it('names its device at login and in LOGIN: one per machine and OS user by default, or the one given', async () => {
    const userId = fixture.gateway.addUser('erin', PASSWORD);
    const stable = new CimClient({ gatewayUrl: fixture.gateway.url, userId, password: PASSWORD });
    const again = new CimClient({ gatewayUrl: fixture.gateway.url, userId, password: PASSWORD });
    expect(stable.device).toEqual(again.device);
    expect(stable.device.id).toMatch(/^node-[0-9a-f]{16}$/);
    const phone = new CimClient({
      gatewayUrl: fixture.gateway.url,
      userId,
      password: PASSWORD,
      device: { id: 'phone-1', kind: 'mobile' },
    });
    fixture.clients.push(phone);
    await phone.start();
    expect(fixture.gateway.paths('POST', '/api/login').at(-1)!.body).toMatchObject({
      deviceId: 'phone-1',
      deviceKind: 'mobile',
    });
    expect(fixture.servers[0].frames('login').at(-1)?.login).toMatchObject({
      deviceId: 'phone-1',
      deviceKind: 'mobile',
    });
    expect(phone.session?.device).toEqual({ id: 'phone-1', kind: 'mobile' });
    expect(
      () =>
        new CimClient({ gatewayUrl: fixture.gateway.url, userId, password: PASSWORD, device: { id: 'a b' } }),
    ).toThrow(/device.id must be/);
  });

  it.each([
    [401, InvalidCredentialsError],
    [409, DuplicateLoginError],
    [503, NoServerError],
    [500, CimHttpError],
  ])('reports a login answered %i as a typed error and enters failed', async (status, type) => {
    fixture.gateway.loginFailures.push({ status, message: 'refused' });
    const alice = fixture.client('alice');
    const failure = await alice.start().catch((error: Error) => error);
    expect(failure).toBeInstanceOf(type);
    expect((failure as CimHttpError).status).toBe(status);
    expect(alice.state).toBe('failed');
    expect(alice.failure).toBe(failure);
  });

  it('asks a busy gateway again after its Retry-After (503), with jitter, and logs in', async () => {
    fixture.gateway.loginFailures.push({ status: 503, message: 'the gateway is busy', retryAfterSec: 1 });
    const alice = fixture.client('alice');
    const startedAt = Date.now();
    await expect(alice.start()).resolves.toMatchObject({ userId: '10001' });
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(fixture.gateway.paths('POST', '/api/login')).toHaveLength(2);
    expect(alice.state).toBe('ready');
  });

  it('reports a wrong password as InvalidCredentialsError', async () => {
    fixture.gateway.addUser('alice', 'another password');
    const alice = fixture.client('alice');
    await expect(alice.start()).rejects.toThrow(InvalidCredentialsError);
  });

  it('sends private and group messages as SEND frames and resolves with their SEND_ACK', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const toBob = await alice.sendPrivate('10002', 'hi bob');
    const toAll = await alice.sendGroup('hi all');
    const sends = fixture.servers[0].frames('send');
    expect(sends.map((f) => f.send)).toMatchObject([
      { receiverId: '10002', body: 'hi bob' },
      { group: true, body: 'hi all' },
    ]);
    expect(sends[0].send!.clientMsgId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(sends.map((f) => f.requestId)).size).toBe(2);
    expect(toBob).toEqual({
      clientMsgId: sends[0].send!.clientMsgId,
      messageId: 'm1',
      sentAt: 1_700_000_000_000,
      duplicate: false,
    });
    expect(toAll.messageId).toBe('m2');
  });

  it('rejects a send the server answers with ERROR as CimServerError, and stays connected', async () => {
    fixture.servers[0].sendAnswer = (send) =>
      send.receiverId === 'nobody'
        ? { code: ErrorCode.UnknownReceiver, text: 'user nobody does not exist' }
        : 'ack';
    const alice = fixture.client('alice');
    await alice.start();
    const error = await alice.sendPrivate('nobody', 'hello?').catch((e: Error) => e);
    expect(error).toBeInstanceOf(CimServerError);
    expect(error).toMatchObject({ code: ErrorCode.UnknownReceiver, text: 'user nobody does not exist' });
    await expect(alice.sendGroup('still here')).resolves.toMatchObject({ duplicate: false });
    expect(alice.state).toBe('ready');
  });

  it('writes a SEND the server answers UNAVAILABLE again, with the same client message id, until it is acknowledged', async () => {
    let refusals = 2;
    fixture.servers[0].sendAnswer = () =>
      refusals-- > 0 ? { code: ErrorCode.Unavailable, text: 'route-gateway unavailable: timed out' } : 'ack';
    const alice = fixture.client('alice');
    await alice.start();
    await expect(alice.sendPrivate('bob', 'through a busy gateway')).resolves.toMatchObject({
      duplicate: false,
    });
    const sends = fixture.servers[0].frames('send').map((f) => f.send!.clientMsgId);
    expect(sends).toHaveLength(3);
    expect(new Set(sends).size).toBe(1);
  });

  it('refuses a SEND the server keeps answering UNAVAILABLE, once the retries run out', async () => {
    fixture.servers[0].sendAnswer = () => ({ code: ErrorCode.Unavailable, text: 'no route-gateway' });
    const alice = fixture.client('alice');
    await alice.start();
    const error = await alice.sendPrivate('bob', 'nobody to take it').catch((e: Error) => e);
    expect(error).toMatchObject({ code: ErrorCode.Unavailable });
    expect(fixture.servers[0].frames('send')).toHaveLength(6);
  }, 15_000);

  it('refuses to send before start and after close with NotReadyError', async () => {
    const alice = fixture.client('alice');
    await expect(alice.sendGroup('too early')).rejects.toBeInstanceOf(NotReadyError);
    await alice.start();
    await alice.close();
    await expect(alice.sendGroup('too late')).rejects.toMatchObject({ state: 'closed' });
  });

  it('does not acknowledge group broadcasts, which are never re-delivered', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const server = fixture.servers[0];
    const [group, kept] = [chatMessage({ kind: MessageKind.Group, receiverId: '' }), chatMessage()];
    server.push(group);
    server.push(group, kept);
    await eventually(() => expect(server.frames('deliveryAck')).toHaveLength(1));
    expect(server.frames('deliveryAck')[0].deliveryAck!.messageIds).toEqual([kept.messageId]);
    expect(alice.recorder.messages.map((m) => m.messageId)).toEqual([group.messageId, kept.messageId]);
  });

  it('hands each message to the listener once and acknowledges every MESSAGE frame', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const server = fixture.servers[0];
    const [a, b, c] = [
      chatMessage(),
      chatMessage({ kind: MessageKind.Private, receiverId: '10001' }),
      chatMessage(),
    ];
    server.push(a, b, a);
    server.push(b, c);
    await eventually(() => expect(server.frames('deliveryAck')).toHaveLength(2));
    expect(alice.recorder.messages.map((m) => m.messageId)).toEqual([a.messageId, b.messageId, c.messageId]);
    expect(server.frames('deliveryAck').map((f) => f.deliveryAck!.messageIds)).toEqual([
      [a.messageId, b.messageId, a.messageId],
      [b.messageId, c.messageId],
    ]);
    expect(alice.recorder.messages[1]).toEqual({
      messageId: b.messageId,
      conversation: 'p:10001:10002',
      seq: b.seq,
      senderId: '10002',
      senderName: 'bob',
      receiverId: '10001',
      kind: 'private',
      body: b.body,
      sentAt: 1_700_000_000_000,
    });
  });

  it('delivers the inbox the server pushes right after LOGIN_ACK, marked offline', async () => {
    const kept = chatMessage({ kind: MessageKind.Offline, receiverId: '10001', body: 'while you were away' });
    fixture.servers[0].afterLogin = () => [{ messages: { messages: [kept] } }];
    const alice = fixture.client('alice');
    await alice.start();
    await eventually(() => expect(alice.recorder.messages).toHaveLength(1));
    expect(alice.recorder.messages[0]).toMatchObject({ kind: 'offline', body: 'while you were away' });
    await eventually(() => expect(fixture.servers[0].frames('deliveryAck')).toHaveLength(1));
  });

  it('survives a listener that throws or rejects, reporting through onError', async () => {
    let calls = 0;
    const alice = fixture.client('alice', {
      listener: {
        onMessage: async (m) => {
          calls++;
          if (m.body === 'throw') throw new Error('listener bug');
          if (m.body === 'reject') return Promise.reject(new Error('async listener bug'));
        },
      },
    });
    await alice.start();
    fixture.servers[0].push(chatMessage({ body: 'throw' }), chatMessage({ body: 'reject' }), chatMessage());
    await eventually(() => expect(fixture.servers[0].frames('deliveryAck')).toHaveLength(1));
    expect(calls).toBe(3);
    expect(alice.recorder.errors.map((e) => e.message)).toEqual(['listener bug', 'async listener bug']);
    expect(alice.state).toBe('ready');
  });

  it('survives hooks that throw, reporting through onError', async () => {
    const errors: Error[] = [];
    const alice = fixture.client('alice', {
      hooks: {
        onStateChange: () => {
          throw new Error('hook bug');
        },
        onError: (error) => errors.push(error),
      },
    });
    await alice.start();
    expect(alice.state).toBe('ready');
    expect(errors.map((e) => e.message)).toEqual(['hook bug']);
  });

  it('lists online users with the bearer token', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const page = await alice.onlineUsers();
    expect(page).toEqual({ cursor: '0', users: [{ userId: '10001', name: 'alice' }] });
    const [request] = fixture.gateway.paths('GET', '/api/online-users');
    expect(request.path).toBe('/api/online-users?cursor=0&count=100');
    expect(request.authorization).toBe('Bearer token-10001-1');
  });

  it('closes by logging out with the bearer token and closing the connection', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const server = fixture.servers[0];
    await alice.close();
    expect(alice.state).toBe('closed');
    expect(alice.recorder.states.at(-1)).toEqual(['closed', 'closed by the client']);
    expect(fixture.gateway.paths('POST', '/api/logout')[0].authorization).toBe('Bearer token-10001-1');
    await eventually(() => expect(server.sockets.size).toBe(0));
    await alice.close();
    expect(fixture.gateway.paths('POST', '/api/logout')).toHaveLength(1);
  });

  it('leaves no timer behind once closed', async () => {
    // Counted process-wide: the HTTP connections' own idle timers may outlive close() by a few seconds
    // on a busy machine, so the count must come back, not be back at once. A heartbeat or a send timer
    // left running keeps it up past the deadline.
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const alice = fixture.client('alice', { heartbeatIntervalMs: 50 });
    await alice.start();
    await alice.sendGroup('hello');
    await alice.close();
    await eventually(() => expect(timers()).toBeLessThanOrEqual(before), 10_000);
  });
});
