import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { SessionsModule } from '../sessions/sessions.module';
import { StatsModule } from '../stats/stats.module';
import { RegistrationService } from './registration.service';

@Module({
  imports: [ConnectionsModule, SessionsModule, StatsModule],
  providers: [RegistrationService],
  exports: [RegistrationService],
})
export class RegistrationModule {}
