import { Module } from '@nestjs/common';
import { AdmissionModule } from '../admission/admission.module';
import { AuthModule } from '../auth/auth.module';
import { ConnectionsModule } from '../connections/connections.module';
import { GatewayModule } from '../gateway/gateway.module';
import { RunLeaseModule } from '../run-lease/run-lease.module';
import { SessionsModule } from '../sessions/sessions.module';
import { StatsModule } from '../stats/stats.module';
import { LoginHandler } from './login.handler';
import { LoginService } from './login.service';

@Module({
  imports: [
    AdmissionModule,
    AuthModule,
    ConnectionsModule,
    GatewayModule,
    SessionsModule,
    StatsModule,
    RunLeaseModule,
  ],
  controllers: [LoginHandler],
  providers: [LoginService],
})
export class LoginModule {}
