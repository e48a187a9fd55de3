import { Global, Module } from '@nestjs/common';
import { ConnectionRegistry } from './connection-registry';
import { ServerStats } from './server-stats';

@Global()
@Module({ providers: [ConnectionRegistry, ServerStats], exports: [ConnectionRegistry, ServerStats] })
export class ConnectionsModule {}
