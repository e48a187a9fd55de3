import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { ServersModule } from '../servers/servers.module';
import { SystemDelivery } from './system-delivery';
import { SystemMessages } from './system-messages';

/** System messages: made with the app's MessageIdGenerator (MessageIdsModule) and handed over. */
@Module({
  imports: [ServersModule, MetricsModule],
  providers: [SystemMessages, SystemDelivery],
  exports: [SystemMessages, SystemDelivery],
})
export class DeliveryModule {}
