import { INestApplication, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WebAppEnv } from './web-app.env';
import { loadWebAppFiles, WebAppFile } from './web-app-files';

/** Where the web app lives on the gateway's HTTP port. */
export const WEB_APP_PATH = '/app/';

/**
 * The page may run only its own scripts and styles, and connect only to its origin (the HTTP API) and to
 * `connectSrc` (the im-servers' WebSocket URLs); no plugins, frames, forms posted elsewhere or <base>.
 */
export function webAppCsp(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${connectSrc}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Serves the web chat app at /app/ (and sends / there), gzipped to browsers that accept it, with its CSP;
 * and lets the pages of CIM_GATEWAY_CORS_ORIGINS call the API from their own origin (CORS), nobody else.
 * Call before the app initializes.
 */
export function serveWebApp(app: INestApplication, env: WebAppEnv): void {
  const origins = env.CIM_GATEWAY_CORS_ORIGINS.split(',').filter(Boolean);
  if (origins.length)
    app.enableCors({
      origin: origins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type'],
      exposedHeaders: ['retry-after', 'x-request-id'],
      maxAge: 600,
    });
  const files = loadWebAppFiles(env.CIM_WEB_DIR);
  if (!files) {
    new Logger('WebApp').warn('no web app in this build (dist/web is missing): /app/ answers 404');
    return;
  }
  const csp = webAppCsp(env.CIM_WEB_CONNECT_SRC);
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  const toApp = (_request: FastifyRequest, reply: FastifyReply) => reply.redirect(WEB_APP_PATH, 302);
  fastify.get('/', toApp);
  fastify.get('/app', toApp);
  fastify.get(WEB_APP_PATH, (request, reply) => send(files.get('index.html'), request, reply, csp));
  fastify.get<{ Params: { file: string } }>(`${WEB_APP_PATH}:file`, (request, reply) =>
    send(files.get(request.params.file), request, reply, csp),
  );
}

function send(
  file: WebAppFile | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
  csp: string,
): FastifyReply {
  if (!file)
    return reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `no web app file ${request.url}` });
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  reply
    .header('content-type', file.type)
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .header('vary', 'accept-encoding');
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? file.gzipped : file.body);
}
