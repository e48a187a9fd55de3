import { ErrorCode } from '@cim/protocol';
import { Logger } from '@nestjs/common';
import { TokenSigner } from '@cim/auth';
import { MetricsRegistry } from '@cim/observability';
import {
  decodeFrames,
  Frame,
  FrameDecoder,
  SessionClosedRequest,
  SessionOpenedReply,
  SessionRef,
} from '@cim/protocol';
import { ConfirmationQueue } from '../admission/confirmation-queue';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { ServerStats } from '../stats/server-stats';
import { ServerRun } from '../run-lease/server-run';
import { GatewayClient } from '../gateway/gateway-client';
import { SessionsService } from '../sessions/sessions.service';
import { asClientFailure, ClientFrameError } from '../transport/client-frame.error';
import { Connection } from '../transport/connection';
import { ClientLink } from '../transport/carriers/client-link';
import { LoginService } from './login.service';

const SECRET = 'login-service-spec-secret-0123456789';

/** A socket that keeps what is written to it and says whether it was ended. */
function fakeLink() {
  const written: Buffer[] = [];
  const link: ClientLink = {
    carrier: 'tcp',
    destroyed: false,
    remote: '127.0.0.1:1',
    backlog: 0,
    write: (bytes: Buffer) => void written.push(bytes),
    cork: () => undefined,
    uncork: () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    end: () => void ((link as { destroyed: boolean }).destroyed = true),
    destroy: () => void ((link as { destroyed: boolean }).destroyed = true),
  };
  return { link, frames: (): Frame[] => decodeFrames(Buffer.concat(written)) };
}

/** What the route-gateway would answer: each call waits for the spec to settle it when `held`. */
class FakeGateway {
  readonly opened: SessionRef[] = [];
  readonly closed: SessionClosedRequest[] = [];
  refuse?: string;
  private release?: () => void;
  private gate?: Promise<void>;

