import { Inject, Injectable } from '@nestjs/common';
import { ImServerClients } from '@cim/delivery';
import { ImServerPatterns, ImServerStats } from '@cim/protocol';
import { ServerInfo } from '@cim/registry';
import { SESSION_STORE, SessionStore } from '@cim/session-store';
import { LiveServers } from '../servers/live-servers';
import { LiveServer, LiveSnapshot } from './dto/live-snapshot.response';
import { Rates } from './rates';

/** Clock used for the snapshot's time and the round trips: replaceable in unit tests. */
export const LIVE_CLOCK = Symbol('LIVE_CLOCK');
export type Clock = () => number;

/** What the live page shows each second: every registered im-server's connections, rates and round trip. */
@Injectable()
export class LiveService {
  private readonly rates = new Rates();

  constructor(
    private readonly servers: LiveServers,
    private readonly calls: ImServerClients,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(LIVE_CLOCK) private readonly clock: Clock,
  ) {}

  async snapshot(): Promise<LiveSnapshot> {
    const [servers, online] = await Promise.all([
      this.servers.list(),
      this.store.countOnline().catch(() => null),
    ]);
    const views = await Promise.all(servers.map((server) => this.view(server)));
    this.rates.retain(new Set(servers.map((s) => s.id)));
    return { at: this.clock(), online, servers: views };
  }

  private async view(server: ServerInfo): Promise<LiveServer> {
    const started = this.clock();
    const stats = await this.calls
      .call<ImServerStats>(server.id, ImServerPatterns.Stats, {})
      .catch(() => undefined);
    const at = this.clock();
    const address = `${server.host}:${server.clientPort}`;
    if (!stats) {
      return {
        id: server.id,
        address,
        reachable: false,
        connections: null,
        messagesInPerSecond: null,
        messagesOutPerSecond: null,
        latencyMs: null,
        uptimeMs: null,
      };
    }
    // Keyed by start time too: a restarted server's counters begin again from 0.
    const key = (counter: string) => `${server.id}\n${stats.startedAt}\n${counter}`;
    return {
      id: server.id,
      address,
      reachable: true,
      connections: stats.connections,
      messagesInPerSecond: this.rates.rate(key('in'), stats.messagesIn, at),
      messagesOutPerSecond: this.rates.rate(key('out'), stats.messagesOut, at),
      latencyMs: Math.round((at - started) * 100) / 100,
      uptimeMs: stats.uptimeMs,
    };
  }
}
