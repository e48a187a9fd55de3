import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One app's prom-client registry, never the global default one: in the embedded mode two apps share a
 * process, and each exposes its own metrics on its own port. Every metric carries the label `app`;
 * Node's process metrics (CPU, memory, event-loop lag, GC) are collected too.
 */
export class MetricsRegistry extends Registry {
  constructor(readonly app: string) {
    super();
    this.setDefaultLabels({ app });
    collectDefaultMetrics({ register: this });
  }
}
