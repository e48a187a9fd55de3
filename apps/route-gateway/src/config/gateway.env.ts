import { hostname } from 'node:os';
import {
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  ValidationOptions,
} from 'class-validator';
import { IsPortApartFrom } from '@cim/observability';
import { WebAppEnv } from '../web-app/web-app.env';

export type LoginPolicy = 'refuse' | 'kick';
export type SameKindPolicy = 'allow' | 'refuse' | 'kick';
export type RouteStrategy = 'round-robin' | 'random' | 'consistent-hash';

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
export class GatewayEnv extends WebAppEnv {
  /** Unique among live gateways: in Kubernetes, the pod name. The im-servers find gateways by it. */
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'letters, digits, dot, dash or underscore (1 to 64)' })
  CIM_GATEWAY_ID = hostname();

  /** Where the HTTP API (and Swagger UI at /docs) listens. */
  @IsString()
  @MinLength(1)
  CIM_GATEWAY_HTTP_HOST = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_GATEWAY_HTTP_PORT = 8080;

  /** Where /health, /ready and /metrics listen: the cluster network's, apart from the public API. */
  @IsString()
  @MinLength(1)
  CIM_GATEWAY_INTERNAL_HOST = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  @IsPortApartFrom(['CIM_GATEWAY_HTTP_PORT', 'CIM_GATEWAY_RPC_PORT'])
  CIM_GATEWAY_INTERNAL_PORT = 8082;

  /** Where Nest's TCP transport listens for the im-servers' calls (bind address). */
  @IsString()
  @MinLength(1)
  CIM_GATEWAY_RPC_BIND = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_GATEWAY_RPC_PORT = 8081;

  /** The host the im-servers reach this gateway's RPC listener at, published in the registry. */
  @IsString()
  @MinLength(1)
  CIM_GATEWAY_RPC_ADVERTISED_HOST = '127.0.0.1';

  /** On shutdown: how long the gateway keeps answering after leaving the registry. */
  @IsInt()
  @Min(0)
  CIM_GATEWAY_DRAIN_MS = 1000;

  /**
   * A login of a device that is already online (the same device id; logins that name no device share
   * the default one): 'refuse' answers 409, 'kick' closes the old connection.
   */
  @IsIn(['refuse', 'kick'])
  CIM_LOGIN_POLICY: LoginPolicy = 'refuse';

  /**
   * A login of a new device while the user is online on another device of the same kind: 'allow' it,
   * 'refuse' it (409), or 'kick' the other device(s) of that kind.
   */
  @IsIn(['allow', 'refuse', 'kick'])
  CIM_SAME_KIND_POLICY: SameKindPolicy = 'allow';

  /** Most devices a user may be online on (or logging in from) at once; one more is refused (409). */
  @IsInt()
  @Min(1)
  @Max(100)
  CIM_MAX_DEVICES = 5;

  /**
   * Logins and resumes one gateway works on at once; one more is answered 503 with Retry-After at
   * once, so that a crowd coming back together queues at its clients (who retry with jitter), not in
   * the gateway behind requests nobody waits for any more.
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  CIM_MAX_LOGINS_UNDER_WAY = 64;

  /** The Retry-After (seconds) of the 503 answered past CIM_MAX_LOGINS_UNDER_WAY. */
  @IsInt()
  @Min(1)
  @Max(3600)
  CIM_BUSY_RETRY_AFTER_SEC = 1;

  /** How a login picks its im-server among the live ones. */
  @IsIn(['round-robin', 'random', 'consistent-hash'])
  CIM_ROUTE_STRATEGY: RouteStrategy = 'round-robin';

  /** Lifetime of a login token. */
  @IsInt()
  @Min(1000)
  CIM_TOKEN_TTL_MS = 60 * 60 * 1000;

  /**
   * Lifetime of a resume credential (given at each password login): until then the client can get a
   * new token from POST /api/resume without its password, unless the credential is revoked.
   */
  @IsInt()
  @Min(1000)
  CIM_RESUME_TTL_MS = 7 * 24 * 60 * 60 * 1000;

  /**
   * Refused resumes one source address may have in the login failure window before it is blocked
   * (CIM_LOGIN_BLOCK_SEC). Higher than the login limit: a resume checks no password, and a NAT in front
   * of many clients whose credentials were revoked must not lock the others out.
   */
  @IsInt()
  @Min(1)
  CIM_RESUME_MAX_FAILURES_PER_ADDRESS = 1000;

  /** scrypt's CPU/memory cost N for new password hashes (r=8, p=1); existing hashes keep their own. */
  @IsInt()
  @IsPowerOfTwo()
  @Min(1024)
  @Max(1_048_576)
  CIM_SCRYPT_COST = 16384;

  /**
   * How long a login's route waits, pending in the session store, for the client's TCP LOGIN; then it
   * expires and the user is offline again.
   */
  @IsInt()
  @Min(100)
  CIM_CONNECT_GRACE_MS = 15000;

  /** How long a sender's client message id is remembered, so that a re-sent SEND is delivered once. */
  @IsInt()
  @Min(1000)
  CIM_DEDUP_WINDOW_MS = 10 * 60 * 1000;

  /** Most members a group may have, its owner included; creating or adding past it is refused (409). */
  @IsInt()
  @Min(2)
  @Max(100_000)
  CIM_GROUP_MAX_MEMBERS = 2000;

  /** Who has read a group message is answered (GET .../readers) for groups of at most this many members. */
  @IsInt()
  @Min(2)
  @Max(100_000)
  CIM_READ_RECEIPTS_MAX_GROUP = 500;

  /** Failed logins one user (by name or id, known or not) may have in the window before being blocked. */
  @IsInt()
  @Min(1)
  CIM_LOGIN_MAX_FAILURES_PER_USER = 10;

  /** Failed logins one source address may have in the window before being blocked. */
  @IsInt()
  @Min(1)
  CIM_LOGIN_MAX_FAILURES_PER_ADDRESS = 100;

  /** The window in which failed logins are counted, from the first failure. */
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  CIM_LOGIN_FAILURE_WINDOW_SEC = 900;

  /** How long a user or address that reached its limit is refused (429 with Retry-After). */
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  CIM_LOGIN_BLOCK_SEC = 900;
}
