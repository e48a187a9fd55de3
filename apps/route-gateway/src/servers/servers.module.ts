import { Module } from '@nestjs/common';
import { ServerInfo } from '@cim/registry';
import { GatewayEnv } from '../config/gateway.env';
import { IM_SERVER_CLIENT_FACTORY, ImServerClientFactory, TcpImServerClient } from './im-server-client';
import { ServerDirectory } from './server-directory';

@Module({
  providers: [
    {
      provide: IM_SERVER_CLIENT_FACTORY,
      inject: [GatewayEnv],
      useFactory:
        (env: GatewayEnv): ImServerClientFactory =>
        (server: ServerInfo) =>
          new TcpImServerClient(server, env.CIM_RPC_TIMEOUT_MS),
    },
    ServerDirectory,
  ],
  exports: [ServerDirectory],
})
export class ServersModule {}
