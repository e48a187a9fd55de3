import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { BroadcastController } from './broadcast.controller';
import { BroadcastService } from './broadcast.service';

@Module({ imports: [DeliveryModule], controllers: [BroadcastController], providers: [BroadcastService] })
export class BroadcastModule {}
