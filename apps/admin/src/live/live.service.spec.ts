import { ImServerStats } from '@cim/protocol';
import { ServerInfo } from '@cim/registry';
import { SessionStore } from '@cim/session-store';
import { ImServerClients } from '@cim/delivery';
import { LiveServers } from '../servers/live-servers';
import { LiveService } from './live.service';

const server = (id: string): ServerInfo =>
  ({ id, host: `${id}.example`, clientPort: 9000, rpcHost: '10.0.0.1', rpcPort: 9001 }) as ServerInfo;

describe('LiveService', () => {
  let now: number;
  let stats: Record<string, ImServerStats | Error>;
  let online: () => Promise<number>;
  let registered: ServerInfo[];
  let service: LiveService;

  beforeEach(() => {
    now = 1_000_000;
    stats = {};
    online = async () => 3;
    registered = [server('im-1')];
    const servers = { list: async () => registered } as unknown as LiveServers;
    const calls = {
      call: async (serverId: string) => {
        now += 2; // each call takes 2 ms
        const answer = stats[serverId];
        if (answer instanceof Error) throw answer;
        return answer;
      },
    } as unknown as ImServerClients;
    const store = { countOnline: () => online() } as unknown as SessionStore;
    service = new LiveService(servers, calls, store, () => now);
  });

  const counters = (messagesIn: number, messagesOut: number): ImServerStats => ({
    serverId: 'x',
    connections: 7,
    uptimeMs: 60_000,
    startedAt: 1,
    messagesIn,
    messagesOut,
  });

  it("shows each server's connections and round trip, and its message rates from the second look on", async () => {
    stats = { 'im-1': counters(10, 20) };
    const first = await service.snapshot();
    expect(first.online).toBe(3);
    expect(first.servers[0]).toEqual({
      id: 'im-1',
      address: 'im-1.example:9000',
      reachable: true,
      connections: 7,
      messagesInPerSecond: null,
      messagesOutPerSecond: null,
      latencyMs: 2,
      uptimeMs: 60_000,
    });

    now += 2000;
    stats['im-1'] = counters(30, 80);
    const second = await service.snapshot();
    expect(second.servers[0].messagesInPerSecond).toBeCloseTo(20000 / 2002);
    expect(second.servers[0].messagesOutPerSecond).toBeCloseTo(60000 / 2002);
  });

  it('shows a server that does not answer im.stats as unreachable, with no figures', async () => {
    registered = [server('im-1'), server('im-2')];
    stats = { 'im-1': counters(0, 0), 'im-2': new Error('timeout') };
    const { servers } = await service.snapshot();
    expect(servers.map((s) => [s.id, s.reachable])).toEqual([
      ['im-1', true],
      ['im-2', false],
    ]);
    expect(servers[1]).toMatchObject({ connections: null, messagesOutPerSecond: null, latencyMs: null });
  });

  it('shows online as null while the store does not answer, rather than failing the page', async () => {
    stats = { 'im-1': counters(0, 0), 'im-2': counters(0, 0) };
    online = () => Promise.reject(new Error('ECONNREFUSED'));
    expect((await service.snapshot()).online).toBeNull();
  });
});
