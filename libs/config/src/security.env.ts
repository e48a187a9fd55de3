import { IsIn, IsInt, Min, MinLength, NotEquals, ValidateIf } from 'class-validator';
import { InfraEnv } from './infra.env';

/** A development-only secret, refused when NODE_ENV=production. */
export const DEVELOPMENT_TOKEN_SECRET = 'cim-development-secret-do-not-use-in-production';

/** A development-only secret of the RPC connections between processes, refused when NODE_ENV=production. */
export const DEVELOPMENT_RPC_SECRET = 'cim-development-rpc-secret-do-not-use-in-production';

const inProduction = (env: SecurityEnv) => env.NODE_ENV === 'production';

/** Variables of the processes that issue or check login tokens. */
export class SecurityEnv extends InfraEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** HMAC secret signing login tokens; in production it must be set, to at least 32 characters. */
  @ValidateIf(inProduction)
  @NotEquals(DEVELOPMENT_TOKEN_SECRET, {
    message: 'a secret of its own in production, not the development default',
  })
  @MinLength(32)
  CIM_TOKEN_SECRET = DEVELOPMENT_TOKEN_SECRET;

  /**
   * Shared secret of the Nest TCP connections between im-servers, route-gateways and admins: each
   * connection opens with an HMAC proof of it, and a listener refuses a peer without one. The same value
   * on every process; in production it must be set, to at least 32 characters.
   */
  @ValidateIf(inProduction)
  @NotEquals(DEVELOPMENT_RPC_SECRET, {
    message: 'a secret of its own in production, not the development default',
  })
  @MinLength(32)
  CIM_RPC_SECRET = DEVELOPMENT_RPC_SECRET;

  /** Per-user send rate limit (token bucket): messages per second... */
  @IsInt()
  @Min(1)
  CIM_SEND_RATE_PER_SEC = 50;

  /** ...and how many at once after a quiet spell. */
  @IsInt()
  @Min(1)
  CIM_SEND_BURST = 100;
}
