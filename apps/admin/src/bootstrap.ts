import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@cim/config';
import { configureHttpApi, createHttpAdapter, httpTimeouts } from '@cim/http-api';
import { createLogger, InternalHttpServer, PinoLoggerService } from '@cim/observability';
import { AdminModule } from './app.module';
import { AdminEnv } from './config/admin.env';
import { adminErrorAnswers } from './errors/http-error-answers';
import { adminApiDocs } from './http/api-docs';
import { AdminMetrics } from './metrics/admin-metrics';

/**
 * Everything the app needs besides its module: the HTTP API's prefix, validation (a POST without a body,
 * such as a kick without a reason, is validated as `{}`), error answers, request ids, Swagger. Tests
 * call it on apps made by Test.createTestingModule.
 */
export function configureAdmin(app: INestApplication): void {
  configureHttpApi(app, {
    docs: adminApiDocs(),
    errors: adminErrorAnswers(app.get(AdminMetrics)),
    missingBodyIsEmpty: true,
  });
}

/**
 * Creates, configures and starts the admin app, its internal port (health, readiness, metrics) last.
 * With `exitOnSignals` it shuts down and exits on SIGTERM or SIGINT. Its log lines are JSON (pino) at
 * CIM_LOG_LEVEL unless another logger is given.
 */
export async function bootstrapAdmin(
  env: AdminEnv = loadConfig(AdminEnv),
  logger?: LoggerService | LogLevel[] | false,
  exitOnSignals = false,
): Promise<INestApplication> {
  const pino = createLogger({ app: 'admin', level: env.CIM_LOG_LEVEL });
  const app = await NestFactory.create<NestFastifyApplication>(
    AdminModule.forRoot(env),
    createHttpAdapter(pino, httpTimeouts(env)),
    {
      logger: logger ?? new PinoLoggerService(pino),
    },
  );
  // Before anything listens: a SIGTERM that comes while the app starts is handled too. The app exits
  // once shut down, rather than re-raising the signal, which PID 1 of a container would ignore.
  if (exitOnSignals) app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  configureAdmin(app);
  await app.listen(env.CIM_ADMIN_HTTP_PORT, env.CIM_ADMIN_HTTP_HOST);
  // Last: health, readiness and metrics answering is the app being started.
  await app.get(InternalHttpServer).listen(env.CIM_ADMIN_INTERNAL_HOST, env.CIM_ADMIN_INTERNAL_PORT);
  return app;
}
