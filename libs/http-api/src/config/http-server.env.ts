import { IsInt, Max, Min } from 'class-validator';
import { DeliveryEnv } from '@cim/config';

/** Variables of the processes that serve an HTTP API (the route-gateway and the admin): its timeouts. */
export class HttpServerEnv extends DeliveryEnv {
  /** A request whose headers and body have not all arrived this long after it began is answered 408. */
  @IsInt()
  @Min(1000)
  @Max(600_000)
  CIM_HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /** A connection on which nothing is sent or received this long is closed. */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  CIM_HTTP_CONNECTION_TIMEOUT_MS = 120_000;

  /** How long an idle keep-alive connection stays open for the next request (longer than a proxy's). */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  CIM_HTTP_KEEP_ALIVE_TIMEOUT_MS = 72_000;
}

/** The HTTP timeouts, in ms, in the shape createHttpAdapter takes. */
export interface HttpTimeouts {
  requestMs: number;
  connectionMs: number;
  keepAliveMs: number;
}

export function httpTimeouts(env: HttpServerEnv): HttpTimeouts {
  return {
    requestMs: env.CIM_HTTP_REQUEST_TIMEOUT_MS,
    connectionMs: env.CIM_HTTP_CONNECTION_TIMEOUT_MS,
    keepAliveMs: env.CIM_HTTP_KEEP_ALIVE_TIMEOUT_MS,
  };
}
