import { INestApplication } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

/**
 * Fastify refuses `Content-Type: application/json` with an empty body, which many HTTP clients send
 * on a body-less POST such as a logout or a kick. Such a request is treated as having no body;
 * endpoints that need one still answer 400.
 */
export function acceptEmptyJsonBodies(app: INestApplication): void {
  const fastify = app.getHttpAdapter().getInstance() as FastifyInstance;
  fastify.addHook('onRequest', (request, _reply, done) => {
    const { headers } = request;
    const empty =
      headers['content-length'] === '0' || (!headers['content-length'] && !headers['transfer-encoding']);
    if (empty) delete headers['content-type'];
    done();
  });
}
