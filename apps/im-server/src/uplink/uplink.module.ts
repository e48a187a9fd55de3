import { Module } from '@nestjs/common';
import { GatewayModule } from '../gateway/gateway.module';
import { StatsModule } from '../stats/stats.module';
import { SendHandler } from './send.handler';
import { SendBatcher } from './send-batcher';
import { SendService } from './send.service';

@Module({
  imports: [GatewayModule, StatsModule],
  controllers: [SendHandler],
  providers: [SendService, SendBatcher],
})
export class UplinkModule {}
