import { ErrorCode, PROTOCOL_VERSION } from '@cim/protocol';
import { CimClientOptions, tcpCarrier } from '@cim/client-sdk';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { http } from './harness/http';
import { SDK_PASSWORD, SdkUser } from './harness/sdk-user';
import { RawWsClient, Refusal, wsCarrier } from './harness/ws-client';

const ALLOWED_ORIGIN = 'http://chat.example.test';
const MAX_FRAME_BYTES = 16 * 1024;
const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/** The WebSocket carrier on real im-servers: the same protocol and guarantees as TCP. */
describe('clients over WebSocket', () => {
  let cluster: Cluster;
  const users: SdkUser[] = [];
  const raws: RawWsClient[] = [];

  async function user(
    name: string,
    carrier: 'tcp' | 'websocket',
    options: Partial<CimClientOptions> = {},
  ): Promise<SdkUser> {
    const created = new SdkUser(cluster.gatewayUrl, unique(name), {
      carrier: carrier === 'tcp' ? tcpCarrier() : wsCarrier(),
      ...options,
    });
    users.push(created);
    return created.online();
  }

  /** A user logged in over a raw WebSocket: the URL the gateway named, LOGIN, LOGIN_ACK. */
  async function rawUser(name: string): Promise<{ raw: RawWsClient; userId: string }> {
    const user = unique(name);
    const { body: created } = await http<{ userId: string }>('POST', `${cluster.gatewayUrl}/api/users`, {
      name: user,
      password: SDK_PASSWORD,
    });
    const { body: login } = await http<{ token: string; server: { url: string } }>(
      'POST',
      `${cluster.gatewayUrl}/api/login`,
      { name: user, password: SDK_PASSWORD, carrier: 'websocket' },
    );
    const raw = await RawWsClient.connect(login.server.url);
    raws.push(raw);
    raw.send({
      requestId: 1,
      login: { userId: created.userId, token: login.token, protocolVersion: PROTOCOL_VERSION },
    });
    await raw.next('loginAck');
    return { raw, userId: created.userId };
  }

  /** cim_errors_total{cause="slow_reader"} over the im-servers. */
  async function slowReaders(): Promise<number> {
    let total = 0;
    for (let i = 1; i <= cluster.servers.length; i++) {
      const text = await (await fetch(`http://127.0.0.1:${cluster.httpPort(i)}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith('cim_errors_total{cause="slow_reader"'));
      total += line ? Number(line.split(' ').at(-1)) : 0;
    }
    return total;
  }

  beforeAll(async () => {
    const fast = { CIM_SEND_RATE_PER_SEC: '100000', CIM_SEND_BURST: '100000' };
    cluster = await Cluster.start({
      servers: 2,
      gatewayEnv: { ...fast, CIM_MAX_BODY_BYTES: String(MAX_FRAME_BYTES / 2) },
      serverEnv: {
        ...fast,
        CIM_IM_WS_ORIGINS: ALLOWED_ORIGIN,
        CIM_MAX_FRAME_BYTES: String(MAX_FRAME_BYTES),
        CIM_MAX_OUTBOUND_BYTES: String(64 * 1024),
      },
    });
  });
  afterEach(async () => {
    await Promise.all(users.splice(0).map((u) => u.client.close()));
    for (const raw of raws.splice(0)) raw.close();
  });
  afterAll(() => cluster?.stop());

  it('logs in over WebSocket and chats with TCP clients, in private and in the lobby', async () => {
    const alice = await user('alice', 'websocket');
    let bob = await user('bob', 'websocket');
    while (bob.serverId === alice.serverId) bob = await user('bob', 'websocket');
    const carol = await user('carol', 'tcp');
    expect(alice.client.session!.server).toMatchObject({
      carrier: 'websocket',
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/$/),
      tls: false,
    });
    await alice.client.sendPrivate(bob.userId, 'hi bob, over websocket');
    await carol.client.sendPrivate(alice.userId, 'hi alice, from tcp');
    await bob.client.sendGroup('hello lobby');
    await eventually(() => expect(bob.bodies()).toEqual(['hi bob, over websocket']));
    await eventually(() => expect(alice.bodies()).toEqual(['hi alice, from tcp', 'hello lobby']));
    await eventually(() => expect(carol.bodies()).toEqual(['hello lobby']));
    expect(bob.messages[0]).toMatchObject({ senderId: alice.userId, kind: 'private' });
  });

  it('refuses a browser origin that is not allowed, naming it, and lets an allowed one in', async () => {
    const url = `ws://127.0.0.1:${cluster.wsPort(1)}/`;
    const refused = await RawWsClient.connect(url, { origin: 'https://evil.example.test' }).catch(
      (refusal: Refusal) => refusal,
    );
    expect(refused).toEqual({
      status: 403,
      body: 'origin https://evil.example.test is not allowed (CIM_IM_WS_ORIGINS)',
    });
    const allowed = await RawWsClient.connect(url, { origin: ALLOWED_ORIGIN });
    raws.push(allowed);
    allowed.send({ requestId: 3, ping: {} });
    const error = await allowed.next('error');
    expect(error.error).toMatchObject({ code: ErrorCode.NotLoggedIn, text: 'the first frame must be LOGIN' });
  });

  it('refuses a URL with a query string: credentials travel in LOGIN', async () => {
    const url = `ws://127.0.0.1:${cluster.wsPort(1)}/?token=secret`;
    const refused = await RawWsClient.connect(url).catch((refusal: Refusal) => refusal);
    expect(refused).toEqual({
      status: 400,
      body: 'no query string: credentials travel in the LOGIN frame, never in the URL',
    });
  });

  it('answers an oversize frame with FRAME_TOO_LARGE and closes that connection alone', async () => {
    const { raw: bystander } = await rawUser('bystander');
    const { raw } = await rawUser('oversize');
    raw.sendRaw(new Uint8Array(MAX_FRAME_BYTES + 1));
    const error = await raw.next('error');
    expect(error.error).toMatchObject({
      code: ErrorCode.FrameTooLarge,
      text: expect.stringContaining(`${MAX_FRAME_BYTES}`),
    });
    await raw.waitClosed();
    // Far beyond the limit, `ws` cuts the connection itself: 1009, "message too big".
    const { raw: huge } = await rawUser('huge');
    huge.sendRaw(new Uint8Array(MAX_FRAME_BYTES * 8));
    expect(await huge.waitClosed()).toBe(1009);
    bystander.send({ requestId: 9, ping: {} });
    await eventually(() => expect(bystander.frames.some((f) => f.requestId === 9 && f.pong)).toBe(true));
  });

  it('tells a client that stops reading to reconnect, and closes it, while others chat on', async () => {
    const { raw: slow } = await rawUser('slow');
    const sender = await user('sender', 'tcp');
    const reader = await user('reader', 'websocket');
    slow.ws.pause(); // stops reading the socket: what the server writes piles up
    const body = 'x'.repeat(MAX_FRAME_BYTES / 2 - 64);
    // Lobby messages (private ones would stop at the inbox cap) until the server counts a slow reader:
    // the socket buffers fill first, then the server's own, up to CIM_MAX_OUTBOUND_BYTES.
    for (let batch = 0; batch < 200 && (await slowReaders()) === 0; batch++) {
      await Promise.all(Array.from({ length: 25 }, () => sender.client.sendGroup(body)));
    }
    slow.ws.resume();
    const reconnect = await slow.next('reconnect', 20_000);
    expect(reconnect.reconnect!.reason).toMatch(/not reading fast enough/);
    await slow.waitClosed();
    await sender.client.sendPrivate(reader.userId, 'still here');
    await eventually(() => expect(reader.bodies()).toContain('still here'));
  }, 120_000);

  // Last: it kills an im-server.
  it('comes back by itself after its im-server is killed, missing nothing and sending what it queued', async () => {
    const patient = { loginRetries: 30, backoff: { initialDelayMs: 100, maxDelayMs: 1000 } };
    const mover = await user('mover', 'websocket', patient);
    let sender = await user('sender', 'tcp');
    while (sender.serverId === mover.serverId) sender = await user('sender', 'tcp');
    const killed = mover.serverId;
    await cluster.servers.find((s) => s.env.CIM_SERVER_ID === killed)!.stop('SIGKILL');
    await eventually(() => expect(mover.states).toContain('reconnecting'), 20_000);
    const queued = mover.client.sendPrivate(sender.userId, 'queued while reconnecting');
    await sender.client.sendPrivate(mover.userId, 'sent while you were away');
    await eventually(() => expect(mover.client.state).toBe('ready'), 30_000);
    expect(mover.serverId).not.toBe(killed);
    expect(mover.client.session!.server.carrier).toBe('websocket');
    await expect(queued).resolves.toMatchObject({ messageId: expect.stringMatching(/^\d+$/) });
    await eventually(() => expect(mover.bodies()).toEqual(['sent while you were away']));
    await eventually(() => expect(sender.bodies()).toEqual(['queued while reconnecting']));
  }, 90_000);
});
