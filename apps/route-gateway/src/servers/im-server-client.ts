import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { ServerInfo } from '@cim/registry';

/** A call to an im-server that failed, timed out, or was answered with an error. */
export class ImServerCallError extends Error {
  constructor(
    readonly serverId: string,
    readonly pattern: string,
    cause: unknown,
  ) {
    super(`im-server ${serverId} failed ${pattern}: ${describe(cause)}`, { cause });
    this.name = 'ImServerCallError';
  }
}

/** The gateway's connection to one im-server's TCP transport. */
export interface ImServerClient {
  /** Answers the reply, or rejects with ImServerCallError; never waits longer than the call timeout. */
  call<R>(pattern: string, payload: unknown): Promise<R>;
  close(): Promise<void>;
}

/** Makes the client of a newly seen im-server; a token so that tests can give fakes. */
export const IM_SERVER_CLIENT_FACTORY = Symbol('IM_SERVER_CLIENT_FACTORY');
export type ImServerClientFactory = (server: ServerInfo) => ImServerClient;

/** Nest's TCP transport client, connecting on the first call and again after the connection drops. */
export class TcpImServerClient implements ImServerClient {
  private readonly proxy: ClientProxy;

  constructor(
    private readonly server: ServerInfo,
    private readonly timeoutMs: number,
  ) {
    this.proxy = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: server.rpcHost, port: server.rpcPort },
    });
  }

  async call<R>(pattern: string, payload: unknown): Promise<R> {
    try {
      return await firstValueFrom(this.proxy.send<R>(pattern, payload).pipe(timeout(this.timeoutMs)));
    } catch (error) {
      throw new ImServerCallError(this.server.id, pattern, error);
    }
  }

  async close(): Promise<void> {
    await this.proxy.close();
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  if (typeof cause === 'object' && cause !== null && 'message' in cause) return String(cause.message);
  return String(cause);
}
