import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { GatewayModule } from '../gateway/gateway.module';
import { RunLeaseService } from './run-lease.service';
import { ServerRun } from './server-run';
import { StoreEpochModule } from '../store-epoch/store-epoch.module';

/** This run's incarnation and the lease that keeps its users online. */
@Module({
  imports: [ConnectionsModule, GatewayModule, StoreEpochModule],
  providers: [ServerRun, RunLeaseService],
  exports: [ServerRun, RunLeaseService],
})
export class RunLeaseModule {}
