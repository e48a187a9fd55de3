import { INestApplication } from '@nestjs/common';
import { connect, Socket } from 'node:net';
import { DEVELOPMENT_RPC_SECRET, loadConfig } from '@cim/config';
import { LogCapture } from '@cim/delivery';
import { freePort } from '@cim/local-cluster';
import { GatewayPatterns } from '@cim/protocol';
import { FrameReader, joinFrames, RpcAuthenticator, RpcCodec } from '@cim/rpc';
import { eventually } from '../../../../test/harness/eventually';
import { bootstrapRouteGateway } from '../bootstrap';
import { GatewayEnv } from '../config/gateway.env';

// content-disposition 3 is an ES module, which Jest cannot require; @fastify/static (Swagger UI's assets)
// needs it only for reply.download(). Node itself loads it fine.
jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

/** A raw connection's frames in cim's binary RPC framing; each connection needs its own. */
function framer(): (packet: object) => Buffer {
  const codec = new RpcCodec();
  return (packet) => {
    const payload = codec.encode(packet);
    return joinFrames([payload], payload.length);
  };
}

/** What the listener writes on a raw connection, decoded. */
function replies(socket: Socket): unknown[] {
  const received: unknown[] = [];
  const [frames, codec] = [new FrameReader(1 << 20), new RpcCodec()];
  socket.on('data', (data: Buffer) => frames.push(data, (payload) => received.push(codec.decode(payload))));
  return received;
}

async function connected(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

const hello = new RpcAuthenticator(DEVELOPMENT_RPC_SECRET);

describe("the gateway's listener for the im-servers' calls (the gateway's own log lines)", () => {
  const logs = new LogCapture();
  let app: INestApplication;
  let port: number;

  beforeAll(async () => {
    const [rpcPort, httpPort] = [await freePort(), await freePort()];
    port = rpcPort;
    const env = loadConfig(GatewayEnv, {
      CIM_STORE: 'memory',
      CIM_REGISTRY: 'memory',
      CIM_GATEWAY_HTTP_HOST: '127.0.0.1',
      CIM_GATEWAY_HTTP_PORT: String(httpPort),
      CIM_GATEWAY_RPC_BIND: '127.0.0.1',
      CIM_GATEWAY_RPC_PORT: String(rpcPort),
      CIM_SCRYPT_COST: '1024',
      CIM_LOG_LEVEL: 'warn',
    });
    app = await bootstrapRouteGateway(env, logs);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('logs a connection an im-server reset (it restarted) as a warning naming the server, not as an error', async () => {
    const socket = await connected(port);
    const local = `${socket.localAddress}:${socket.localPort}`;
    const request = { userId: 'u1', sessionId: 's1', serverId: 'im-7', reason: 'disconnect' };
    const frame = framer();
    socket.write(frame(hello.hello('im-server im-7')));
    socket.write(frame({ pattern: GatewayPatterns.SessionClosed, data: request, id: 'call-1' }));
    await new Promise((resolve) => socket.once('data', resolve));
    socket.resetAndDestroy();

    await eventually(() =>
      expect(logs.lines).toContainEqual({
        level: 'warn',
        context: 'ImServerCalls',
        text: `connection from im-server im-7 at ${local} was reset; the peer redials on its next call`,
      }),
    );
    expect(logs.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('names the cause when an authenticated peer sends a malformed frame, as an error, and closes only that connection', async () => {
    const other = await connected(port);
    const otherFrame = framer();
    const otherReplies = replies(other);
    other.write(otherFrame(hello.hello('im-server im-8')));
    const socket = await connected(port);
    const local = `${socket.localAddress}:${socket.localPort}`;
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(framer()(hello.hello('im-server im-7')));
    socket.write(Buffer.from([0, 0, 0, 2, 0x92, 0x01]));
    await closed;
    await eventually(() =>
      expect(logs.lines).toContainEqual({
        level: 'error',
        context: 'ImServerCalls',
        text: expect.stringMatching(
          new RegExp(
            `^connection from im-server im-7 at ${local} failed: malformed RPC frame of 2 bytes: .*; it is closed$`,
          ),
        ),
      }),
    );
    const request = { userId: 'u1', sessionId: 's1', serverId: 'im-8', reason: 'disconnect' };
    other.write(otherFrame({ pattern: GatewayPatterns.SessionClosed, data: request, id: 'call-3' }));
    await eventually(() => expect(otherReplies).toContainEqual(expect.objectContaining({ id: 'call-3' })));
    other.destroy();
  });

  it('refuses a stranger speaking another protocol: a refusal naming the cause, a warning, closed', async () => {
    const socket = await connected(port);
    const received = replies(socket);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('5#{nope');
    await closed;
    expect(received).toEqual([
      {
        refused: {
          code: 'Unauthenticated',
          message: expect.stringContaining(
            'not authenticated: a frame of 891517806 bytes is over the limit of 4096',
          ),
        },
      },
    ]);
  });

  it('refuses a call on a connection that did not authenticate: an RpcFailure, a warning naming the peer, closed', async () => {
    const socket = await connected(port);
    const local = `${socket.localAddress}:${socket.localPort}`;
    const received = replies(socket);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const request = { userId: 'u1', sessionId: 's1', serverId: 'im-7', reason: 'disconnect' };
    socket.write(framer()({ pattern: GatewayPatterns.SessionClosed, data: request, id: 'call-2' }));
    await closed;

    expect(received).toEqual([
      expect.objectContaining({ id: 'call-2', err: expect.objectContaining({ code: 'Unauthenticated' }) }),
    ]);
    expect(logs.lines).toContainEqual({
      level: 'warn',
      context: 'ImServerCalls',
      text: `refused an RPC connection from ${local}: no credential: the first frame is not a hello`,
    });
  });
});
