import { Module } from '@nestjs/common';
import { ImServerClientsModule } from '@cim/delivery';
import { GatewayEnv } from '../config/gateway.env';
import { ServerDirectory } from './server-directory';

/** The live im-servers (registry watch, login strategy) and the clients that call them. */
@Module({
  imports: [ImServerClientsModule.register(GatewayEnv, 'route-gateway')],
  providers: [ServerDirectory],
  exports: [ServerDirectory, ImServerClientsModule],
})
export class ServersModule {}
