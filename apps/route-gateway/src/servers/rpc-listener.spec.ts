import { INestApplication } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { connect, Socket } from 'node:net';
import { loadConfig } from '@cim/config';
import { captureNestLogs, CapturedLine } from '@cim/delivery';
import { createHttpAdapter } from '@cim/http-api';
import { freePort } from '@cim/local-cluster';
import { GatewayPatterns } from '@cim/protocol';
import { RouteGatewayModule } from '../app.module';
import { configureRouteGateway } from '../bootstrap';
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

describe("the gateway's listener for the im-servers' calls", () => {
  let app: INestApplication;
  let port: number;
  let lines: CapturedLine[];

  beforeAll(async () => {
    port = await freePort();
    const env = loadConfig(GatewayEnv, {
      CIM_STORE: 'memory',
      CIM_REGISTRY: 'memory',
      CIM_GATEWAY_RPC_BIND: '127.0.0.1',
      CIM_GATEWAY_RPC_PORT: String(port),
      CIM_SCRYPT_COST: '1024',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [RouteGatewayModule.forRoot(env)],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter());
    configureRouteGateway(app, env);
    // After compile(), which puts Nest's testing logger in place.
    lines = captureNestLogs();
    await app.startAllMicroservices();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('logs a connection an im-server reset (it restarted) as a warning naming the server, not as an error', async () => {
    const socket: Socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const local = `${socket.localAddress}:${socket.localPort}`;
    const request = { userId: 'u1', sessionId: 's1', serverId: 'im-7', reason: 'disconnect' };
    socket.write(frame({ pattern: GatewayPatterns.SessionClosed, data: request, id: 'call-1' }));
    await new Promise((resolve) => socket.once('data', resolve));
    socket.resetAndDestroy();

    await eventually(() =>
      expect(lines).toContainEqual({
        level: 'warn',
        context: 'ImServerCalls',
        text: `connection from im-server im-7 at ${local} was reset; the im-server redials on its next call`,
      }),
    );
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('names the cause when a peer sends what is not a call, as an error, and closes only that connection', async () => {
    const socket: Socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('5#{nope');
    await closed;
    await eventually(() =>
      expect(lines).toContainEqual(
        expect.objectContaining({
          level: 'error',
          context: 'ImServerCalls',
          text: expect.stringContaining('(not named yet)'),
        }),
      ),
    );
    const again = connect(port, '127.0.0.1');
    await new Promise((resolve) => again.once('connect', resolve));
    again.destroy();
  });
});
