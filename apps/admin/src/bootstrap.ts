import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { loadConfig } from '@cim/config';
import {
  createLogger,
  exposeRequestIds,
  httpLoggingOptions,
  PinoLoggerService,
  RequestContextInterceptor,
} from '@cim/observability';
import { AdminModule } from './app.module';
import { AdminEnv } from './config/admin.env';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { acceptEmptyJsonBodies } from './http/empty-json-body';
import { setupSwagger } from './http/swagger';
import { RequestValidationPipe } from './http/validation-pipe';
import { AdminMetrics } from './metrics/admin-metrics';

/** Request bodies are small JSON documents; pushed bodies are limited further by CIM_MAX_BODY_BYTES. */
export const HTTP_BODY_LIMIT_BYTES = 64 * 1024;

/** Fastify, with the app's pino logger (request ids, one access-log line per request) when given. */
export function createAdminAdapter(logger?: Logger): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: HTTP_BODY_LIMIT_BYTES,
    ...(logger ? httpLoggingOptions(logger) : {}),
  });
}

/**
 * Everything the app needs besides its module: /api for the API (health, readiness and metrics stay
 * at the root), validation, error answers, request ids, Swagger. Tests call it on apps made by
 * Test.createTestingModule.
 */
export function configureAdmin(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: ['health', 'ready', 'metrics'] });
  acceptEmptyJsonBodies(app);
  exposeRequestIds(app);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalInterceptors(new RequestContextInterceptor());
  app.useGlobalFilters(new HttpExceptionFilter(app.get(HttpAdapterHost), app.get(AdminMetrics)));
  setupSwagger(app);
}

/**
 * Creates, configures and starts the admin app. Its log lines are JSON (pino) at CIM_LOG_LEVEL unless
 * another logger is given.
 */
export async function bootstrapAdmin(
  env: AdminEnv = loadConfig(AdminEnv),
  logger?: LoggerService | LogLevel[] | false,
): Promise<INestApplication> {
  const pino = createLogger({ app: 'admin', level: env.CIM_LOG_LEVEL });
  const app = await NestFactory.create<NestFastifyApplication>(
    AdminModule.forRoot(env),
    createAdminAdapter(pino),
    {
      logger: logger ?? new PinoLoggerService(pino),
    },
  );
  configureAdmin(app);
  await app.listen(env.CIM_ADMIN_HTTP_PORT, env.CIM_ADMIN_HTTP_HOST);
  return app;
}
