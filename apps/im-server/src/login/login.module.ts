import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { LoginHandler } from './login.handler';
import { LoginService } from './login.service';

@Module({ imports: [SessionsModule], controllers: [LoginHandler], providers: [LoginService] })
export class LoginModule {}
