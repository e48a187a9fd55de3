import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { KickHandler } from './kick.handler';
import { KickService } from './kick.service';

@Module({ imports: [ConnectionsModule], controllers: [KickHandler], providers: [KickService] })
export class KickModule {}
