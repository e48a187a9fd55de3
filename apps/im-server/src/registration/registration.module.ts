import { Module } from '@nestjs/common';
import { DrainModule } from '../drain/drain.module';
import { RunLeaseModule } from '../run-lease/run-lease.module';
import { StatsModule } from '../stats/stats.module';
import { RegistrationService } from './registration.service';

@Module({
  imports: [DrainModule, StatsModule, RunLeaseModule],
  providers: [RegistrationService],
  exports: [RegistrationService],
})
export class RegistrationModule {}
