import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InvalidTokenError, TokenClaims, TokenSigner } from '@cim/auth';
import { SESSION_STORE, SessionStore, DEFAULT_DEVICE_ID } from '@cim/session-store';

/** The request of a protected endpoint, once the guard has let it through. */
export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  claims?: TokenClaims;
}

/**
 * Lets a request through when it carries `Authorization: Bearer <token>` with a valid token of the
 * user's current login session: a token of a session that logged out or was replaced is refused.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly signer: TokenSigner,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const claims = this.verify(bearerToken(request));
    // The token's device's route: one per device, so the session may be any of the user's.
    const route = await this.store.getRoute(claims.sub, claims.dev ?? DEFAULT_DEVICE_ID);
    if (route?.sessionId !== claims.sid) throw new UnauthorizedException('session ended');
    request.claims = claims;
    return true;
  }

  private verify(token: string): TokenClaims {
    try {
      return this.signer.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}

function bearerToken(request: AuthenticatedRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) throw new UnauthorizedException('missing bearer token');
  return match[1];
}
