import { Module } from '@nestjs/common';
import { PasswordHasher, ResumeCredentialSigner, TokenSigner } from '@cim/auth';
import { GatewayEnv } from '../config/gateway.env';
import { CLOCK, ClockModule } from '../clock/clock.module';
import { BearerAuthGuard } from './bearer-auth.guard';

/**
 * Password hashing, token and resume-credential signing, and the bearer-token guard of the protected
 * endpoints.
 */
@Module({
  imports: [ClockModule],
  providers: [
    {
      provide: TokenSigner,
      inject: [GatewayEnv, CLOCK],
      useFactory: (env: GatewayEnv, clock: () => number) => new TokenSigner(env.CIM_TOKEN_SECRET, clock),
    },
    {
      provide: ResumeCredentialSigner,
      inject: [GatewayEnv, CLOCK],
      useFactory: (env: GatewayEnv, clock: () => number) =>
        new ResumeCredentialSigner(env.CIM_TOKEN_SECRET, clock),
    },
    {
      provide: PasswordHasher,
      inject: [GatewayEnv],
      useFactory: (env: GatewayEnv) => new PasswordHasher({ N: env.CIM_SCRYPT_COST, r: 8, p: 1 }),
    },
    BearerAuthGuard,
  ],
  exports: [TokenSigner, ResumeCredentialSigner, PasswordHasher, BearerAuthGuard],
})
export class AuthModule {}
