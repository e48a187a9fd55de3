import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { cimMetrics, errorCause, MessageKindLabel, MetricsRegistry } from '@cim/observability';
import { ErrorCode, ImServerStats, StoredMessage } from '@cim/protocol';
import { RPC_UNAUTHENTICATED_CAUSE } from '@cim/rpc';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { TransportCause } from '../transport/client-transport.strategy';

/**
 * Everything this server counts, in one place: logins, messages in and out by kind, and the ERROR frames
 * it sent (and the connections it closed on its own) by cause. The admin app reads them through im.stats
 * (snapshot), Prometheus at /metrics, along with the logged-in connections, read at scrape time.
 */
@Injectable()
export class ServerStats {
  readonly startedAt = Date.now();
  private messagesIn = 0;
  private messagesOut = 0;
  private logins = 0;
  private readonly messagesInByKind: Partial<Record<MessageKindLabel, number>> = {};
  private readonly messagesOutByKind: Partial<Record<MessageKindLabel, number>> = {};
  private readonly loginsCounter: Counter;
  private readonly inCounter: Counter<'kind'>;
  private readonly outCounter: Counter<'kind'>;
  private readonly errorsCounter: Counter<'cause'>;

  constructor(
    private readonly env: ImServerEnv,
    private readonly connections: ConnectionRegistry,
    metrics: MetricsRegistry,
  ) {
    this.loginsCounter = cimMetrics.logins(metrics, 'LOGIN frames accepted.');
    this.inCounter = cimMetrics.messagesIn(metrics, 'SEND frames taken from clients, by kind.');
    this.outCounter = cimMetrics.messagesOut(metrics, 'Messages written to clients, by kind.');
    this.errorsCounter = cimMetrics.errors(metrics);
    cimMetrics.connections(metrics, () => connections.size);
  }

  loggedIn(): void {
    this.logins++;
    this.loginsCounter.inc();
  }

  received(kind: MessageKindLabel): void {
    this.messagesIn++;
    this.messagesInByKind[kind] = (this.messagesInByKind[kind] ?? 0) + 1;
    this.inCounter.inc({ kind });
  }

  sent(kind: MessageKindLabel, count = 1): void {
    if (count <= 0) return;
    this.messagesOut += count;
    this.messagesOutByKind[kind] = (this.messagesOutByKind[kind] ?? 0) + count;
    this.outCounter.inc({ kind }, count);
  }

  /** Messages handed over at LOGIN: private ones travel as OFFLINE. */
  sentFromInbox(messages: StoredMessage[]): void {
    for (const message of messages) this.sent(message.kind === 'private' ? 'offline' : message.kind);
  }

  /** A connection to the RPC port refused for want of a valid CIM_RPC_SECRET proof. */
  refusedRpc(): void {
    this.errorsCounter.inc({ cause: RPC_UNAUTHENTICATED_CAUSE });
  }

  /** An ERROR frame sent to a client, or a client the transport closed (a slow reader, a timeout). */
  failed(cause: ErrorCode | TransportCause): void {
    const label = typeof cause === 'string' ? cause : errorCause(ErrorCode[cause] ?? 'Internal');
    this.errorsCounter.inc({ cause: label });
  }

  /** What im.stats answers. */
  snapshot(): ImServerStats {
    return {
      serverId: this.env.CIM_SERVER_ID,
      connections: this.connections.size,
      startedAt: this.startedAt,
      uptimeMs: Date.now() - this.startedAt,
      messagesIn: this.messagesIn,
      messagesOut: this.messagesOut,
      logins: this.logins,
      messagesInByKind: { ...this.messagesInByKind },
      messagesOutByKind: { ...this.messagesOutByKind },
    };
  }
}
