import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { PushController } from './push.controller';
import { PushService } from './push.service';

@Module({ imports: [DeliveryModule], controllers: [PushController], providers: [PushService] })
export class PushModule {}
