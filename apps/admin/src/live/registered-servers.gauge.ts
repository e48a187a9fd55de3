import { Inject, Injectable } from '@nestjs/common';
import { cimMetrics, MetricsRegistry } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';

/** cim_registered_servers on the admin's /metrics: the im-servers in ZooKeeper, read at scrape time. */
@Injectable()
export class RegisteredServersGauge {
  constructor(metrics: MetricsRegistry, @Inject(REGISTRY) registry: Registry) {
    cimMetrics.registeredServers(metrics, registry);
  }
}
