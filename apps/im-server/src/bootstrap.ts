import { AddressInfo } from 'node:net';
import { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport } from '@nestjs/microservices';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, logLevels } from '@cim/config';
import { ImServerModule } from './app.module';
import { ImServerEnv } from './config/im-server.env';
import { RegistrationService } from './registration/registration.service';
import { ClientTransport } from './transport/client-transport.strategy';

export interface ImServerApp {
  app: NestFastifyApplication;
  clientPort: number;
  httpPort: number;
}

/**
 * A hybrid app: the client listener (cim's custom transport), Nest's TCP transport for the
 * route-gateway, and a small HTTP port for health and metrics. It registers itself once all three listen.
 */
export async function bootstrapImServer(
  env: ImServerEnv = loadConfig(ImServerEnv),
  logger: LoggerService | LogLevel[] | false = logLevels(env.CIM_LOG_LEVEL),
): Promise<ImServerApp> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ImServerModule.forRoot(env),
    new FastifyAdapter(),
    {
      logger,
    },
  );
  const transport = new ClientTransport({
    host: env.CIM_IM_CLIENT_HOST,
    port: env.CIM_IM_CLIENT_PORT,
    maxFrameBytes: env.CIM_MAX_FRAME_BYTES,
    idleTimeoutMs: env.CIM_IDLE_TIMEOUT_MS,
    sendLimit: { ratePerSecond: env.CIM_SEND_RATE_PER_SEC, burst: env.CIM_SEND_BURST },
  });
  app.connectMicroservice({ strategy: transport });
  app.connectMicroservice({
    transport: Transport.TCP,
    options: { host: env.CIM_IM_RPC_HOST, port: env.CIM_IM_RPC_PORT },
  });
  await app.startAllMicroservices();
  await app.listen(env.CIM_IM_HTTP_PORT, '0.0.0.0');
  const httpPort = (app.getHttpServer().address() as AddressInfo).port;
  await app.get(RegistrationService).register({ clientPort: transport.port, httpPort });
  return { app, clientPort: transport.port, httpPort };
}
