import { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@cim/config';
import { configureHttpApi, createHttpAdapter, httpTimeouts } from '@cim/http-api';
import { createLogger, InternalHttpServer, PinoLoggerService } from '@cim/observability';
import { RPC_UNAUTHENTICATED_CAUSE, RpcAuthenticator, RpcListener } from '@cim/rpc';
import { RouteGatewayModule } from './app.module';
import { GatewayEnv } from './config/gateway.env';
import { gatewayErrorAnswers } from './errors/http-error-answers';
import { gatewayApiDocs } from './http/api-docs';
import { listeningAddresses } from './listening-addresses';
import { GatewayMetrics } from './metrics/gateway-metrics';
import { GatewayRegistrationService } from './registration/gateway-registration.service';
import { serveWebApp } from './web-app/serve-web-app';

/**
 * Everything the app needs besides its module: the HTTP API's prefix, validation (a request without a
 * body is refused where one is expected), error answers, request ids, Swagger, and Nest's TCP
 * transport for the im-servers' calls (only connections that authenticate with CIM_RPC_SECRET), the web chat
 * app at /app/ and CORS (web-app/). Tests call it on apps made by Test.createTestingModule.
 */
export function configureRouteGateway(app: INestApplication, env: GatewayEnv): void {
  const metrics = app.get(GatewayMetrics);
  configureHttpApi(app, {
    docs: gatewayApiDocs(),
    errors: gatewayErrorAnswers(metrics),
    // Every message passes through here: no AsyncLocalStorage promise hooks on the hot path.
    requestContext: false,
  });
  serveWebApp(app, env);
  app.connectMicroservice<MicroserviceOptions>({
    strategy: new RpcListener({
      host: env.CIM_GATEWAY_RPC_BIND,
      port: env.CIM_GATEWAY_RPC_PORT,
      authenticator: new RpcAuthenticator(env.CIM_RPC_SECRET),
      logContext: 'ImServerCalls',
      onRefused: () => metrics.failed(RPC_UNAUTHENTICATED_CAUSE),
    }),
  });
}

/**
 * Creates, configures and starts the route-gateway: TCP transport first, then HTTP, then its entry in the
 * registry (where the im-servers find it), then the internal port (health, readiness, metrics). It sets
 * signal handlers only with `exitOnSignals` (its own process), so that the embedded mode can run it
 * beside an im-server. Its log lines are JSON (pino) at
 * CIM_LOG_LEVEL unless another logger is given (Nest's logger is process-wide: the last app started
 * sets it).
 */
export async function bootstrapRouteGateway(
  env: GatewayEnv = loadConfig(GatewayEnv),
  logger?: LoggerService | LogLevel[] | false,
  exitOnSignals = false,
): Promise<INestApplication> {
  const pino = createLogger({ app: 'route-gateway', level: env.CIM_LOG_LEVEL });
  const app = await NestFactory.create<NestFastifyApplication>(
    RouteGatewayModule.forRoot(env),
    createHttpAdapter(pino, httpTimeouts(env)),
    { logger: logger ?? new PinoLoggerService(pino) },
  );
  // Before anything listens: a SIGTERM that comes while the app starts is handled too. The app exits
  // once shut down, rather than re-raising the signal, which PID 1 of a container would ignore.
  if (exitOnSignals) app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  configureRouteGateway(app, env);
  await app.startAllMicroservices();
  await app.listen(env.CIM_GATEWAY_HTTP_PORT, env.CIM_GATEWAY_HTTP_HOST);
  await app.get(GatewayRegistrationService).register(listeningAddresses(app).rpcPort);
  // Last: health, readiness and metrics answering is the gateway being started.
  await app.get(InternalHttpServer).listen(env.CIM_GATEWAY_INTERNAL_HOST, env.CIM_GATEWAY_INTERNAL_PORT);
  return app;
}