  holdClosed(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  releaseClosed(): void {
    this.release?.();
  }

  async sessionOpened(ref: SessionRef): Promise<SessionOpenedReply> {
    this.opened.push(ref);
    if (this.refuse) throw new Error(this.refuse);
    return { inbox: [] };
  }

  async sessionClosed(request: SessionClosedRequest): Promise<{ released: boolean }> {
    await this.gate;
    this.closed.push(request);
    return { released: true };
  }
}

function setUp() {
  const env = {
    CIM_SERVER_ID: 'im-1',
    CIM_HEARTBEAT_INTERVAL_MS: 1000,
    CIM_IDLE_TIMEOUT_MS: 3000,
    CIM_MAX_SESSION_CONFIRMATIONS: 4,
    CIM_SESSION_CONFIRMATION_WAIT_MS: 1000,
    CIM_LOGIN_BUSY_RETRY_AFTER_MS: 2000,
  };
  const signer = new TokenSigner(SECRET);
  const connections = new ConnectionRegistry();
  const gateway = new FakeGateway();
  const sessions = new SessionsService(env as ImServerEnv, connections, gateway as unknown as GatewayClient);
  const stats = new ServerStats(env as ImServerEnv, connections, new MetricsRegistry('im-server'));
  const service = new LoginService(
    env as ImServerEnv,
    signer,
    connections,
    gateway as unknown as GatewayClient,
    stats,
    sessions,
    { incarnation: 'run-1' } as ServerRun,
    new ConfirmationQueue(env as ImServerEnv),
  );
  let ids = 0;
  function connect() {
    const { link, frames } = fakeLink();
    const connection = new Connection(++ids, link, new FrameDecoder(65536), {
      sendLimit: { ratePerSecond: 100, burst: 100 },
      maxOutboundBytes: 1 << 20,
      onSlowReader: () => undefined,
    });
    return { connection, frames };
  }
  const token = (sid: string, dev?: string) =>
    signer.sign({ sub: '10001', name: 'alice', srv: 'im-1', sid, ...(dev ? { dev, dk: 'web' } : {}) }, 60_000)
      .token;
  const login = (connection: Connection, sid: string, dev?: string, named = dev) =>
    service.login(connection, { userId: '10001', token: token(sid, dev), deviceId: named }, 1);
  return { connections, gateway, sessions, connect, login };
}

describe('LoginService', () => {
  beforeAll(() => Logger.overrideLogger(['fatal', 'error']));

  it('binds the user and answers LOGIN_ACK', async () => {
    const { connections, gateway, connect, login } = setUp();
    const c1 = connect();
    await login(c1.connection, 's1');
    expect(connections.ofUser('10001')).toEqual([c1.connection]);
    expect(gateway.opened).toEqual([
      {
        userId: '10001',
        userName: 'alice',
        sessionId: 's1',
        deviceId: 'default',
        deviceKind: 'other',
        serverId: 'im-1',
        incarnation: 'run-1',
      },
    ]);
    expect(c1.frames()[0].loginAck).toMatchObject({ userId: '10001', serverId: 'im-1' });
  });

  it('lets the same token take the session over on a new connection: the old one closes without KICKED and releases nothing', async () => {
    const { connections, gateway, sessions, connect, login } = setUp();
    const c1 = connect();
    const c2 = connect();
    await login(c1.connection, 's1');
    await login(c2.connection, 's1');
    expect(c1.connection.open).toBe(false);
    expect(c1.frames().filter((f) => f.kicked)).toEqual([]);
    expect(connections.ofUser('10001')).toEqual([c2.connection]);
    await sessions.closed(c1.connection);
    expect(gateway.closed).toEqual([]);
    await sessions.closed(c2.connection);
    expect(gateway.closed).toMatchObject([{ userId: '10001', sessionId: 's1' }]);
  });

  it('kicks the connection of an older session', async () => {
    const { connections, connect, login } = setUp();
    const c1 = connect();
    const c2 = connect();
    await login(c1.connection, 's1');
    await login(c2.connection, 's2');
    expect(c1.frames().find((f) => f.kicked)?.kicked?.reason).toBe('logged in on another connection');
    expect(connections.ofUser('10001')).toEqual([c2.connection]);
  });

  it('undoes only its own binding when the gateway refuses: the earlier connection stays reachable', async () => {
    const { connections, gateway, sessions, connect, login } = setUp();
    const c1 = connect();
    const c2 = connect();
    await login(c1.connection, 's1');
    gateway.refuse = 'this login session has ended: log in again';
    await expect(login(c2.connection, 's0')).rejects.toBeInstanceOf(ClientFrameError);
    expect(connections.ofUser('10001')).toEqual([c1.connection]);
    expect(c1.connection.open).toBe(true);
    expect(c1.frames().filter((f) => f.kicked)).toEqual([]);
    await sessions.closed(c2.connection);
    expect(gateway.closed).toEqual([]);
  });

  it('reports the end of the earlier connection if it closed while a refused LOGIN had displaced it', async () => {
    const { connections, gateway, sessions, connect, login } = setUp();
    const c1 = connect();
    const c2 = connect();
    await login(c1.connection, 's1');
    gateway.refuse = 'gateway unavailable';
    const refused = login(c2.connection, 's0');
    c1.connection.close('disconnect');
    await sessions.closed(c1.connection);
    await expect(refused).rejects.toBeInstanceOf(ClientFrameError);
    await sessions.settled();
    expect(connections.ofUser('10001')).toEqual([]);
    expect(gateway.closed).toMatchObject([{ userId: '10001', sessionId: 's1', reason: 'disconnect' }]);
  });

  it("confirms a LOGIN only after the report of the user's previous connection has reached the gateway", async () => {
    const { gateway, sessions, connect, login } = setUp();
    const c1 = connect();
    await login(c1.connection, 's1');
    gateway.holdClosed();
    c1.connection.close('disconnect');
    const reported = sessions.closed(c1.connection);
    const second = login(connect().connection, 's1');
    await new Promise((resolve) => setImmediate(resolve));
    expect(gateway.opened).toHaveLength(1);
    gateway.releaseClosed();
    await Promise.all([reported, second]);
    expect(gateway.closed).toHaveLength(1);
    expect(gateway.opened).toHaveLength(2);
  });

  it("binds each of the user's devices to its own connection, and kicks only the same device's older one", async () => {
    const { connections, gateway, connect, login } = setUp();
    const [phone, laptop, laptopAgain] = [connect(), connect(), connect()];
    await login(phone.connection, 's1', 'phone');
    await login(laptop.connection, 's2', 'laptop');
    expect(connections.ofUser('10001')).toEqual([phone.connection, laptop.connection]);
    expect(phone.frames()[0].loginAck).toMatchObject({ deviceId: 'phone', deviceKind: 'web' });
    expect(gateway.opened.map((ref) => ref.deviceId)).toEqual(['phone', 'laptop']);
    await login(laptopAgain.connection, 's3', 'laptop');
    expect(laptop.frames().find((f) => f.kicked)).toBeDefined();
    expect(phone.connection.open).toBe(true);
    expect(connections.ofUser('10001')).toEqual([phone.connection, laptopAgain.connection]);
  });

  it('refuses a LOGIN that names another device than its token', async () => {
    const { connections, connect, login } = setUp();
    const c1 = connect();
    const refused = await login(c1.connection, 's1', 'phone', 'laptop').catch((e: ClientFrameError) => e);
    expect(asClientFailure(refused)).toMatchObject({
      code: ErrorCode.InvalidToken,
      text: 'token was issued for device phone, not laptop',
    });
    expect(connections.size).toBe(0);
  });
});
