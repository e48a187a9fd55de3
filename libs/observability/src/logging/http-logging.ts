import { INestApplication } from '@nestjs/common';
import { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';

/** A request id from a client or proxy is kept when it is this tame; otherwise a new one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Paths probed every few seconds (Kubernetes, Prometheus): their lines are logged at debug, not info. */
const PROBE_PATHS = new Set(['/health', '/ready', '/metrics']);

/** The request's id: its x-request-id header when present and tame, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** One line per request, when it completes: method, url, status, milliseconds, request id. */
class AccessLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields = {
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...fields, err: error }, 'request failed');
    else if (PROBE_PATHS.has(request.url.split('?')[0])) reply.log.debug(fields, 'request completed');
    else reply.log.info(fields, 'request completed');
  }
}

/** Fastify options for an app's HTTP server: its pino logger, request ids, one access-log line per request. */
export function httpLoggingOptions(logger: Logger): FastifyServerOptions {
  return {
    loggerInstance: logger,
    genReqId: requestIdOf,
    logController: new AccessLog(),
  };
}

/** Answers every request with its id in x-request-id, so that a client can quote it. */
export function exposeRequestIds(app: INestApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
}
