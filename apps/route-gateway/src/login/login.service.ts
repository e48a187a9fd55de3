import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ResumeCredentialSigner, TokenClaims } from '@cim/auth';
import { SESSION_STORE, SessionStore, UserRecord } from '@cim/session-store';
import { GatewayEnv } from '../config/gateway.env';
import { accountOf, LoginAttempts } from '../login-attempts/login-attempts';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { LoginRequest } from './dto/login.request';
import { LoginResponse } from './dto/login.response';
import { OnlineClaim } from './online-claim';
import { SessionGrant } from './session-grant';

const WRONG_CREDENTIALS = 'wrong user name, user id or password';

@Injectable()
export class LoginService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly grant: SessionGrant,
    private readonly credentials: ResumeCredentialSigner,
    private readonly online: OnlineClaim,
    private readonly env: GatewayEnv,
    private readonly metrics: GatewayMetrics,
    private readonly attempts: LoginAttempts,
  ) {}

  /**
   * Checks the credentials, picks an im-server, makes this login the user's online session and signs
   * a token for it: the client presents the token to that server in LOGIN. The answer also carries a
   * new resume credential, for coming back later without the password (POST /api/resume).
   */
  async login(credentials: LoginRequest, address = 'unknown'): Promise<LoginResponse> {
    const user = await this.authenticate(credentials, address);
    const generation = await this.store.resumeGeneration(user.id);
    const resume = this.credentials.sign(
      { sub: user.id, name: user.name, rid: randomBytes(12).toString('base64url'), gen: generation },
      this.env.CIM_RESUME_TTL_MS,
    );
    const answer = await this.grant.open(user, resume, credentials);
    this.metrics.loggedIn();
    return answer;
  }

  /**
   * Ends the token's session: the user goes offline and their connection is closed. A route still
   * pending (a client that logs out after its im-server refused the LOGIN, e.g. as busy) has no
   * connection anywhere: its server is not called, and a LOGIN of that session arriving later is
   * refused (the route it would confirm is gone).
   */
  async logout(claims: TokenClaims): Promise<void> {
    if ((await this.store.releaseSession(claims.sub, claims.sid)) === 'pending') return;
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
