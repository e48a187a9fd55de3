import { Module } from '@nestjs/common';
import { MetricsModule as ObservabilityMetricsModule } from '@cim/observability';
import { GatewayMetrics } from './gateway-metrics';

/** GET /metrics (on the internal port) and the route-gateway's metrics. */
@Module({
  imports: [ObservabilityMetricsModule.forRoot('route-gateway', 'internal-port')],
  providers: [GatewayMetrics],
  exports: [GatewayMetrics],
})
export class MetricsModule {}
