import { Module } from '@nestjs/common';
import { LiveController } from './live.controller';
import { LIVE_CLOCK, LiveService } from './live.service';
import { RegisteredServersGauge } from './registered-servers.gauge';

/**
 * The operators' live page and its snapshot API, and cim_registered_servers. Uses LiveServers and
 * ImServerCalls (ServersModule), the session store and the metrics registry.
 */
@Module({
  controllers: [LiveController],
  providers: [
    LiveService,
    RegisteredServersGauge,
    { provide: LIVE_CLOCK, useValue: () => performance.timeOrigin + performance.now() },
  ],
})
export class LiveModule {}
