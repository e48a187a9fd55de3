import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Socket } from 'node:net';
import { GatewayPatterns, ImServerPatterns } from '@cim/protocol';
import { FrameReader, joinFrames, RpcAuthenticator, RpcCodec } from '@cim/rpc';
import { LOG_DIR } from '../harness/app-process';
import { ChatUser } from '../harness/chat-user';
import { Cluster, TEST_RPC_SECRET } from '../harness/cluster';
import { eventually } from '../harness/eventually';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

/**
 * A raw connection to an RPC port, in cim's binary framing: a 4-byte big-endian length, then a
 * MessagePack payload (one codec per direction of the connection, as the transport has).
 */
class RawRpc {
  readonly replies: Record<string, unknown>[] = [];
  closed = false;
  private readonly frames = new FrameReader(1 << 20);
  private readonly writer = new RpcCodec();
  private readonly reader = new RpcCodec();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) =>
      this.frames.push(chunk, (payload) =>
        this.replies.push(this.reader.decode(payload) as Record<string, unknown>),
      ),
    );
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static connect(port: number): Promise<RawRpc> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      socket.once('error', reject);
      socket.connect(port, '127.0.0.1', () => resolve(new RawRpc(socket)));
    });
  }

  write(packet: object): void {
    const payload = this.writer.encode(packet);
    this.socket.write(joinFrames([payload], payload.length));
  }

  /** Bytes as they are, framed or not. */
  writeRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  async reply(id: string): Promise<Record<string, unknown>> {
    await until(() => this.replies.some((r) => r.id === id), `a reply to ${id}`);
    return this.replies.find((r) => r.id === id)!;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Waits for the condition; the error names what was awaited. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  await eventually(() => expect({ [what]: condition() }).toEqual({ [what]: true }), timeoutMs, 25);
}

async function refusedConnections(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/cim_errors_total\{[^}]*cause="rpc_unauthenticated"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
}

const logOf = (label: string) => readFileSync(join(LOG_DIR, `${label}.log`), 'utf8');

/**
 * Mallory reaches both RPC ports of the cluster from inside its network: she speaks cim's RPC framing
 * herself, without the secret, with a wrong one, and (having stolen it) with the right one; and she
 * sends bytes that are no frame at all.
 */
