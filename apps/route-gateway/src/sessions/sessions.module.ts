import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [MetricsModule],
  controllers: [SessionsController],
  providers: [SessionsService],
})
export class SessionsModule {}
