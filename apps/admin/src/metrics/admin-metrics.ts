import { Inject, Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { cimMetrics, errorCause, MetricsRegistry } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';
import { SESSION_STORE, SessionStore } from '@cim/session-store';

/** The admin app's metrics: system messages pushed and broadcast, errors, Redis and ZooKeeper status. */
@Injectable()
export class AdminMetrics {
  /** System messages handed to im-servers for users online (a broadcast counts each connection written). */
  readonly messagesOut: Counter<'kind'>;
  /** Pushed messages kept in the inbox of users offline. */
  readonly messagesInboxed: Counter<'kind'>;
  private readonly errors: Counter<'cause'>;

  constructor(
    metrics: MetricsRegistry,
    @Inject(SESSION_STORE) store: SessionStore,
    @Inject(REGISTRY) registry: Registry,
  ) {
    this.messagesOut = cimMetrics.messagesOut(
      metrics,
      'Pushed and broadcast messages handed to im-servers, by kind.',
    );
    this.messagesInboxed = cimMetrics.messagesInboxed(metrics);
    this.errors = cimMetrics.errors(metrics);
    cimMetrics.redisUp(metrics, store);
    cimMetrics.zooKeeperUp(metrics, registry);
  }

  /** Counts an error answer by its HTTP status (401 → unauthorized, 503 → unavailable, ...). */
  failed(status: number): void {
    this.errors.inc({ cause: errorCause(status) });
  }
}