describe('fault: raw calls on the RPC ports', () => {
  let cluster: Cluster;
  let alice: ChatUser;
  let bob: ChatUser;
  let gatewayRpc: number;
  let imRpc: number;
  let imHttp: string;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 1 });
    gatewayRpc = Number(cluster.gateway.env.CIM_GATEWAY_RPC_PORT);
    imRpc = Number(cluster.servers[0].env.CIM_IM_RPC_PORT);
    imHttp = `http://127.0.0.1:${cluster.httpPort(1)}`;
    alice = await ChatUser.online(cluster.gatewayUrl, unique('alice'));
    bob = await ChatUser.online(cluster.gatewayUrl, unique('bob'));
  });

  afterAll(() => cluster?.stop());

  /** A forged SEND as alice to bob, with whatever session Mallory claims. */
  const forgedSend = (clientMsgId: string, sessionId = 'guessed-session') => ({
    pattern: GatewayPatterns.SendBatch,
    id: clientMsgId,
    data: {
      requests: [
        {
          userId: alice.userId,
          userName: alice.name,
          sessionId,
          serverId: alice.serverId,
          clientMsgId,
          receiverId: bob.userId,
          body: `forged ${clientMsgId}`,
        },
      ],
    },
  });

  /** A real message from alice reaches bob after whatever was attempted before it. */
  async function bobGetsOnlyRealMessages(tag: string): Promise<void> {
    expect((await alice.sendPrivate(bob.userId, `real ${tag}`)).status).toBe(202);
    await bob.client!.until(
      () => bob.client!.messages().some((m) => m.body === `real ${tag}`),
      10_000,
      `alice's real message ${tag}`,
    );
    expect(bob.client!.messages().filter((m) => m.body.startsWith('forged'))).toEqual([]);
  }

  it('refuses a send-batch on the gateway without credentials: logged, counted, closed, nothing sent', async () => {
    const before = await refusedConnections(cluster.gatewayInternalUrl);
    const rpc = await RawRpc.connect(gatewayRpc);
    const address = `127.0.0.1:${(rpc as unknown as { socket: Socket }).socket.localPort}`;
    rpc.write(forgedSend('no-credential'));
    expect(await rpc.reply('no-credential')).toEqual({
      id: 'no-credential',
      isDisposed: true,
      err: {
        code: 'Unauthenticated',
        message: 'not authenticated: no credential: the first frame is not a hello',
      },
    });
    await until(() => rpc.closed, 'the gateway to close the connection');
    expect(await refusedConnections(cluster.gatewayInternalUrl)).toBe(before + 1);
    await until(() => logOf('gw-1').includes(`refused an RPC connection from ${address}`), 'the warning');
    await bobGetsOnlyRealMessages('1');
  });

  it('refuses im.kick and im.deliver on the im-server without credentials: bob stays connected', async () => {
    const before = await refusedConnections(imHttp);
    for (const [id, packet] of [
      ['kick', { pattern: ImServerPatterns.Kick, data: { userId: bob.userId, reason: 'mallory' } }],
      ['deliver', { pattern: ImServerPatterns.Deliver, data: { entries: [] } }],
    ] as const) {
      const rpc = await RawRpc.connect(imRpc);
      rpc.write({ ...packet, id });
      expect((await rpc.reply(id)).err).toMatchObject({ code: 'Unauthenticated' });
      await until(() => rpc.closed, 'the im-server to close the connection');
    }
    expect(await refusedConnections(imHttp)).toBe(before + 2);
    expect(bob.client!.closed).toBe(false);
    await until(() => logOf('im-1').includes('refused an RPC connection from 127.0.0.1:'), 'the warning');
    await bobGetsOnlyRealMessages('2');
  });

  it('refuses a hello made with a wrong secret on both ports, before any call is handled', async () => {
    const wrong = new RpcAuthenticator('mallory-guessed-this-secret-0123456789abcdef');
    for (const port of [gatewayRpc, imRpc]) {
      const rpc = await RawRpc.connect(port);
      rpc.write(wrong.hello('im-server im-1'));
      rpc.write(forgedSend(`wrong-secret-${port}`));
      rpc.write({
        pattern: ImServerPatterns.Kick,
        id: `kick-${port}`,
        data: { userId: bob.userId, reason: 'x' },
      });
      await until(() => rpc.closed, 'the connection to close');
      expect(rpc.replies).toEqual([
        { refused: { code: 'Unauthenticated', message: 'not authenticated: wrong credential' } },
      ]);
    }
    expect(bob.client!.closed).toBe(false);
    await bobGetsOnlyRealMessages('3');
  });

  it('with the secret, still refuses a SEND as alice that does not name her current session, and a malformed batch', async () => {
    const rpc = await RawRpc.connect(gatewayRpc);
    rpc.write(new RpcAuthenticator(TEST_RPC_SECRET).hello('im-server im-1'));
    rpc.write(forgedSend('stolen-secret'));
    expect(await rpc.reply('stolen-secret')).toMatchObject({
      response: {
        results: [
          {
            failure: {
              code: 'NotLoggedIn',
              message: `session guessed-session on ${alice.serverId} is not user ${alice.userId}'s current login: log in again`,
            },
          },
        ],
      },
    });
    rpc.write({ pattern: GatewayPatterns.SendBatch, id: 'malformed', data: { requests: [{ userId: 7 }] } });
    expect((await rpc.reply('malformed')).err).toEqual({
      code: 'BadRequest',
      message: expect.stringContaining('requests.0.userId must be a string'),
    });
    expect(rpc.closed).toBe(false);
    rpc.close();
    await bobGetsOnlyRealMessages('4');
  });

  it('with the secret, the im-server refuses a malformed im.deliver and im.kick naming the fields, and serves on', async () => {
    const rpc = await RawRpc.connect(imRpc);
    rpc.write(new RpcAuthenticator(TEST_RPC_SECRET).hello('route-gateway gw-1'));
    const message = { messageId: '1', senderId: alice.userId, senderName: alice.name, body: 'forged' };
    rpc.write({
      pattern: ImServerPatterns.Deliver,
      id: 'bad-deliver',
      data: { entries: [{ message: { ...message, seq: 'one', receiverId: bob.userId, kind: 'mail' } }] },
    });
    expect((await rpc.reply('bad-deliver')).err).toEqual({
      code: 'BadRequest',
      message:
        'malformed payload: entries.0.message.sentAt must be an integer number; entries.0.message.seq must be an integer number; entries.0.message.kind must be one of the following values: private, group, system, offline',
    });
    rpc.write({ pattern: ImServerPatterns.Kick, id: 'bad-kick', data: { userId: bob.userId } });
    expect((await rpc.reply('bad-kick')).err).toEqual({
      code: 'BadRequest',
      message: 'malformed payload: reason must be a string',
    });
    expect(rpc.closed).toBe(false);
    rpc.close();
    expect(bob.client!.closed).toBe(false);
    await bobGetsOnlyRealMessages('7');
  });

  it('refuses a stranger speaking any bytes on both ports (another framing, garbage, a huge length): counted, closed, the processes serve on', async () => {
    const json = JSON.stringify(forgedSend('json-framing'));
    const strangers: (Buffer | string)[] = [
      `${json.length}#${json}`,
      Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]),
      Buffer.from([0x7f, 0xff, 0xff, 0xff]),
      Buffer.from([0x00, 0x00, 0x00, 0x03, 0xc1, 0xc1, 0xc1]),
    ];
    for (const [port, metricsUrl] of [
      [gatewayRpc, cluster.gatewayInternalUrl],
      [imRpc, imHttp],
    ] as const) {
      const before = await refusedConnections(metricsUrl);
      for (const bytes of strangers) {
        const rpc = await RawRpc.connect(port);
        rpc.writeRaw(bytes);
        await until(() => rpc.closed, 'the connection to close');
        expect(rpc.replies).toEqual([
          { refused: { code: 'Unauthenticated', message: expect.stringContaining('not authenticated: ') } },
        ]);
      }
      expect(await refusedConnections(metricsUrl)).toBe(before + strangers.length);
    }
    expect(logOf('gw-1')).toContain('is over the limit of 4096');
    expect(bob.client!.closed).toBe(false);
    await bobGetsOnlyRealMessages('5');
  });

  it('with the secret, a malformed frame gets an error naming it and closes only that connection', async () => {
    const other = await RawRpc.connect(gatewayRpc);
    other.write(new RpcAuthenticator(TEST_RPC_SECRET).hello('im-server im-1'));
    const rpc = await RawRpc.connect(gatewayRpc);
    const address = `127.0.0.1:${(rpc as unknown as { socket: Socket }).socket.localPort}`;
    rpc.write(new RpcAuthenticator(TEST_RPC_SECRET).hello('im-server im-1'));
    rpc.writeRaw(Buffer.from([0x00, 0x00, 0x00, 0x02, 0x92, 0x01]));
    await until(() => rpc.closed, 'the gateway to close the connection');
    await until(
      () =>
        logOf('gw-1').includes(
          `connection from im-server im-1 at ${address} failed: malformed RPC frame of 2 bytes`,
        ),
      'the error naming the malformed frame',
    );
    other.write(forgedSend('after-malformed'));
    expect(await other.reply('after-malformed')).toMatchObject({
      response: { results: [{ failure: { code: 'NotLoggedIn' } }] },
    });
    expect(other.closed).toBe(false);
    other.close();
    await bobGetsOnlyRealMessages('6');
  });
});
