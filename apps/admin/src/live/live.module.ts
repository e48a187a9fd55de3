import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ServersModule } from '../servers/servers.module';
import { LiveController } from './live.controller';
import { LIVE_CLOCK, LiveService } from './live.service';
import { RegisteredServersGauge } from './registered-servers.gauge';

/**
 * The operators' live page and its snapshot API, and cim_registered_servers. Uses LiveServers and
 * ImServerClients (ServersModule), the session store and the metrics registry.
 */
@Module({
  imports: [ServersModule, AuthModule],
  controllers: [LiveController],
  providers: [
    LiveService,
    RegisteredServersGauge,
    { provide: LIVE_CLOCK, useValue: () => performance.timeOrigin + performance.now() },
  ],
})
export class LiveModule {}
