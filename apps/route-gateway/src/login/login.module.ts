import { Module } from '@nestjs/common';
import { LoginAttemptsModule } from '../login-attempts/login-attempts.module';
import { ServersModule } from '../servers/servers.module';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';
import { OnlineClaim } from './online-claim';

@Module({
  imports: [ServersModule, LoginAttemptsModule],
  controllers: [LoginController],
  providers: [LoginService, OnlineClaim],
})
export class LoginModule {}
