import { Injectable } from '@nestjs/common';
import { CountersResponse, ServerCounters } from './dto/counters.response';
import { ImServerView } from './dto/im-server.response';
import { LiveServers } from './live-servers';

@Injectable()
export class ServersService {
  constructor(private readonly live: LiveServers) {}

  /** Every registered im-server, with its connection count and uptime when it answers. */
  async list(): Promise<ImServerView[]> {
    return (await this.live.withStats()).map(({ server, stats }) => ({
      ...server,
      reachable: stats !== undefined,
      connections: stats?.connections ?? null,
      uptimeMs: stats?.uptimeMs ?? null,
    }));
  }

  /** Each server's message counters since it started, and their sums. */
  async counters(): Promise<CountersResponse> {
    const servers = (await this.live.withStats()).map(({ server, stats }): ServerCounters => ({
      serverId: server.id,
      reachable: stats !== undefined,
      messagesIn: stats?.messagesIn ?? 0,
      messagesOut: stats?.messagesOut ?? 0,
      logins: stats?.logins ?? 0,
      messagesInByKind: stats?.messagesInByKind ?? {},
      messagesOutByKind: stats?.messagesOutByKind ?? {},
    }));
    const sum = (pick: (s: ServerCounters) => number) => servers.reduce((total, s) => total + pick(s), 0);
    return { servers, messagesIn: sum((s) => s.messagesIn), messagesOut: sum((s) => s.messagesOut) };
  }
}
