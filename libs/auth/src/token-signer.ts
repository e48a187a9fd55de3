import { createHmac, timingSafeEqual } from 'node:crypto';
import { Clock, systemClock } from './clock';

/** What a login token says: this user may connect to this server, in this session, until exp. */
export interface TokenClaims {
  /** User id. */
  sub: string;
  /** User name, so the im-server can label messages without a lookup. */
  name: string;
  /** The im-server the token was issued for. */
  srv: string;
  /** The login session; a later login gets another one. */
  sid: string;
  /** The device the session is for, and its kind (absent in tokens that predate devices: the default). */
  dev?: string;
  dk?: string;
  /** Expiry, milliseconds since the epoch. */
  exp: number;
}

export type TokenProblem = 'malformed' | 'bad-signature' | 'expired';

export class InvalidTokenError extends Error {
  constructor(readonly problem: TokenProblem) {
    super(
      {
        malformed: 'token is malformed',
        'bad-signature': 'token signature is invalid',
        expired: 'token has expired',
      }[problem],
    );
    this.name = 'InvalidTokenError';
  }
}

/**
 * Compact HMAC-SHA256 tokens: base64url(JSON claims) "." base64url(signature). The route-gateway
 * signs them at login; im-servers and the gateway's guards verify them with the same secret.
 */
export class TokenSigner {
  constructor(
    private readonly secret: string,
    private readonly clock: Clock = systemClock,
  ) {}

  sign(claims: Omit<TokenClaims, 'exp'>, ttlMs: number): { token: string; expiresAt: number } {
    const full: TokenClaims = { ...claims, exp: this.clock() + ttlMs };
    const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
    return { token: `${payload}.${this.signature(payload)}`, expiresAt: full.exp };
  }

  /** The claims of a valid token; throws InvalidTokenError naming what is wrong otherwise. */
  verify(token: string): TokenClaims {
    const dot = typeof token === 'string' ? token.indexOf('.') : -1;
    if (dot <= 0 || token.length > 4096) throw new InvalidTokenError('malformed');
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.signature(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidTokenError('bad-signature');
    }
    const claims = parseClaims(payload);
    if (claims.exp <= this.clock()) throw new InvalidTokenError('expired');
    return claims;
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

function parseClaims(payload: string): TokenClaims {
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    const strings = [claims.sub, claims.name, claims.srv, claims.sid].every((v) => typeof v === 'string');
    if (strings && typeof claims.exp === 'number') return claims;
  } catch {
    // fall through: a signed token that does not parse is still malformed
  }
  throw new InvalidTokenError('malformed');
}
