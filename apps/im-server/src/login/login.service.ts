import { Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  Login,
  loginProtocolVersion,
  sendSessionProblem,
  toMessageBatch,
  unsupportedProtocolVersion,
} from '@cim/protocol';
import { InvalidTokenError, TokenSigner } from '@cim/auth';
import { logLevels } from '@cim/config';
import { DEFAULT_DEVICE_ID, DEFAULT_DEVICE_KIND } from '@cim/session-store';
import { clientGone, ConfirmationQueue } from '../admission/confirmation-queue';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { ServerStats } from '../stats/server-stats';
import { ServerRun } from '../run-lease/server-run';
import { GatewayClient } from '../gateway/gateway-client';
import { SessionsService } from '../sessions/sessions.service';
import { ClientFrameError, closing } from '../transport/client-frame.error';
import { Connection, SessionBinding } from '../transport/connection';

/**
 * LOGIN: checks the token the route-gateway issued (for this user, this server and the device the
 * LOGIN names, if it names one), binds the user's device to the connection, hands over the inbox. A
 * token may be presented again while its session is current (a client reconnecting before this server
 * noticed its old connection drop): the new connection takes the session over and the old one is
 * closed without KICKED. A connection of an older session of the same device is closed with KICKED;
 * the user's other devices are let be. The gateway's confirmation waits its turn (ConfirmationQueue).
 */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);
  /** Asking a socket for its peer's address keeps the answer on it: only worth it when logged. */
  private readonly debugging: boolean;

  constructor(
    private readonly env: ImServerEnv,
    private readonly tokens: TokenSigner,
    private readonly connections: ConnectionRegistry,
    private readonly gateway: GatewayClient,
    private readonly stats: ServerStats,
    private readonly sessions: SessionsService,
    private readonly run: ServerRun,
    private readonly confirmations: ConfirmationQueue,
  ) {
    this.debugging = (logLevels(env.CIM_LOG_LEVEL) || []).includes('debug');
  }

  async login(connection: Connection, login: Login, requestId?: number): Promise<void> {
    if (connection.session)
      throw new ClientFrameError(ErrorCode.AlreadyLoggedIn, 'this connection is logged in already', true);
    const unsupported = unsupportedProtocolVersion(loginProtocolVersion(login));
    if (unsupported) throw new ClientFrameError(ErrorCode.UnsupportedProtocolVersion, unsupported, true);
    const badSendSession = sendSessionProblem(login.sendSession);
    if (badSendSession) throw new ClientFrameError(ErrorCode.BadRequest, badSendSession, true);
    const claims = this.verify(login);
    const session: SessionBinding = {
      userId: claims.sub,
      userName: claims.name,
      sessionId: claims.sid,
      deviceId: claims.dev ?? DEFAULT_DEVICE_ID,
      deviceKind: claims.dk ?? DEFAULT_DEVICE_KIND,
    };
    const { inbox, replaced } = await this.confirmations.run(connection, () =>
      this.confirm(connection, session, login.sendSession),
    );
    if (replaced) this.displace(replaced, session);
    this.stats.loggedIn();
    const loginAck = {
      ...session,
      serverId: this.env.CIM_SERVER_ID,
      heartbeatIntervalMs: this.env.CIM_HEARTBEAT_INTERVAL_MS,
      idleTimeoutMs: this.env.CIM_IDLE_TIMEOUT_MS,
    };
    const first = [
      { requestId, loginAck },
      ...(inbox.length ? [{ messages: toMessageBatch(inbox, true) }] : []),
    ];
    connection.release(first);
    this.stats.sentFromInbox(inbox);
    if (this.debugging) this.logger.debug(`user ${session.userId} logged in from ${connection.remote}`);
  }

  /**
   * Binds the session to the connection and has the gateway confirm it, which hands over the inbox.
   * Bound first, so that a message routed here meanwhile is not missed; such messages are held back
   * until after LOGIN_ACK and the inbox.
   */
  private async confirm(connection: Connection, session: SessionBinding, sendSession?: string) {
    await this.sessions.reported(session.userId);
    if (!connection.open) throw clientGone();
    connection.session = session;
    connection.sendSession = sendSession || undefined;
    connection.hold();
    const replaced = this.connections.bind(connection);
    const ref = { ...session, serverId: this.env.CIM_SERVER_ID, incarnation: this.run.incarnation };
    const { inbox } = await this.gateway.sessionOpened(ref).catch((error) => {
      this.undoBinding(connection, replaced);
      throw closing(error);
    });
    return { inbox, replaced };
  }

  /**
   * A refused LOGIN undoes only its own binding: the connection it displaced is bound again, or, if
   * that one closed meanwhile (and so reported nothing), its end is reported now.
   */
  private undoBinding(connection: Connection, replaced: Connection | undefined): void {
    const wasBound = this.connections.unbind(connection);
    connection.session = undefined;
    if (!wasBound || !replaced?.session) return;
    if (replaced.open) this.connections.bind(replaced);
    else void this.sessions.report(replaced.session, replaced.closeReason ?? 'disconnect');
  }

  /** Closes the connection this LOGIN took the user from: silently when it is the same session. */
  private displace(replaced: Connection, session: SessionBinding): void {
    if (replaced.session?.sessionId === session.sessionId) replaced.close('replaced');
    else replaced.close('kicked', { kicked: { reason: 'logged in on another connection' } });
  }

  private verify(login: Login) {
    try {
      const claims = this.tokens.verify(login.token);
      if (claims.sub !== login.userId) throw new Error('token was issued to another user');
      if (claims.srv !== this.env.CIM_SERVER_ID) throw new Error('token was issued for another server');
      const device = claims.dev ?? DEFAULT_DEVICE_ID;
      if (login.deviceId && login.deviceId !== device)
        throw new Error(`token was issued for device ${device}, not ${login.deviceId}`);
      const kind = claims.dk ?? DEFAULT_DEVICE_KIND;
      if (login.deviceKind && login.deviceKind !== kind)
        throw new Error(`token was issued for a device of kind ${kind}, not ${login.deviceKind}`);
      return claims;
    } catch (error) {
      const text =
        error instanceof InvalidTokenError || error instanceof Error ? error.message : 'invalid token';
      throw new ClientFrameError(ErrorCode.InvalidToken, text, true);
    }
  }
}
