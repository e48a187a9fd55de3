import { Injectable } from '@nestjs/common';
import { firstValueFrom, timeout } from 'rxjs';
import {
  AcknowledgeRequest,
  ErrorCode,
  GatewayPatterns,
  MarkReadReply,
  MarkReadRequest,
  RpcFailure,
  SendBatchReply,
  SendBatchRequest,
  ServerLeaseReply,
  ServerLeaseRequest,
  SessionClosedRequest,
  SessionOpenedReply,
  SessionRef,
  StoreEpochReply,
  SyncReply,
  SyncRequest,
} from '@cim/protocol';
import { ClientFrameError } from '../transport/client-frame.error';
import { GatewayPool } from './gateway-pool';

const CALL_TIMEOUT_MS = 5000;

/**
 * This server's calls to the route-gateways over Nest's TCP transport, spread over every live gateway
 * (GatewayPool). A call that fails in transport (refused, reset, timed out) is made again on another
 * gateway: every pattern here is safe to repeat (SENDs are deduplicated by client message id, the inbox
 * hand-over answers what is still unacknowledged, acks, read marks and releases are idempotent). A refusal from a
 * gateway (an RpcFailure with a code) is final.
 */
@Injectable()
export class GatewayClient {
  constructor(private readonly pool: GatewayPool) {}

  sessionOpened(session: SessionRef): Promise<SessionOpenedReply> {
    return this.call(GatewayPatterns.SessionOpened, session);
  }

  sessionClosed(request: SessionClosedRequest): Promise<{ released: boolean }> {
    return this.call(GatewayPatterns.SessionClosed, request);
  }

  acknowledge(request: AcknowledgeRequest): Promise<{ acknowledged: number }> {
    return this.call(GatewayPatterns.Acknowledge, request);
  }

  sendBatch(request: SendBatchRequest): Promise<SendBatchReply> {
    return this.call(GatewayPatterns.SendBatch, request);
  }

  sync(request: SyncRequest): Promise<SyncReply> {
    return this.call(GatewayPatterns.Sync, request);
  }

  markRead(request: MarkReadRequest): Promise<MarkReadReply> {
    return this.call(GatewayPatterns.MarkRead, request);
  }

  serverLease(request: ServerLeaseRequest): Promise<ServerLeaseReply> {
    return this.call(GatewayPatterns.ServerLease, request);
  }

  storeEpoch(): Promise<StoreEpochReply> {
    return this.call(GatewayPatterns.StoreEpoch, {});
  }

  /** Answers the reply, or throws a ClientFrameError carrying the gateway's reason. */
  private async call<T>(pattern: string, payload: unknown): Promise<T> {
    const deadline = Date.now() + CALL_TIMEOUT_MS;
    await this.pool.whenAny(CALL_TIMEOUT_MS);
    const tried = new Set<string>();
    let lastError = 'no route-gateway is registered';
    for (;;) {
      const left = deadline - Date.now();
      const connection = left > 0 ? this.pool.pick(tried) : undefined;
      if (!connection) throw unavailable(lastError);
      tried.add(connection.info.id);
      try {
        const reply = await firstValueFrom(connection.proxy.send<T>(pattern, payload).pipe(timeout(left)));
        this.pool.succeeded(connection);
        return reply;
      } catch (error) {
        const refusal = asRefusal(error);
        if (refusal) throw refusal;
        lastError = `gateway ${connection.info.id}: ${describe(error)}`;
        this.pool.failed(connection, describe(error));
      }
    }
  }
}

function asRefusal(error: unknown): ClientFrameError | undefined {
  const failure = error as Partial<RpcFailure>;
  const code =
    typeof failure?.code === 'string' ? ErrorCode[failure.code as keyof typeof ErrorCode] : undefined;
  if (code !== undefined && typeof failure.message === 'string')
    return new ClientFrameError(code, failure.message);
  return undefined;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' ? message : String(error);
}

function unavailable(cause: string): ClientFrameError {
  return new ClientFrameError(ErrorCode.Unavailable, `route-gateway unavailable: ${cause}`);
}
