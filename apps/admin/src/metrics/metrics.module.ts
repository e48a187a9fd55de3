import { Module } from '@nestjs/common';
import { MetricsModule as ObservabilityMetricsModule } from '@cim/observability';
import { AdminMetrics } from './admin-metrics';

/** GET /metrics (on the internal port) and the admin app's metrics. */
@Module({
  imports: [ObservabilityMetricsModule.forRoot('admin', 'internal-port')],
  providers: [AdminMetrics],
  exports: [AdminMetrics],
})
export class MetricsModule {}
