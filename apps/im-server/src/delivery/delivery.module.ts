import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { GatewayModule } from '../gateway/gateway.module';
import { StatsModule } from '../stats/stats.module';
import { AckBatcher } from './ack-batcher';
import { DeliveryHandler } from './delivery.handler';
import { PushService } from './push.service';

@Module({
  imports: [ConnectionsModule, GatewayModule, StatsModule],
  controllers: [DeliveryHandler],
  providers: [PushService, AckBatcher],
})
export class DeliveryModule {}
