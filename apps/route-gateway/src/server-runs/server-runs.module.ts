import { Module } from '@nestjs/common';
import { GroupPresenceModule } from '../groups/group-presence.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ServerRunsController } from './server-runs.controller';
import { ServerRunsService } from './server-runs.service';

/** The im-server runs' leases: the RPC that renews them and the sweep that ends lapsed runs. */
@Module({
  imports: [MetricsModule, GroupPresenceModule],
  controllers: [ServerRunsController],
  providers: [ServerRunsService],
})
export class ServerRunsModule {}
