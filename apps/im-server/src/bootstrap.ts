import { AddressInfo } from 'node:net';
import { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@cim/config';
import { RpcAuthenticator, RpcListener } from '@cim/rpc';
import { createLogger, httpLoggingOptions, PinoLoggerService } from '@cim/observability';
import { ImServerModule } from './app.module';
import { ImServerEnv } from './config/im-server.env';
import { ServerStats } from './stats/server-stats';
import { RegistrationService } from './registration/registration.service';
import { ClientTransport } from './transport/client-transport.strategy';
import { advertisedWsUrl, clientCarriers } from './transport/carriers/client-carriers';

export interface ImServerApp {
  app: NestFastifyApplication;
  clientPort: number;
  /** The WebSocket carrier's port, and the URL clients are told. */
  wsPort: number;
  wsUrl: string;
  /** Whether the client and WebSocket ports speak TLS. */
  tls: boolean;
  httpPort: number;
}

/**
 * A hybrid app: the client listener (cim's custom transport, on its TCP port and its WebSocket port,
 * both TLS when a certificate is configured), Nest's TCP transport for the
 * route-gateways and admins (only connections that authenticate with CIM_RPC_SECRET), and a small
 * HTTP port for health (/health, /ready) and metrics (/metrics). It registers itself once all three
 * listen. With `exitOnSignals` (its own process) it shuts down and exits on SIGTERM or SIGINT. Its log
 * lines are JSON (pino) at CIM_LOG_LEVEL unless another logger is given.
 */
export async function bootstrapImServer(
  env: ImServerEnv = loadConfig(ImServerEnv),
  logger?: LoggerService | LogLevel[] | false,
  exitOnSignals = false,
): Promise<ImServerApp> {
  const pino = createLogger({ app: 'im-server', level: env.CIM_LOG_LEVEL });
  const app = await NestFactory.create<NestFastifyApplication>(
    ImServerModule.forRoot(env),
    new FastifyAdapter(httpLoggingOptions(pino)),
    { logger: logger ?? new PinoLoggerService(pino) },
  );
  // Before anything listens: a SIGTERM that comes while the app starts is handled too. The app exits
  // once shut down, rather than re-raising the signal, which PID 1 of a container would ignore.
  if (exitOnSignals) app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  const stats = app.get(ServerStats);
  const carriers = clientCarriers(env, (cause) => stats.failed(cause));
  const transport = new ClientTransport({
    carriers: [carriers.tcp, carriers.websocket],
    idleTimeoutMs: env.CIM_IDLE_TIMEOUT_MS,
    frameTimeoutMs: env.CIM_FRAME_TIMEOUT_MS,
    loginTimeoutMs: env.CIM_LOGIN_TIMEOUT_MS,
    maxOutboundBytes: env.CIM_MAX_OUTBOUND_BYTES,
    sendLimit: { ratePerSecond: env.CIM_SEND_RATE_PER_SEC, burst: env.CIM_SEND_BURST },
    onError: (cause) => stats.failed(cause),
  });
  app.connectMicroservice({ strategy: transport });
  app.connectMicroservice({
    strategy: new RpcListener({
      host: env.CIM_IM_RPC_HOST,
      port: env.CIM_IM_RPC_PORT,
      authenticator: new RpcAuthenticator(env.CIM_RPC_SECRET),
      logContext: 'GatewayCalls',
      onRefused: () => stats.refusedRpc(),
    }),
  });
  await app.startAllMicroservices();
  await app.listen(env.CIM_IM_HTTP_PORT, env.CIM_IM_HTTP_HOST);
  const httpPort = (app.getHttpServer().address() as AddressInfo).port;
  const clientPort = carriers.tcp.port;
  const wsPort = carriers.websocket.port;
  const wsUrl = advertisedWsUrl(env, wsPort, carriers.tls);
  await app.get(RegistrationService).register({ clientPort, wsUrl, tls: carriers.tls, httpPort });
  return { app, clientPort, wsPort, wsUrl, tls: carriers.tls, httpPort };
}
