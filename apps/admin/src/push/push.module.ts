import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { PushController } from './push.controller';
import { PushService } from './push.service';

@Module({ imports: [DeliveryModule, AuthModule], controllers: [PushController], providers: [PushService] })
export class PushModule {}
