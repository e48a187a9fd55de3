import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Clock, PasswordHasher, TokenClaims, TokenSigner } from '@cim/auth';
import { SESSION_STORE, SessionStore, UserRecord } from '@cim/session-store';
import { CLOCK } from '../clock/clock.module';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayError } from '../errors/gateway-error';
import { accountOf, LoginAttempts } from '../login-attempts/login-attempts';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ServerDirectory } from '../servers/server-directory';
import { LoginRequest } from './dto/login.request';
import { LoginResponse } from './dto/login.response';
import { OnlineClaim } from './online-claim';

const WRONG_CREDENTIALS = 'wrong user name, user id or password';

@Injectable()
export class LoginService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly hasher: PasswordHasher,
    private readonly signer: TokenSigner,
    private readonly directory: ServerDirectory,
    private readonly online: OnlineClaim,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly env: GatewayEnv,
    private readonly metrics: GatewayMetrics,
    private readonly attempts: LoginAttempts,
  ) {}

  /**
   * Checks the credentials, picks an im-server, makes this login the user's online session and signs
   * a token for it: the client presents the token to that server in LOGIN.
   */
  async login(credentials: LoginRequest, address = 'unknown'): Promise<LoginResponse> {
    const user = await this.authenticate(credentials, address);
    const server = this.directory.pick(user.id);
    if (!server) throw new GatewayError('Unavailable', 'no im-server available');
    const sessionId = randomBytes(16).toString('base64url');
    await this.online.claim(
      { userId: user.id, serverId: server.id, sessionId, since: this.clock() },
      user.name,
    );
    const { token, expiresAt } = this.signer.sign(
      { sub: user.id, name: user.name, srv: server.id, sid: sessionId },
      this.env.CIM_TOKEN_TTL_MS,
    );
    this.metrics.loggedIn();
    return {
      userId: user.id,
      name: user.name,
      token,
      expiresAt,
      server: { id: server.id, host: server.host, port: server.clientPort },
    };
  }

  /** Ends the token's session: the user goes offline and their connection is closed. */
  async logout(claims: TokenClaims): Promise<void> {
    await this.store.releaseOnline(claims.sub, claims.sid);
    await this.online.kick(
      { userId: claims.sub, serverId: claims.srv, sessionId: claims.sid, since: 0 },
      'logged out',
    );
  }

  /**
   * The same answer, after the same work, for an unknown user and a wrong password, so that names
   * cannot be probed; an account or address with too many failures is refused first (429).
   */
  private async authenticate({ name, userId, password }: LoginRequest, address: string): Promise<UserRecord> {
    const found =
      userId !== undefined ? await this.store.findUserById(userId) : await this.store.findUserByName(name!);
    const user = found !== null && (name === undefined || name === found.name) ? found : null;
    const attempt = { account: accountOf({ name, userId }, user), address };
    await this.attempts.check(attempt);
    const valid = await this.attempts.verify(password, user?.passwordHash);
    await this.attempts.record(attempt, valid);
    if (!valid || !user) throw new UnauthorizedException(WRONG_CREDENTIALS);
    return user;
  }
}
