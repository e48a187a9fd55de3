import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { GroupMessagesService } from './group-messages.service';
import { GroupPresenceModule } from './group-presence.module';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';

/** Groups with membership: their HTTP API, their members online, and messages to them. */
@Module({
  imports: [AuthModule, DeliveryModule, GroupPresenceModule],
  controllers: [GroupsController],
  providers: [GroupsService, GroupMessagesService],
  exports: [GroupPresenceModule, GroupMessagesService],
})
export class GroupsModule {}
