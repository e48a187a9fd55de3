import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, Login, toMessageBatch } from '@cim/protocol';
import { InvalidTokenError, TokenSigner } from '@cim/auth';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { ServerStats } from '../connections/server-stats';
import { GatewayClient } from '../gateway/gateway-client';
import { ClientFrameError, closing } from '../transport/client-frame.error';
import { Connection } from '../transport/connection';

/** LOGIN: checks the token the route-gateway issued, binds the user to the connection, hands over the inbox. */
@Injectable()
export class LoginService {
  private readonly logger = new Logger(LoginService.name);

  constructor(
    private readonly env: ImServerEnv,
    private readonly tokens: TokenSigner,
    private readonly connections: ConnectionRegistry,
    private readonly gateway: GatewayClient,
    private readonly stats: ServerStats,
  ) {}

  async login(connection: Connection, login: Login, requestId?: number): Promise<void> {
    if (connection.session)
      throw new ClientFrameError(ErrorCode.AlreadyLoggedIn, 'this connection is logged in already', true);
    const claims = this.verify(login);
    const session = { userId: claims.sub, userName: claims.name, sessionId: claims.sid };
    const ref = { ...session, serverId: this.env.CIM_SERVER_ID };
    const { inbox } = await this.gateway.sessionOpened(ref).catch((error) => {
      throw closing(error);
    });
    if (!connection.open) {
      // The client left while the gateway answered; its messages stay in the unacked ledger.
      await this.gateway.sessionClosed({ ...ref, reason: 'disconnect' });
      return;
    }
    connection.session = session;
    const replaced = this.connections.bind(connection);
    replaced?.close('kicked', { kicked: { reason: 'logged in on another connection' } });
    this.stats.logins++;
    connection.write({
      requestId,
      loginAck: {
        ...session,
        serverId: this.env.CIM_SERVER_ID,
        heartbeatIntervalMs: this.env.CIM_HEARTBEAT_INTERVAL_MS,
        idleTimeoutMs: this.env.CIM_IDLE_TIMEOUT_MS,
      },
    });
    if (inbox.length) {
      connection.write({ messages: toMessageBatch(inbox, true) });
      this.stats.messagesOut += inbox.length;
    }
    this.logger.debug(`user ${session.userId} logged in from ${connection.remote}`);
  }

  private verify(login: Login) {
    try {
      const claims = this.tokens.verify(login.token);
      if (claims.sub !== login.userId) throw new Error('token was issued to another user');
      if (claims.srv !== this.env.CIM_SERVER_ID) throw new Error('token was issued for another server');
      return claims;
    } catch (error) {
      const text =
        error instanceof InvalidTokenError || error instanceof Error ? error.message : 'invalid token';
      throw new ClientFrameError(ErrorCode.InvalidToken, text, true);
    }
  }
}
