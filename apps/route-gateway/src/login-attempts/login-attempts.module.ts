import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { GatewayEnv } from '../config/gateway.env';
import { createFailureCounters } from './create-failure-counters';
import { LOGIN_FAILURE_COUNTERS } from './failure-counter';
import { LoginAttempts } from './login-attempts';
import { ResumeAttempts } from './resume-attempts';

/**
 * Failed-login limiting (per user and per address, in Redis or memory), even-cost password checks, and
 * refused-resume limiting (per address).
 */
@Module({
  imports: [AuthModule],
  providers: [
    { provide: LOGIN_FAILURE_COUNTERS, inject: [GatewayEnv], useFactory: createFailureCounters },
    LoginAttempts,
    ResumeAttempts,
  ],
  exports: [LoginAttempts, ResumeAttempts],
})
export class LoginAttemptsModule {}
