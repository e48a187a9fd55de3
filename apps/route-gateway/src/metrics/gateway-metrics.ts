import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { cimMetrics, errorCause, MessageKindLabel, MetricNames, MetricsRegistry } from '@cim/observability';
import { REGISTRY, Registry } from '@cim/registry';
import { SESSION_STORE, SessionStore } from '@cim/session-store';

/**
 * The route-gateway's metrics: logins and resumes, busy reports, messages routed / handed to im-servers / kept for later by
 * kind, the route latency, errors by cause, and whether Redis and ZooKeeper are reachable.
 */
@Injectable()
export class GatewayMetrics {
  private readonly logins: Counter;
  private readonly resumes: Counter;
  private readonly loginsShed: Counter;
  private readonly loginsAbandoned: Counter;
  private readonly messagesIn: Counter<'kind'>;
  private readonly messagesOut: Counter<'kind'>;
  private readonly messagesInboxed: Counter<'kind'>;
  private readonly routeLatency: Histogram;
  private readonly errors: Counter<'cause'>;
  private readonly groupHandOvers: Counter<'server'>;
  private readonly busyReports: Counter<'server'>;

  constructor(
    metrics: MetricsRegistry,
    @Inject(SESSION_STORE) store: SessionStore,
    @Inject(REGISTRY) registry: Registry,
  ) {
    this.logins = cimMetrics.logins(metrics, 'Logins granted by POST /api/login.');
    this.resumes = new Counter({
      name: 'cim_resumes_total',
      help: 'Sessions granted by POST /api/resume (a resume credential, no password).',
      registers: [metrics],
    });
    this.loginsShed = new Counter({
      name: 'cim_logins_shed_total',
      help: 'Logins and resumes answered 503 with Retry-After at once: CIM_MAX_LOGINS_UNDER_WAY were under way.',
      registers: [metrics],
    });
    this.loginsAbandoned = new Counter({
      name: 'cim_logins_abandoned_total',
      help: 'Logins and resumes not worked on: their client had closed its connection before their turn.',
      registers: [metrics],
    });
    this.messagesIn = cimMetrics.messagesIn(metrics, 'Messages accepted and routed, by kind.');
    this.messagesOut = cimMetrics.messagesOut(
      metrics,
      'Messages handed to an im-server that took them (a group message: once per server), by kind.',
    );
    this.messagesInboxed = cimMetrics.messagesInboxed(metrics);
    this.routeLatency = cimMetrics.routeLatency(metrics);
    this.errors = cimMetrics.errors(metrics);
    this.groupHandOvers = new Counter({
      name: MetricNames.GroupHandOvers,
      help: 'Messages to groups with membership handed to an im-server: one per message and server with members online.',
      labelNames: ['server'],
      registers: [metrics],
    });
    this.busyReports = new Counter({
      name: 'cim_busy_reports_total',
      help: 'Logins and resumes whose client named the live im-server that had answered its LOGIN busy (avoid), by that server.',
      labelNames: ['server'],
      registers: [metrics],
    });
    cimMetrics.redisUp(metrics, store);
    cimMetrics.zooKeeperUp(metrics, registry);
  }

  loggedIn(): void {
    this.logins.inc();
  }

  resumed(): void {
    this.resumes.inc();
  }

  /** A login or resume refused at once: the gateway was working on as many as it may. */
  shed(): void {
    this.loginsShed.inc();
  }

  /** A client reports that this live server answered its LOGIN busy. */
  busyReported(serverId: string): void {
    this.busyReports.inc({ server: serverId });
  }

  /** A login or resume left alone: its client had gone. */
  abandoned(): void {
    this.loginsAbandoned.inc();
  }

  routed(kind: MessageKindLabel): void {
    this.messagesIn.inc({ kind });
  }

  handedOver(kind: MessageKindLabel, count = 1): void {
    this.messagesOut.inc({ kind }, count);
  }

  /** A message to a group with membership was handed to the im-server for its members there. */
  groupHandedOver(serverId: string): void {
    this.groupHandOvers.inc({ server: serverId });
  }

  /** Kept for the receiver's next login: in the inbox, or in the unacked ledger when their server missed them. */
  inboxed(kind: MessageKindLabel): void {
    this.messagesInboxed.inc({ kind });
  }

  /** An im-server answered Deliver for a message accepted at `sentAt`. */
  delivered(sentAt: number): void {
    this.routeLatency.observe(Math.max(0, Date.now() - sentAt) / 1000);
  }

  /** An error answer: an ErrorCode name ('RateLimited') or an HTTP status (401). */
  failed(reason: string | number): void {
    this.errors.inc({ cause: errorCause(reason) });
  }
}
