import { Inject, Injectable } from '@nestjs/common';
import { cimMetrics, MetricsRegistry } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';
import { ConnectionRegistry } from '../connections/connection-registry';

/** The gauges read at scrape time: logged-in connections, and whether ZooKeeper is connected. */
@Injectable()
export class ImServerGauges {
  constructor(
    metrics: MetricsRegistry,
    connections: ConnectionRegistry,
    @Inject(REGISTRY) registry: Registry,
  ) {
    cimMetrics.connections(metrics, () => connections.size);
    cimMetrics.zooKeeperUp(metrics, registry);
  }
}
