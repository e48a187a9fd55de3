import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { SessionsModule } from '../sessions/sessions.module';
import { Evacuation } from './evacuation';

/** Moving a stopping server's clients elsewhere at a bounded rate. */
@Module({
  imports: [ConnectionsModule, SessionsModule],
  providers: [Evacuation],
  exports: [Evacuation],
})
export class DrainModule {}
