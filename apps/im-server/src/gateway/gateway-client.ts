import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import {
  AcknowledgeRequest,
  ErrorCode,
  GatewayPatterns,
  RpcFailure,
  SendBatchReply,
  SendBatchRequest,
  SessionClosedRequest,
  SessionOpenedReply,
  SessionRef,
} from '@cim/protocol';
import { ImServerEnv } from '../config/im-server.env';
import { ClientFrameError } from '../transport/client-frame.error';

const CALL_TIMEOUT_MS = 5000;

/** This server's calls to the route-gateway over Nest's TCP transport. */
@Injectable()
export class GatewayClient implements OnApplicationShutdown {
  private readonly proxy: ClientProxy;

  constructor(env: ImServerEnv) {
    this.proxy = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: env.CIM_GATEWAY_RPC_HOST, port: env.CIM_GATEWAY_RPC_PORT },
    });
  }

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

  async onApplicationShutdown(): Promise<void> {
    await this.proxy.close();
  }

  /** Answers the reply, or throws a ClientFrameError carrying the gateway's reason. */
  private async call<T>(pattern: string, payload: unknown): Promise<T> {
    try {
      return await firstValueFrom(this.proxy.send<T>(pattern, payload).pipe(timeout(CALL_TIMEOUT_MS)));
    } catch (error) {
      throw toClientError(error);
    }
  }
}

function toClientError(error: unknown): ClientFrameError {
  const failure = error as Partial<RpcFailure>;
  const code =
    typeof failure?.code === 'string' ? ErrorCode[failure.code as keyof typeof ErrorCode] : undefined;
  if (code !== undefined && typeof failure.message === 'string')
    return new ClientFrameError(code, failure.message);
  const cause = error instanceof Error ? error.message : String(failure?.message ?? error);
  return new ClientFrameError(ErrorCode.Unavailable, `route-gateway unavailable: ${cause}`);
}
