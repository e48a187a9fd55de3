import { Module } from '@nestjs/common';
import { ImServerClientsModule } from '@cim/delivery';
import { AuthModule } from '../auth/auth.module';
import { AdminEnv } from '../config/admin.env';
import { LiveServers } from './live-servers';
import { ServersController } from './servers.controller';
import { ServersService } from './servers.service';

/** The registered im-servers, their statistics, and the clients that call them. */
@Module({
  imports: [ImServerClientsModule.register(AdminEnv, 'admin'), AuthModule],
  controllers: [ServersController],
  providers: [LiveServers, ServersService],
  exports: [LiveServers, ImServerClientsModule],
})
export class ServersModule {}
