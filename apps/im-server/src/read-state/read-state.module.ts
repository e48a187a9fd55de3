import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { GatewayModule } from '../gateway/gateway.module';
import { StatsModule } from '../stats/stats.module';
import { MarkReadService } from './mark-read.service';
import { ReadStateHandler } from './read-state.handler';
import { ReadStatePushService } from './read-state-push.service';

/** Read state: clients' MARK_READ relayed to the route-gateway, READ_STATE written to the sessions it names. */
@Module({
  imports: [ConnectionsModule, GatewayModule, StatsModule],
  controllers: [ReadStateHandler],
  providers: [MarkReadService, ReadStatePushService],
})
export class ReadStateModule {}
