import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { LoginAdmission } from './login-admission';
import { LoginGate } from './login-gate';

/** The bound on logins and resumes under way at this gateway, shared by both endpoints. */
@Module({
  imports: [MetricsModule],
  providers: [LoginGate, LoginAdmission],
  exports: [LoginGate, LoginAdmission],
})
export class AdmissionModule {}
