import { ServerInfo } from '@cim/registry';

/** Server entries for the selectors' specs. */
export function testServers(...ids: string[]): ServerInfo[] {
  return ids.map((id, i) => ({
    id,
    host: '127.0.0.1',
    clientPort: 9000 + i,
    rpcHost: '127.0.0.1',
    rpcPort: 9100 + i,
    httpPort: 9200 + i,
    startedAt: 0,
  }));
}
