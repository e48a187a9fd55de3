import { Global, Module } from '@nestjs/common';
import { ImServerCalls } from './im-server-calls';
import { LiveServers } from './live-servers';
import { ServersController } from './servers.controller';
import { ServersService } from './servers.service';

@Global()
@Module({
  controllers: [ServersController],
  providers: [ImServerCalls, LiveServers, ServersService],
  exports: [ImServerCalls, LiveServers],
})
export class ServersModule {}
