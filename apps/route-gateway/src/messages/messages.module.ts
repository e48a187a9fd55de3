import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { GroupsModule } from '../groups/groups.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MessagesController } from './messages.controller';
import { MessagesRpcController } from './messages.rpc-controller';
import { MessagesService } from './messages.service';
import { SendBatchService } from './send-batch.service';
import { SendRateLimit } from './send-rate-limit';
import { StoreEpochModule } from '../store-epoch/store-epoch.module';

@Module({
  imports: [DeliveryModule, AuthModule, MetricsModule, GroupsModule, StoreEpochModule],
  controllers: [MessagesController, MessagesRpcController],
  providers: [MessagesService, SendBatchService, SendRateLimit],
})
export class MessagesModule {}
