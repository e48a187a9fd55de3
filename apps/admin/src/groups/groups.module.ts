import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';

/** Operators' view of groups with membership (GROUP_STORE comes from the root module). */
@Module({ imports: [AuthModule], controllers: [GroupsController], providers: [GroupsService] })
export class GroupsModule {}
