import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { PresenceService } from './presence.service';
import { SessionStatusHandler } from './session-status.handler';

@Module({ imports: [ConnectionsModule], controllers: [SessionStatusHandler], providers: [PresenceService] })
export class PresenceModule {}
