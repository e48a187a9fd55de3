import { PROTOCOL_VERSION } from '@cim/protocol';
import { Device } from './device/device';
import { Carrier } from './carriers/carrier';
import { ConnectionHandlers, FrameConnection } from './connection';
import { CimError, CimServerError } from './errors';
import { GatewayApi } from './http-api';
import { SignIn } from './sign-in';
import { SessionInfo } from './types';

/** When LOGIN_ACK names no heartbeat interval. */
const DEFAULT_HEARTBEAT_MS = 10_000;

export interface OpenedSession {
  info: SessionInfo;
  token: string;
  connection: FrameConnection;
}

/**
 * The im-server that last answered a LOGIN of one login busy (ERROR with retry_after_ms), kept over
 * that login's attempts (start(), or one reconnection): the next sign-in asks the gateway to place
 * the session elsewhere (`avoid`).
 */
export interface BusyServer {
  id?: string;
}

export interface SessionOptions {
  carrier: Carrier;
  /** Named in LOGIN, as at HTTP login. */
  device: Device;
  connectTimeoutMs?: number;
  /** Overrides what LOGIN_ACK says. */
  heartbeatIntervalMs?: number;
  /** The stream the client's numbered SENDs belong to (LOGIN's send_session; Outbox). */
  sendSession?: string;
  /** Read for the sign-in, and set when the im-server answers LOGIN busy. */
  busyServer?: BusyServer;
}

/**
 * One login: POST /api/resume or /api/login (SignIn, naming the carrier, and the server that last
 * answered busy), a connection to the im-server it names, LOGIN → LOGIN_ACK. When a later step fails
 * (or the signal aborts), the connection is closed and the half-open session logged out again, so
 * that the next attempt does not find the user online; a LOGIN answered busy names its server in
 * `busyServer`.
 */
export async function openSession(
  api: GatewayApi,
  signIn: SignIn,
  handlers: ConnectionHandlers,
  options: SessionOptions,
  signal: AbortSignal,
): Promise<OpenedSession> {
  const login = await signIn.session(signal, options.busyServer?.id);
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  let connection: FrameConnection | undefined;
  try {
    signal.throwIfAborted();
    connection = await FrameConnection.connect(options.carrier, login.server, handlers, timeoutMs);
    signal.throwIfAborted();
    const answer = await connection.request(
      {
        login: {
          userId: login.userId,
          token: login.token,
          protocolVersion: PROTOCOL_VERSION,
          sendSession: options.sendSession,
          deviceId: options.device.id,
          deviceKind: options.device.kind,
        },
      },
      timeoutMs,
    );
    signal.throwIfAborted();
    const ack = answer.loginAck;
    if (!ack) throw new CimError('the answer to LOGIN was not a LOGIN_ACK');
    const heartbeatIntervalMs =
      options.heartbeatIntervalMs ?? (Number(ack.heartbeatIntervalMs) || DEFAULT_HEARTBEAT_MS);
    const info: SessionInfo = {
      userId: login.userId,
      name: ack.userName || login.name,
      server: { ...login.server, id: ack.serverId || login.server.id },
      heartbeatIntervalMs,
      resumed: login.resumed,
      device: { ...options.device },
    };
    return { info, token: login.token, connection };
  } catch (error) {
    if (options.busyServer && isBusyAnswer(error)) options.busyServer.id = login.server.id;
    connection?.close();
    void api.logout(login.token).catch(() => undefined);
    throw error;
  }
}

/** An ERROR answering LOGIN that asks to try again later: the server is too busy to confirm it now. */
function isBusyAnswer(error: unknown): boolean {
  return error instanceof CimServerError && error.retryAfterMs !== undefined;
}
