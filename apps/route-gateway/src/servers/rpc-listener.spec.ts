import { INestApplication } from '@nestjs/common';
import { connect, Socket } from 'node:net';
import { DEVELOPMENT_RPC_SECRET, loadConfig } from '@cim/config';
import { LogCapture } from '@cim/delivery';
import { freePort } from '@cim/local-cluster';
import { GatewayPatterns } from '@cim/protocol';
import { RpcAuthenticator } from '@cim/rpc';
import { bootstrapRouteGateway } from '../bootstrap';
import { GatewayEnv } from '../config/gateway.env';

// content-disposition 3 is an ES module, which Jest cannot require; @fastify/static (Swagger UI's assets)
// needs it only for reply.download(). Node itself loads it fine.
jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

/** One call in the framing of Nest's TCP transport (`<length>#<json>`). */
function frame(packet: object): string {
  const json = JSON.stringify(packet);
  return `${json.length}#${json}`;
}

async function eventually(assertion: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
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

  it('names the cause when a peer sends what is not a call, as an error, and closes only that connection', async () => {
    const socket = await connected(port);
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('5#{nope');
    await closed;
    await eventually(() =>
      expect(logs.lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          context: 'ImServerCalls',
          text: expect.stringContaining('connection from a peer not yet authenticated at'),
        }),
      ),
    );
    (await connected(port)).destroy();
  });

  it('refuses a call on a connection that did not authenticate: an RpcFailure, a warning naming the peer, closed', async () => {
    const socket = await connected(port);
    const local = `${socket.localAddress}:${socket.localPort}`;
    const replies: string[] = [];
    socket.on('data', (data) => replies.push(String(data)));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const request = { userId: 'u1', sessionId: 's1', serverId: 'im-7', reason: 'disconnect' };
    socket.write(frame({ pattern: GatewayPatterns.SessionClosed, data: request, id: 'call-2' }));
    await closed;

    expect(replies.join('')).toContain('"code":"Unauthenticated"');
    expect(replies.join('')).toContain('"id":"call-2"');
    expect(logs.lines).toContainEqual({
      level: 'warn',
      context: 'ImServerCalls',
      text: `refused an RPC connection from ${local}: no credential: the first frame is not a hello`,
    });
  });
});
