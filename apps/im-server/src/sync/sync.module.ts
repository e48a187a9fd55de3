import { Module } from '@nestjs/common';
import { GatewayModule } from '../gateway/gateway.module';
import { StatsModule } from '../stats/stats.module';
import { SyncHandler } from './sync.handler';
import { SyncService } from './sync.service';

/** SYNC frames: a conversation's messages after a seq, from the route-gateway. */
@Module({
  imports: [GatewayModule, StatsModule],
  controllers: [SyncHandler],
  providers: [SyncService],
})
export class SyncModule {}
