import { Module } from '@nestjs/common';
import { ImServerClientsModule } from '@cim/delivery';
import { GatewayEnv } from '../config/gateway.env';
import { GroupPresenceModule } from '../groups/group-presence.module';
import { ServerDirectory } from './server-directory';

/** The live im-servers (registry watch, login strategy) and the clients that call them. */
@Module({
  imports: [ImServerClientsModule.register(GatewayEnv, 'route-gateway'), GroupPresenceModule],
  providers: [ServerDirectory],
  exports: [ServerDirectory, ImServerClientsModule],
})
export class ServersModule {}
