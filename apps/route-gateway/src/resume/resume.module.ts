import { Module } from '@nestjs/common';
import { AdmissionModule } from '../admission/admission.module';
import { AuthModule } from '../auth/auth.module';
import { LoginAttemptsModule } from '../login-attempts/login-attempts.module';
import { LoginModule } from '../login/login.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ResumeController } from './resume.controller';
import { ResumeService } from './resume.service';

@Module({
  imports: [AdmissionModule, AuthModule, LoginModule, LoginAttemptsModule, MetricsModule],
  controllers: [ResumeController],
  providers: [ResumeService],
})
export class ResumeModule {}
