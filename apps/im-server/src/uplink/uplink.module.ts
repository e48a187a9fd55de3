import { Module } from '@nestjs/common';
import { GatewayModule } from '../gateway/gateway.module';
import { StatsModule } from '../stats/stats.module';
import { StoreEpochModule } from '../store-epoch/store-epoch.module';
import { SendHandler } from './send.handler';
import { SendBatcher } from './send-batcher';
import { SendService } from './send.service';

@Module({
  imports: [GatewayModule, StatsModule, StoreEpochModule],
  controllers: [SendHandler],
  providers: [SendService, SendBatcher],
})
export class UplinkModule {}
