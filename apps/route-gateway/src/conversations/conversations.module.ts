import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ConversationAccess } from './conversation-access';
import { ConversationsController } from './conversations.controller';
import { ConversationsRpcController } from './conversations.rpc-controller';
import { ConversationsService } from './conversations.service';

/** Conversations and their history: the caller's list, history pages, and the pages SYNC answers. */
@Module({
  imports: [AuthModule, MetricsModule],
  controllers: [ConversationsController, ConversationsRpcController],
  providers: [ConversationAccess, ConversationsService],
  exports: [ConversationsService],
})
export class ConversationsModule {}
