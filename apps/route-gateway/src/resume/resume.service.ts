import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InvalidResumeCredentialError, ResumeClaims, ResumeCredentialSigner } from '@cim/auth';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { ResumeAttempts } from '../login-attempts/resume-attempts';
import { LoginResponse } from '../login/dto/login.response';
import { SessionGrant } from '../login/session-grant';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ResumeRequest } from './dto/resume.request';

/**
 * A client coming back without its password: a valid, unrevoked resume credential gets a new session
 * on a live im-server, exactly as a password login does, at the cost of an HMAC and one round trip of
 * store reads instead of a password hash. The answer carries the same credential (its expiry does not move).
 */
@Injectable()
export class ResumeService {
  constructor(
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    private readonly credentials: ResumeCredentialSigner,
    private readonly grant: SessionGrant,
    private readonly attempts: ResumeAttempts,
    private readonly metrics: GatewayMetrics,
  ) {}

  async resume(request: ResumeRequest, address = 'unknown'): Promise<LoginResponse> {
    const { credential } = request;
    const claims = await this.honoured(credential, address);
    const answer = await this.grant.open(
      { id: claims.sub, name: claims.name },
      { credential, expiresAt: claims.exp },
      request,
    );
    this.metrics.resumed();
    return answer;
  }

  /**
   * The claims of a credential that may be honoured; a refusal (401) names why, and counts. An address
   * blocked for its refusals is refused first (429). The block, the user and the credential's
   * generation are read in one round trip to the store, so a resume waits on as few as it can.
   */
  private async honoured(credential: string, address: string): Promise<ResumeClaims> {
    const refuse = async (why: string): Promise<never> => {
      await this.attempts.failed(address);
      throw new UnauthorizedException(`${why}; log in with the password`);
    };
    let claims: ResumeClaims;
    try {
      claims = this.credentials.verify(credential);
    } catch (error) {
      if (!(error instanceof InvalidResumeCredentialError)) throw error;
      await this.attempts.check(address);
      return refuse(error.message);
    }
    const [, user, generation] = await Promise.all([
      this.attempts.check(address),
      this.store.findUserById(claims.sub),
      this.store.resumeGeneration(claims.sub),
    ]);
    if (!user) return refuse(`resume credential names user ${claims.sub}, who does not exist`);
    if (generation !== claims.gen) return refuse('resume credential has been revoked');
    return claims;
  }
}
