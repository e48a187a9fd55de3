import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { GroupMessagesService } from './group-messages.service';
import { GroupPresence } from './group-presence';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';

/** Groups with membership: their HTTP API, their members online, and messages to them. */
@Module({
  imports: [AuthModule, DeliveryModule],
  controllers: [GroupsController],
  providers: [GroupsService, GroupPresence, GroupMessagesService],
  exports: [GroupPresence, GroupMessagesService],
})
export class GroupsModule {}
