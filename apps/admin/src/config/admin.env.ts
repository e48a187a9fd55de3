import { IsInt, IsString, Max, Min, MinLength, NotEquals, ValidateIf } from 'class-validator';
import { HttpServerEnv } from '@cim/http-api';
import { IsPortApartFrom } from '@cim/observability';

/** Development-only keys, refused when NODE_ENV=production. */
export const DEVELOPMENT_ADMIN_API_KEY = 'cim-development-admin-key-do-not-use-in-production';
export const DEVELOPMENT_PUSH_API_KEY = 'cim-development-push-key-do-not-use-in-production';

const inProduction = (env: AdminEnv) => env.NODE_ENV === 'production';

/**
 * The admin app's configuration: each property is the environment variable of the same name, with its
 * default. loadConfig(AdminEnv) validates them at start-up; a bad value stops the process.
 */
export class AdminEnv extends HttpServerEnv {
  /** Where the admin API (and Swagger UI at /docs) listens. */
  @IsString()
  @MinLength(1)
  CIM_ADMIN_HTTP_HOST = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  CIM_ADMIN_HTTP_PORT = 8090;

  /** Where /health, /ready and /metrics listen: the cluster network's, apart from the admin API. */
  @IsString()
  @MinLength(1)
  CIM_ADMIN_INTERNAL_HOST = '0.0.0.0';

  @IsInt()
  @Min(0)
  @Max(65535)
  @IsPortApartFrom(['CIM_ADMIN_HTTP_PORT'])
  CIM_ADMIN_INTERNAL_PORT = 8091;

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
}
