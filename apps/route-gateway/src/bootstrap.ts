import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
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
import { RouteGatewayModule } from './app.module';
import { GatewayEnv } from './config/gateway.env';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { acceptEmptyJsonBodies } from './http/empty-json-body';
import { setupSwagger } from './http/swagger';
import { RequestValidationPipe } from './http/validation-pipe';
import { GatewayMetrics } from './metrics/gateway-metrics';

/** Request bodies are small JSON documents; message bodies are limited further by CIM_MAX_BODY_BYTES. */
export const HTTP_BODY_LIMIT_BYTES = 64 * 1024;

/** Fastify, with the app's pino logger (request ids, one access-log line per request) when given. */
export function createGatewayAdapter(logger?: Logger): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: HTTP_BODY_LIMIT_BYTES,
    ...(logger ? httpLoggingOptions(logger) : {}),
  });
}

/**
 * Everything the app needs besides its module: the /api prefix (health, readiness and metrics stay at
 * the root), validation, error answers, request ids, Swagger, and Nest's TCP transport for the
 * im-servers' calls. Tests call it on apps made by Test.createTestingModule.
 */
export function configureRouteGateway(app: INestApplication, env: GatewayEnv): void {
  app.setGlobalPrefix('api', { exclude: ['health', 'ready', 'metrics'] });
  acceptEmptyJsonBodies(app);
  exposeRequestIds(app);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalInterceptors(new RequestContextInterceptor());
  app.useGlobalFilters(new HttpExceptionFilter(app.get(HttpAdapterHost), app.get(GatewayMetrics)));
  setupSwagger(app);
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.TCP,
    options: { host: env.CIM_GATEWAY_RPC_BIND, port: env.CIM_GATEWAY_RPC_PORT },
  });
}

/**
 * Creates, configures and starts the route-gateway: TCP transport first, then HTTP. It sets no signal
 * handlers, so that the embedded mode can run it beside an im-server. Its log lines are JSON (pino) at
 * CIM_LOG_LEVEL unless another logger is given (Nest's logger is process-wide: the last app started
 * sets it).
 */
export async function bootstrapRouteGateway(
  env: GatewayEnv = loadConfig(GatewayEnv),
  logger?: LoggerService | LogLevel[] | false,
): Promise<INestApplication> {
  const pino = createLogger({ app: 'route-gateway', level: env.CIM_LOG_LEVEL });
  const app = await NestFactory.create<NestFastifyApplication>(
    RouteGatewayModule.forRoot(env),
    createGatewayAdapter(pino),
    { logger: logger ?? new PinoLoggerService(pino) },
  );
  configureRouteGateway(app, env);
  await app.startAllMicroservices();
  await app.listen(env.CIM_GATEWAY_HTTP_PORT, env.CIM_GATEWAY_HTTP_HOST);
  return app;
}
