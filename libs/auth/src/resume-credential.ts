import { createHmac, timingSafeEqual } from 'node:crypto';
import { Clock, systemClock } from './clock';

/**
 * What a resume credential says: this user, on this device's line of sessions (`rid`, made at the
 * password login and kept by every resume), may be given a new login token without a password until
 * `exp`, while their resume generation is still `gen`.
 */
export interface ResumeClaims {
  /** User id. */
  sub: string;
  /** User name, for the token a resume signs. */
  name: string;
  /** The resumable session: one per password login. */
  rid: string;
  /** The user's resume generation when it was issued; a revocation moves the generation on. */
  gen: number;
  /** Expiry, milliseconds since the epoch. */
  exp: number;
}

export type ResumeProblem = 'malformed' | 'bad-signature' | 'expired';

export class InvalidResumeCredentialError extends Error {
  constructor(readonly problem: ResumeProblem) {
    super(
      {
        malformed: 'resume credential is malformed',
        'bad-signature': 'resume credential signature is invalid',
        expired: 'resume credential has expired',
      }[problem],
    );
    this.name = 'InvalidResumeCredentialError';
  }
}

/**
 * Signs and checks resume credentials: base64url(JSON claims) "." base64url(HMAC-SHA256). The key is
 * derived from the token secret for this one use, so a login token is never a resume credential and
 * a resume credential never a login token.
 */
export class ResumeCredentialSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.key = createHmac('sha256', secret).update('cim resume credential v1').digest();
  }

  sign(claims: Omit<ResumeClaims, 'exp'>, ttlMs: number): { credential: string; expiresAt: number } {
    const full: ResumeClaims = { ...claims, exp: this.clock() + ttlMs };
    const payload = Buffer.from(JSON.stringify(full)).toString('base64url');
    return { credential: `${payload}.${this.signature(payload)}`, expiresAt: full.exp };
  }

  /** The claims of a valid credential; throws InvalidResumeCredentialError naming what is wrong. */
  verify(credential: string): ResumeClaims {
    const dot = typeof credential === 'string' ? credential.indexOf('.') : -1;
    if (dot <= 0 || credential.length > 4096) throw new InvalidResumeCredentialError('malformed');
    const payload = credential.slice(0, dot);
    const given = Buffer.from(credential.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.signature(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidResumeCredentialError('bad-signature');
    }
    const claims = parseClaims(payload);
    if (claims.exp <= this.clock()) throw new InvalidResumeCredentialError('expired');
    return claims;
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

function parseClaims(payload: string): ResumeClaims {
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ResumeClaims;
    const strings = [claims.sub, claims.name, claims.rid].every((v) => typeof v === 'string');
    if (strings && Number.isInteger(claims.gen) && typeof claims.exp === 'number') return claims;
  } catch {
    // fall through: a signed credential that does not parse is still malformed
  }
  throw new InvalidResumeCredentialError('malformed');
}
