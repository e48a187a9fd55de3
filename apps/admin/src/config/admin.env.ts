import { IsInt, IsString, Max, Min, MinLength, NotEquals, ValidateIf } from 'class-validator';
import { SecurityEnv } from '@cim/config';
import { InboxPolicy } from '@cim/session-store';

/** Development-only keys, refused when NODE_ENV=production. */
export const DEVELOPMENT_ADMIN_API_KEY = 'cim-development-admin-key-do-not-use-in-production';
export const DEVELOPMENT_PUSH_API_KEY = 'cim-development-push-key-do-not-use-in-production';

const DAY_MS = 24 * 60 * 60 * 1000;
const inProduction = (env: AdminEnv) => env.NODE_ENV === 'production';

/**
 * The admin app's configuration: each property is the environment variable of the same name, with its
 * default. loadConfig(AdminEnv) validates them at start-up; a bad value stops the process.
 */
export class AdminEnv extends SecurityEnv {
  /** Where the admin API (and Swagger UI at /docs) listens. */
  @IsString()
  @MinLength(1)
  CIM_ADMIN_HTTP_HOST = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_ADMIN_HTTP_PORT = 8090;

  /** The operators' key (header x-api-key); in production it must be set, to at least 32 characters. */
  @ValidateIf(inProduction)
  @NotEquals(DEVELOPMENT_ADMIN_API_KEY, {
    message: 'a key of its own in production, not the development default',
  })
  @MinLength(32)
  CIM_ADMIN_API_KEY = DEVELOPMENT_ADMIN_API_KEY;

  /** The app backends' key for the push API (header x-push-key); the same rules. */
  @ValidateIf(inProduction)
  @NotEquals(DEVELOPMENT_PUSH_API_KEY, {
    message: 'a key of its own in production, not the development default',
  })
  @MinLength(32)
  CIM_PUSH_API_KEY = DEVELOPMENT_PUSH_API_KEY;

  /** How long a call to an im-server (or a registry listing) may take before it counts as failed. */
  @IsInt()
  @Min(100)
  @Max(60000)
  CIM_RPC_TIMEOUT_MS = 3000;

  /** Most offline messages kept per user, as on the route-gateway: give both the same value. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CIM_INBOX_CAP = 1000;

  /** How long an inbox lives after its last write, as on the route-gateway. */
  @IsInt()
  @Min(1000)
  CIM_INBOX_TTL_MS = 7 * DAY_MS;

  /** Largest pushed or broadcast body, in UTF-8 bytes. */
  @IsInt()
  @Min(1)
  @Max(32768)
  CIM_MAX_BODY_BYTES = 4096;

  /**
   * The node id (0..1023) in the message ids this app makes; -1 picks a random one. Give it one that
   * no route-gateway of the cluster uses.
   */
  @IsInt()
  @Min(-1)
  @Max(1023)
  CIM_NODE_ID = -1;
}

export function inboxPolicy(env: AdminEnv): InboxPolicy {
  return { cap: env.CIM_INBOX_CAP, ttlMs: env.CIM_INBOX_TTL_MS };
}
