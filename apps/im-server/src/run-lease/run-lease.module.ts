import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { GatewayModule } from '../gateway/gateway.module';
import { RunLeaseService } from './run-lease.service';
import { ServerRun } from './server-run';

/** This run's incarnation and the lease that keeps its users online. */
@Module({
  imports: [ConnectionsModule, GatewayModule],
  providers: [ServerRun, RunLeaseService],
  exports: [ServerRun, RunLeaseService],
})
export class RunLeaseModule {}
