import { Module } from '@nestjs/common';
import { ServersModule } from '../servers/servers.module';
import { Deliverer } from './deliverer';

@Module({
  imports: [ServersModule],
  providers: [Deliverer],
  exports: [Deliverer],
})
export class DeliveryModule {}
