import { Module } from '@nestjs/common';
import { TokenSigner } from '@cim/auth';
import { ImServerEnv } from '../config/im-server.env';

@Module({
  providers: [
    {
      provide: TokenSigner,
      useFactory: (env: ImServerEnv) => new TokenSigner(env.CIM_TOKEN_SECRET),
      inject: [ImServerEnv],
    },
  ],
  exports: [TokenSigner],
})
export class AuthModule {}
