import { Module } from '@nestjs/common';
import { DeliveryHandler } from './delivery.handler';
import { AckBatcher } from './ack-batcher';
import { PushService } from './push.service';
import { StatsService } from './stats.service';

@Module({ controllers: [DeliveryHandler], providers: [PushService, StatsService, AckBatcher] })
export class DeliveryModule {}
