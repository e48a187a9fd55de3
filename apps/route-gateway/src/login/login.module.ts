import { Module } from '@nestjs/common';
import { AdmissionModule } from '../admission/admission.module';
import { AuthModule } from '../auth/auth.module';
import { ClockModule } from '../clock/clock.module';
import { LoginAttemptsModule } from '../login-attempts/login-attempts.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ServersModule } from '../servers/servers.module';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';
import { OnlineClaim } from './online-claim';
import { SessionGrant } from './session-grant';

@Module({
  imports: [AdmissionModule, ServersModule, AuthModule, ClockModule, MetricsModule, LoginAttemptsModule],
  controllers: [LoginController],
  providers: [LoginService, OnlineClaim, SessionGrant],
  exports: [SessionGrant],
})
export class LoginModule {}
