import { Global, Module } from '@nestjs/common';
import { ClosedHandler } from './closed.handler';
import { SessionsService } from './sessions.service';

@Global()
@Module({ controllers: [ClosedHandler], providers: [SessionsService], exports: [SessionsService] })
export class SessionsModule {}
