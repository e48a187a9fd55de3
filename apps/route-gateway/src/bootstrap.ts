import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@cim/config';
import { RouteGatewayModule } from './app.module';
import { GatewayEnv } from './config/gateway.env';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { acceptEmptyJsonBodies } from './http/empty-json-body';
import { setupSwagger } from './http/swagger';
import { RequestValidationPipe } from './http/validation-pipe';

/** Request bodies are small JSON documents; message bodies are limited further by CIM_MAX_BODY_BYTES. */
export const HTTP_BODY_LIMIT_BYTES = 64 * 1024;

export function createGatewayAdapter(): FastifyAdapter {
  return new FastifyAdapter({ bodyLimit: HTTP_BODY_LIMIT_BYTES });
}

/**
 * Everything the app needs besides its module: the /api prefix, validation, error answers, Swagger,
 * and Nest's TCP transport for the im-servers' calls. Tests call it on apps made by Test.createTestingModule.
 */
export function configureRouteGateway(app: INestApplication, env: GatewayEnv): void {
  app.setGlobalPrefix('api');
  acceptEmptyJsonBodies(app);
  app.useGlobalPipes(new RequestValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(app.get(HttpAdapterHost)));
  setupSwagger(app);
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.TCP,
    options: { host: env.CIM_GATEWAY_RPC_BIND, port: env.CIM_GATEWAY_RPC_PORT },
  });
}

/**
 * Creates, configures and starts the route-gateway: TCP transport first, then HTTP. It sets nothing
 * process-wide (no signal handlers, no logger unless one is given), so that the embedded mode can run
 * it beside an im-server.
 */
export async function bootstrapRouteGateway(
  env: GatewayEnv = loadConfig(GatewayEnv),
  logger?: LoggerService | LogLevel[] | false,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    RouteGatewayModule.forRoot(env),
    createGatewayAdapter(),
    { logger: logger ?? undefined },
  );
  configureRouteGateway(app, env);
  await app.startAllMicroservices();
  await app.listen(env.CIM_GATEWAY_HTTP_PORT, env.CIM_GATEWAY_HTTP_HOST);
  return app;
}

/** Nest's levels for CIM_LOG_LEVEL. */
export function logLevels(level: string): LogLevel[] | false {
  const order: Record<string, LogLevel[]> = {
    fatal: ['fatal'],
    error: ['fatal', 'error'],
    warn: ['fatal', 'error', 'warn'],
    info: ['fatal', 'error', 'warn', 'log'],
    debug: ['fatal', 'error', 'warn', 'log', 'debug'],
    trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  };
  return order[level] ?? false;
}
