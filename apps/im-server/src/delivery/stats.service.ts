import { Injectable } from '@nestjs/common';
import { ImServerStats } from '@cim/protocol';
import { ImServerEnv } from '../config/im-server.env';
import { ConnectionRegistry } from '../connections/connection-registry';
import { ServerStats } from '../connections/server-stats';

@Injectable()
export class StatsService {
  constructor(
    private readonly env: ImServerEnv,
    private readonly connections: ConnectionRegistry,
    private readonly stats: ServerStats,
  ) {}

  snapshot(): ImServerStats {
    return {
      serverId: this.env.CIM_SERVER_ID,
      connections: this.connections.size,
      startedAt: this.stats.startedAt,
      uptimeMs: Date.now() - this.stats.startedAt,
      messagesIn: this.stats.messagesIn,
      messagesOut: this.stats.messagesOut,
      logins: this.stats.logins,
      messagesInByKind: { ...this.stats.messagesInByKind },
      messagesOutByKind: { ...this.stats.messagesOutByKind },
    };
  }
}
