import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { ServersModule } from '../servers/servers.module';
import { Deliverer } from './deliverer';

/** Routing accepted messages to the im-servers' connections or the receivers' inboxes. */
@Module({
  imports: [ServersModule, MetricsModule],
  providers: [Deliverer],
  exports: [Deliverer],
})
export class DeliveryModule {}
