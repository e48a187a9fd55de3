import { ClientTCP } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { ServerInfo } from '@cim/registry';
import { authenticatedSocket, isConnectionReset, RpcCaller } from '@cim/rpc';
import { ImServerCallError, ImServerClient, ImServerClientFactory, ImServerLogger } from './im-server-client';

/**
 * Nest's TCP transport client, connecting on the first call and again on the first call after the
 * connection drops; each connection opens with this process's CIM_RPC_SECRET proof (@cim/rpc). An im-server that restarts resets the connection: that is a warning naming the
 * server, not the bare error Nest's client logs for any socket error.
 */
class ImServerConnection extends ClientTCP {
  constructor(
    private readonly imServer: ServerInfo,
    private readonly report: ImServerLogger,
    caller: RpcCaller,
  ) {
    super({
      host: imServer.rpcHost,
      port: imServer.rpcPort,
      socketClass: authenticatedSocket(caller, (reason) =>
        report.warn(`${describeServer(imServer)} refused this process's RPC connection: ${reason}`),
      ),
    });
  }

  override handleError(error: unknown): void {
    const where = describeServer(this.imServer);
    if (isConnectionReset(error)) {
      this.report.warn(`connection to ${where} was reset; it will be redialled on the next call`);
    } else {
      this.report.error(`connection to ${where} failed: ${describe(error)}`);
    }
  }
}

/** The client of one im-server's TCP transport; a call that takes longer than timeoutMs fails. */
export class TcpImServerClient implements ImServerClient {
  private readonly connection: ImServerConnection;

  constructor(
    private readonly server: ServerInfo,
    private readonly timeoutMs: number,
    logger: ImServerLogger,
    caller: RpcCaller,
  ) {
    this.connection = new ImServerConnection(server, logger, caller);
  }

  async call<R>(pattern: string, payload: unknown): Promise<R> {
    try {
      return await firstValueFrom(this.connection.send<R>(pattern, payload).pipe(timeout(this.timeoutMs)));
    } catch (error) {
      throw new ImServerCallError(this.server.id, pattern, error);
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}

/** Makes TcpImServerClients with this call timeout and credential, logging to the logger. */
export function tcpImServerClients(
  timeoutMs: number,
  logger: ImServerLogger,
  caller: RpcCaller,
): ImServerClientFactory {
  return (server) => new TcpImServerClient(server, timeoutMs, logger, caller);
}

function describeServer({ id, rpcHost, rpcPort }: ServerInfo): string {
  return `im-server ${id} at ${rpcHost}:${rpcPort}`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
