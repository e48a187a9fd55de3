import { Inject, Injectable } from '@nestjs/common';
import { ImServerClients } from '@cim/delivery';
import { ImServerPatterns, ImServerStats } from '@cim/protocol';
import { REGISTRY, Registry, ServerInfo } from '@cim/registry';
import { AdminEnv } from '../config/admin.env';
import { DependencyUnavailableError } from '../errors/dependency-unavailable.error';

export interface ServerWithStats {
  server: ServerInfo;
  /** Absent when the server did not answer im.stats in time. */
  stats?: ImServerStats;
}

/**
 * The im-servers registered in ZooKeeper, read afresh on each call (which keeps the clients in step with
 * the list), and their own statistics.
 */
@Injectable()
export class LiveServers {
  constructor(
    @Inject(REGISTRY) private readonly registry: Registry,
    private readonly clients: ImServerClients,
    private readonly env: AdminEnv,
  ) {}

  /** Sorted by id; rejects with DependencyUnavailableError when the registry does not answer in time. */
  async list(): Promise<ServerInfo[]> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.env.CIM_RPC_TIMEOUT_MS} ms`)),
        this.env.CIM_RPC_TIMEOUT_MS,
      );
    });
    try {
      const servers = await Promise.race([this.registry.list(), deadline]);
      this.clients.update(servers);
      return [...servers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    } catch (error) {
      throw new DependencyUnavailableError('registry', error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every registered server with what it answers to im.stats, asked of all of them at once. */
  async withStats(): Promise<ServerWithStats[]> {
    const servers = await this.list();
    return Promise.all(
      servers.map(async (server) => ({
        server,
        stats: await this.clients
          .call<ImServerStats>(server.id, ImServerPatterns.Stats, {})
          .catch(() => undefined),
      })),
    );
  }
}
