import { Module } from '@nestjs/common';
import { Clock } from '@cim/auth';
import { ImServerClientsModule } from '@cim/delivery';
import { CLOCK, ClockModule } from '../clock/clock.module';
import { GatewayEnv } from '../config/gateway.env';
import { GroupPresenceModule } from '../groups/group-presence.module';
import { BusyServers } from './busy-servers';
import { ServerDirectory } from './server-directory';

/** The live im-servers (registry watch, login strategy) and the clients that call them. */
@Module({
  imports: [ImServerClientsModule.register(GatewayEnv, 'route-gateway'), GroupPresenceModule, ClockModule],
  providers: [
    ServerDirectory,
    { provide: BusyServers, useFactory: (clock: Clock) => new BusyServers(clock), inject: [CLOCK] },
  ],
  exports: [ServerDirectory, ImServerClientsModule],
})
export class ServersModule {}
