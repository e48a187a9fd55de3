import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [DeliveryModule],
  controllers: [SessionsController],
  providers: [SessionsService],
})
export class SessionsModule {}
