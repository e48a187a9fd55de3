import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { GatewayModule } from '../gateway/gateway.module';
import { StoreEpochWatcher } from './store-epoch.watcher';

/** Notices that the session store was reset, and tells this server's clients to log in again. */
@Module({
  imports: [ConnectionsModule, GatewayModule],
  providers: [StoreEpochWatcher],
  exports: [StoreEpochWatcher],
})
export class StoreEpochModule {}
