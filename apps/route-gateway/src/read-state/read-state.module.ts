import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ConversationAccess } from '../conversations/conversation-access';
import { MetricsModule } from '../metrics/metrics.module';
import { ServersModule } from '../servers/servers.module';
import { AllSessionsDelivery } from './all-sessions-delivery';
import { ReadStateController } from './read-state.controller';
import { ReadStateRpcController } from './read-state.rpc-controller';
import { ReadStateService } from './read-state.service';

/** Read pointers: marks over HTTP and MARK_READ, READ_STATE to the user's sessions and a private peer, group readers. */
@Module({
  imports: [AuthModule, MetricsModule, ServersModule],
  controllers: [ReadStateController, ReadStateRpcController],
  providers: [ReadStateService, AllSessionsDelivery, ConversationAccess],
})
export class ReadStateModule {}
