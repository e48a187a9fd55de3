import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { httpLoggingOptions } from '@cim/observability';

/** Request bodies are small JSON documents; message bodies are limited further by CIM_MAX_BODY_BYTES. */
export const HTTP_BODY_LIMIT_BYTES = 64 * 1024;

/** Fastify, with the app's pino logger (request ids, one access-log line per request) when given. */
export function createHttpAdapter(logger?: Logger): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: HTTP_BODY_LIMIT_BYTES,
    ...(logger ? httpLoggingOptions(logger) : {}),
  });
}
