import { Module } from '@nestjs/common';
import { ConnectionRegistry } from './connection-registry';

/** One registry for the server: every module that imports this shares it. */
@Module({ providers: [ConnectionRegistry], exports: [ConnectionRegistry] })
export class ConnectionsModule {}
