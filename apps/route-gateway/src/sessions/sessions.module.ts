import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [MetricsModule, GroupsModule],
  controllers: [SessionsController],
  providers: [SessionsService],
})
export class SessionsModule {}
