import { ErrorCode } from '@cim/protocol';
import { InvalidCredentialsError, NotReadyError, ReconnectFailedError } from './errors';
import { chatMessage, ClientFixture, eventually } from './testing/client-fixture';

describe('CimClient: heartbeat, reconnection, kicks and re-sending', () => {
  let fixture: ClientFixture;

  beforeEach(async () => (fixture = await ClientFixture.start()));
  afterEach(() => fixture.stop());

  it('pings when it has sent nothing for the interval LOGIN_ACK names', async () => {
    fixture.servers[0].heartbeatIntervalMs = 40;
    const alice = fixture.client('alice');
    await alice.start();
    expect(alice.session!.heartbeatIntervalMs).toBe(40);
    await eventually(() => expect(fixture.servers[0].frames('ping').length).toBeGreaterThanOrEqual(2));
    expect(alice.state).toBe('ready');
  });

  it('logs in again elsewhere when the connection drops, and keeps receiving', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-2']));
    expect(alice.state).toBe('ready');
    expect(alice.recorder.stateNames()).toEqual(['ready', 'reconnecting', 'ready']);
    expect(alice.recorder.states[1][1]).toBe('the server closed the connection');
    expect(alice.recorder.reconnecting).toHaveLength(1);
    expect(alice.recorder.reconnecting[0][0]).toBe(1);
    expect(fixture.servers[1].frames('login')[0].login!.token).toBe('token-10001-2');
    fixture.servers[1].push(chatMessage({ body: 'on the new server' }));
    await eventually(() => expect(alice.recorder.messages.map((m) => m.body)).toEqual(['on the new server']));
  });

  it('takes a connection silent for 2.5 heartbeat intervals for lost', async () => {
    fixture.servers[0].heartbeatIntervalMs = 40;
    fixture.servers[0].answerPings = false;
    const alice = fixture.client('alice');
    await alice.start();
    const started = Date.now();
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-2']));
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(alice.recorder.states[1][1]).toMatch(/^nothing heard from the server for \d+ ms$/);
  });

  it('logs in again when the server sends RECONNECT', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.servers[0].closeAll({ reconnect: { reason: 'server is shutting down' } });
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-2']));
    expect(alice.recorder.states[1]).toEqual([
      'reconnecting',
      'the server asked to reconnect: server is shutting down',
    ]);
  });

  it('closes without logging in again when KICKED, and calls onKicked', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.servers[0].sendAnswer = () => 'silent';
    const pending = alice.sendGroup('never answered').catch((error: Error) => error);
    await eventually(() => expect(fixture.servers[0].frames('send')).toHaveLength(1));
    fixture.servers[0].closeAll({ kicked: { reason: 'logged in elsewhere' } });
    await eventually(() => expect(alice.recorder.kicks).toEqual(['logged in elsewhere']));
    expect(alice.state).toBe('closed');
    expect(alice.recorder.states.at(-1)).toEqual(['closed', 'kicked: logged in elsewhere']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fixture.gateway.paths('POST', '/api/login')).toHaveLength(1);
    expect(await pending).toMatchObject({ name: 'NotReadyError', state: 'closed' });
  });

  it('re-sends a SEND left unanswered with the same client message id and resolves with the duplicate answer', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const [first, second] = fixture.servers;
    first.sendAnswer = () => 'silent';
    const sending = alice.sendGroup('hello once');
    await eventually(() => expect(first.frames('send')).toHaveLength(1));
    const { clientMsgId } = first.frames('send')[0].send!;
    // The first server accepted it but its answer was lost: the gateway knows the id already.
    second.accepted.set(clientMsgId, 'm-original');
    first.closeAll();
    const result = await sending;
    expect(result).toEqual({
      clientMsgId,
      messageId: 'm-original',
      sentAt: 1_700_000_000_000,
      duplicate: true,
    });
    expect(second.frames('send').map((f) => f.send!.clientMsgId)).toEqual([clientMsgId]);
  });

  it('queues sends made while reconnecting and sends them once logged in again', async () => {
    fixture.servers[0].heartbeatIntervalMs = 10_000;
    const alice = fixture.client('alice', { backoff: { initialDelayMs: 100, maxDelayMs: 100, jitter: 0 } });
    await alice.start();
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.state).toBe('reconnecting'));
    const queued = alice.sendPrivate('10002', 'sent while away');
    await expect(queued).resolves.toMatchObject({ duplicate: false });
    expect(fixture.servers[1].frames('send')[0].send).toMatchObject({ body: 'sent while away' });
  });

  it('retries a duplicate login answer while reconnecting, counting it against the retries', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.gateway.resumeFailures.push({ status: 409, message: 'user alice is already online' });
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toHaveLength(1));
    expect(alice.recorder.reconnecting.map(([attempt]) => attempt)).toEqual([1, 2]);
  });

  it('comes back with the resume credential of its login, never sending the password again', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    expect(alice.session!.resumed).toBe(false);
    for (const server of [0, 1]) {
      fixture.servers[server].closeAll({ reconnect: { reason: 'server is shutting down' } });
      await eventually(() => expect(alice.recorder.reconnected).toHaveLength(server + 1));
    }
    expect(alice.session!.resumed).toBe(true);
    expect(fixture.gateway.paths('POST', '/api/login')).toHaveLength(1);
    const device = { deviceId: alice.device.id, deviceKind: alice.device.kind };
    expect(fixture.gateway.paths('POST', '/api/resume').map((r) => r.body)).toEqual([
      { credential: 'resume-10001-1', carrier: 'tcp', ...device },
      { credential: 'resume-10001-1', carrier: 'tcp', ...device },
    ]);
  });

  it('logs in with the password in the same attempt when the credential is refused, then resumes with the new one', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.gateway.revoked.add('resume-10001-1');
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toHaveLength(1));
    expect(alice.recorder.reconnecting).toHaveLength(1);
    expect(alice.session!.resumed).toBe(false);
    expect(fixture.gateway.paths('POST', '/api/login')).toHaveLength(2);
    fixture.servers[1].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toHaveLength(2));
    expect(fixture.gateway.paths('POST', '/api/resume').at(-1)!.body).toMatchObject({
      credential: 'resume-10001-2',
      carrier: 'tcp',
    });
    expect(alice.session!.resumed).toBe(true);
  });

  it('keeps coming back while the gateway answers "try later", past loginRetries', async () => {
    const alice = fixture.client('alice', { loginRetries: 2, backoff: { initialDelayMs: 1, maxDelayMs: 4 } });
    await alice.start();
    for (let i = 0; i < 4; i++)
      fixture.gateway.resumeFailures.push({ status: 503, message: 'no im-server available' });
    fixture.gateway.resumeFailures.push({ status: 429, message: 'too many refused resumes' });
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toHaveLength(1));
    expect(alice.recorder.reconnecting.map(([attempt]) => attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(alice.state).toBe('ready');
  });

  it('waits the Retry-After of a busy gateway before resuming again', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.gateway.resumeFailures.push({ status: 503, message: 'the gateway is busy', retryAfterSec: 1 });
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toHaveLength(1), 10_000);
    const delays = alice.recorder.reconnecting.map(([, delayMs]) => delayMs);
    expect(delays).toHaveLength(2);
    expect(delays[1]).toBeGreaterThanOrEqual(1000);
    expect(delays[1]).toBeLessThanOrEqual(2000);
  });

  it('waits the retry_after_ms of an im-server too busy to confirm its LOGIN, longer with each refusal', async () => {
    const backoff = { initialDelayMs: 100, maxDelayMs: 100, jitter: 0, spreadMs: 0, maxBusyDelayMs: 1000 };
    const alice = fixture.client('alice', { loginRetries: 1, backoff });
    await alice.start();
    const busy = { code: ErrorCode.Unavailable, text: 'this server is busy', retryAfterMs: 300 };
    for (const server of fixture.servers) server.loginRefusals.push(busy, busy);
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toHaveLength(1), 10_000);
    const delays = alice.recorder.reconnecting.map(([, delayMs]) => delayMs);
    expect(delays).toHaveLength(5);
    // 300 ms asked, up to as much again; then the busy delay doubling past maxDelayMs to maxBusyDelayMs.
    expect(delays[1]).toBeGreaterThanOrEqual(300);
    expect(delays[1]).toBeLessThanOrEqual(600);
    expect(delays[2]).toBeGreaterThanOrEqual(400);
    expect(delays[3]).toBeGreaterThanOrEqual(800);
    expect(delays[4]).toBe(1000);
    expect(alice.state).toBe('ready');
  });

  it('starts once an im-server that was too busy for its first LOGIN takes it', async () => {
    const busy = { code: ErrorCode.Unavailable, text: 'this server is busy', retryAfterMs: 50 };
    for (const server of fixture.servers) server.loginRefusals.push(busy);
    const alice = fixture.client('alice');
    await expect(alice.start()).resolves.toMatchObject({ userId: '10001' });
    expect(fixture.servers.reduce((n, s) => n + s.frames('login').length, 0)).toBe(3);
  });

  it('spreads the clients of a server that went away over the first attempt’s spread', async () => {
    const crowd = Array.from({ length: 20 }, (_, i) =>
      fixture.client(`u${i}`, { backoff: { initialDelayMs: 1, maxDelayMs: 4, spreadMs: 1000 } }),
    );
    await Promise.all(crowd.map((c) => c.start()));
    for (const server of fixture.servers) server.closeAll();
    await eventually(() => expect(crowd.every((c) => c.recorder.reconnected.length > 0)).toBe(true), 10_000);
    const firsts = crowd.map((c) => c.recorder.reconnecting[0][1]);
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(300);
  });

  it('acknowledges again, but does not hand over again, a message re-delivered after reconnecting', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const message = chatMessage({ body: 'once only' });
    fixture.servers[0].push(message);
    await eventually(() => expect(alice.recorder.messages).toHaveLength(1));
    fixture.servers[1].afterLogin = () => [{ messages: { messages: [message] } }];
    fixture.servers[0].closeAll();
    await eventually(() => expect(fixture.servers[1].frames('deliveryAck')).toHaveLength(1));
    expect(alice.recorder.messages).toHaveLength(1);
  });

  it('fails after loginRetries attempts the gateway does not answer, says why, and rejects the sends still waiting', async () => {
    const alice = fixture.client('alice', { loginRetries: 3, backoff: { initialDelayMs: 1, maxDelayMs: 4 } });
    await alice.start();
    fixture.servers[0].sendAnswer = () => 'silent';
    const waiting = alice.sendGroup('lost');
    await eventually(() => expect(fixture.servers[0].frames('send')).toHaveLength(1));
    await fixture.gateway.stop();
    fixture.servers[0].closeAll();
    await expect(waiting).rejects.toBeInstanceOf(NotReadyError);
    expect(alice.state).toBe('failed');
    expect(alice.failure).toBeInstanceOf(ReconnectFailedError);
    expect(alice.failure!.message).toMatch(
      /^gave up after 3 attempts to log in again: POST http:\/\/127\.0\.0\.1:\d+\/api\/resume: .*ECONNREFUSED/,
    );
    expect(alice.recorder.states.at(-1)).toEqual(['failed', alice.failure!.message]);
    expect(alice.recorder.reconnecting.map(([attempt]) => attempt)).toEqual([1, 2, 3]);
  });

  it('fails at once when the password is refused while reconnecting', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.gateway.revoked.add('resume-10001-1');
    fixture.gateway.loginFailures.push({ status: 401, message: 'wrong user name, user id or password' });
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.state).toBe('failed'));
    expect(alice.failure).toBeInstanceOf(InvalidCredentialsError);
    expect(alice.recorder.reconnecting).toHaveLength(1);
  });

  it('retries when the im-server refuses the LOGIN', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    fixture.servers[1].loginError = {
      code: ErrorCode.InvalidToken,
      text: 'token was issued for another server',
    };
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-1']));
    expect(alice.recorder.reconnecting.map(([attempt]) => attempt)).toEqual([1, 2]);
    expect(fixture.servers[1].frames('login')).toHaveLength(1);
  });

  it('fails at once when an im-server refuses its protocol version while reconnecting', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    const text =
      'the client speaks protocol version 1, too old for this server, which speaks protocol version 2';
    fixture.servers[1].loginError = { code: ErrorCode.UnsupportedProtocolVersion, text };
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.state).toBe('failed'));
    expect(alice.failure).toMatchObject({ code: ErrorCode.UnsupportedProtocolVersion, text });
    expect(alice.recorder.reconnecting).toHaveLength(1);
  });

  it('retries when the im-server named cannot be reached', async () => {
    const alice = fixture.client('alice');
    await alice.start();
    await fixture.servers[1].stop();
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.recorder.reconnected).toEqual(['im-1']));
    expect(alice.recorder.reconnecting.map(([attempt]) => attempt)).toEqual([1, 2]);
  });

  it('stops reconnecting when closed meanwhile', async () => {
    const alice = fixture.client('alice', { backoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    await alice.start();
    fixture.servers[0].closeAll();
    await eventually(() => expect(alice.state).toBe('reconnecting'));
    await alice.close();
    expect(alice.state).toBe('closed');
    expect(fixture.gateway.paths('POST', '/api/login')).toHaveLength(1);
  });
});
