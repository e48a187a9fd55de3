import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { httpLoggingOptions } from '@cim/observability';
import { HttpTimeouts } from '../config/http-server.env';

/** Request bodies are small JSON documents; message bodies are limited further by CIM_MAX_BODY_BYTES. */
export const HTTP_BODY_LIMIT_BYTES = 64 * 1024;

/** The defaults of HttpServerEnv, for apps made in tests. */
export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  requestMs: 30_000,
  connectionMs: 120_000,
  keepAliveMs: 72_000,
};

/**
 * Fastify, with the app's pino logger (request ids, one access-log line per request) when given, and
 * timeouts: a request that trickles in (headers, then a body a byte now and then) is answered 408 and
 * its connection closed once it has taken the request timeout; Node checks for such requests every
 * second (its default, 30 s, would let one last that much longer).
 */
export function createHttpAdapter(
  logger?: Logger,
  timeouts: HttpTimeouts = DEFAULT_HTTP_TIMEOUTS,
): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: HTTP_BODY_LIMIT_BYTES,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.connectionMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      requestTimeout: timeouts.requestMs,
      headersTimeout: Math.min(timeouts.requestMs, 60_000),
      connectionsCheckingInterval: Math.min(1000, timeouts.requestMs),
    },
    ...(logger ? httpLoggingOptions(logger) : {}),
  });
}
