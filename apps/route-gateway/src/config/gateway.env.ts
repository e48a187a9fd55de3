import { IsIn, IsInt, IsString, Max, Min, MinLength, ValidateBy, ValidationOptions } from 'class-validator';
import { InboxPolicy } from '@cim/session-store';
import { SecurityEnv } from '@cim/config';

export type LoginPolicy = 'refuse' | 'kick';
export type RouteStrategy = 'round-robin' | 'random' | 'consistent-hash';

const DAY_MS = 24 * 60 * 60 * 1000;

function IsPowerOfTwo(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPowerOfTwo',
      validator: {
        validate: (value: unknown) =>
          Number.isSafeInteger(value) &&
          (value as number) > 1 &&
          ((value as number) & ((value as number) - 1)) === 0,
        defaultMessage: () => 'must be a power of two',
      },
    },
    options,
  );
}

/**
 * The route-gateway's configuration: each property is the environment variable of the same name, with
 * its default. loadConfig(GatewayEnv) validates them at start-up; a bad value stops the process.
 */
export class GatewayEnv extends SecurityEnv {
  /** Where the HTTP API (and Swagger UI at /docs) listens. */
  @IsString()
  @MinLength(1)
  CIM_GATEWAY_HTTP_HOST = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_GATEWAY_HTTP_PORT = 8080;

  /** Where Nest's TCP transport listens for the im-servers' calls (bind address). */
  @IsString()
  @MinLength(1)
  CIM_GATEWAY_RPC_BIND = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_GATEWAY_RPC_PORT = 8081;

  /** A login of a user who is already online: 'refuse' answers 409, 'kick' closes the old connection. */
  @IsIn(['refuse', 'kick'])
  CIM_LOGIN_POLICY: LoginPolicy = 'refuse';

  /** How a login picks its im-server among the live ones. */
  @IsIn(['round-robin', 'random', 'consistent-hash'])
  CIM_ROUTE_STRATEGY: RouteStrategy = 'round-robin';

  /** Lifetime of a login token. */
  @IsInt()
  @Min(1000)
  CIM_TOKEN_TTL_MS = 60 * 60 * 1000;

  /** Most offline messages kept per user; the oldest are dropped first. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CIM_INBOX_CAP = 1000;

  /** How long an inbox lives after its last write. */
  @IsInt()
  @Min(1000)
  CIM_INBOX_TTL_MS = 7 * DAY_MS;

  /** scrypt's CPU/memory cost N for new password hashes (r=8, p=1); existing hashes keep their own. */
  @IsInt()
  @IsPowerOfTwo()
  @Min(1024)
  @Max(1_048_576)
  CIM_SCRYPT_COST = 16384;

  /** Largest message body, in UTF-8 bytes. */
  @IsInt()
  @Min(1)
  @Max(32768)
  CIM_MAX_BODY_BYTES = 4096;

  /** How long a fresh login's route counts as connecting (online) before the client's TCP LOGIN arrives. */
  @IsInt()
  @Min(0)
  CIM_CONNECT_GRACE_MS = 15000;

  /** How long a sender's client message id is remembered, so that a re-sent SEND is delivered once. */
  @IsInt()
  @Min(1000)
  CIM_DEDUP_WINDOW_MS = 10 * 60 * 1000;

  /**
   * This gateway's node id (0..1023) in the message ids it makes; -1 picks a random one at start-up.
   * Give each gateway of a cluster its own id (e.g. the StatefulSet ordinal): two gateways sharing an
   * id could make the same message id in the same millisecond.
   */
  @IsInt()
  @Min(-1)
  @Max(1023)
  CIM_NODE_ID = -1;

  /** How long a call to an im-server may take before it counts as failed. */
  @IsInt()
  @Min(100)
  @Max(60000)
  CIM_RPC_TIMEOUT_MS = 3000;
}

export function inboxPolicy(env: GatewayEnv): InboxPolicy {
  return { cap: env.CIM_INBOX_CAP, ttlMs: env.CIM_INBOX_TTL_MS };
}
