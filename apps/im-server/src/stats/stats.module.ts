import { Module } from '@nestjs/common';
import { cimMetrics, MetricsModule, MetricsRegistry } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';
import { ConnectionsModule } from '../connections/connections.module';
import { ServerStats } from './server-stats';
import { StatsHandler } from './stats.handler';

/**
 * The counters every other module reports to, im.stats, and GET /metrics on the HTTP port with the
 * ZooKeeper up-gauge.
 */
@Module({
  imports: [MetricsModule.forRoot('im-server'), ConnectionsModule],
  controllers: [StatsHandler],
  providers: [
    ServerStats,
    {
      provide: 'ZOOKEEPER_UP_GAUGE',
      inject: [MetricsRegistry, REGISTRY],
      useFactory: (metrics: MetricsRegistry, registry: Registry) => cimMetrics.zooKeeperUp(metrics, registry),
    },
  ],
  exports: [ServerStats],
})
export class StatsModule {}
