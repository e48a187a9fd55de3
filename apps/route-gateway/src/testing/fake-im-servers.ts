import { ServerInfo } from '@cim/registry';
import { serverInfo } from '@cim/delivery';

export { FakeImServers, serverInfo } from '@cim/delivery';

/** Entries for servers with these ids, each on its own ports. */
export function testServers(...ids: string[]): ServerInfo[] {
  return ids.map((id, i) => serverInfo(id, 9000 + 10 * i));
}
