import { Global, Module } from '@nestjs/common';
import { MetricsModule as ObservabilityMetricsModule } from '@cim/observability';
import { ImServerGauges } from './im-server-gauges';

/**
 * GET /metrics on the HTTP port, and the MetricsRegistry every module counts on (ServerStats holds the
 * counters).
 */
@Global()
@Module({ imports: [ObservabilityMetricsModule.forRoot('im-server')], providers: [ImServerGauges] })
export class MetricsModule {}
