import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom, timeout } from 'rxjs';
import { ServerInfo } from '@cim/registry';
import { AdminEnv } from '../config/admin.env';

/** A call to an im-server that failed or was not answered within CIM_RPC_TIMEOUT_MS. */
export class ImServerCallError extends Error {
  constructor(serverId: string, pattern: string, cause: unknown) {
    super(
      `im-server ${serverId} failed ${pattern}: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'ImServerCallError';
  }
}

interface Client {
  address: string;
  proxy: ClientProxy;
}

/** The admin's calls to the im-servers over Nest's TCP transport: one client per server, made on first use. */
@Injectable()
export class ImServerCalls implements OnModuleDestroy {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly env: AdminEnv) {}

  /** Answers the reply, or rejects with ImServerCallError. */
  async call<R>(server: ServerInfo, pattern: string, payload: unknown): Promise<R> {
    const proxy = this.client(server);
    try {
      return await firstValueFrom(proxy.send<R>(pattern, payload).pipe(timeout(this.env.CIM_RPC_TIMEOUT_MS)));
    } catch (error) {
      throw new ImServerCallError(server.id, pattern, error);
    }
  }

  /** Closes the clients of servers that are no longer registered. */
  retain(servers: readonly ServerInfo[]): void {
    const live = new Set(servers.map((s) => `${s.id}\n${address(s)}`));
    for (const [id, client] of this.clients) {
      if (live.has(`${id}\n${client.address}`)) continue;
      this.clients.delete(id);
      void client.proxy.close();
    }
  }

  async onModuleDestroy(): Promise<void> {
    const clients = [...this.clients.values()];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.proxy.close()));
  }

  private client(server: ServerInfo): ClientProxy {
    const existing = this.clients.get(server.id);
    if (existing?.address === address(server)) return existing.proxy;
    if (existing) void existing.proxy.close();
    const proxy = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: server.rpcHost, port: server.rpcPort },
    });
    this.clients.set(server.id, { address: address(server), proxy });
    return proxy;
  }
}

function address(server: ServerInfo): string {
  return `${server.rpcHost}:${server.rpcPort}`;
}
