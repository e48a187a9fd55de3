import { ServerInfo } from '@cim/registry';
import { ServerSelector } from './server-selector';

/**
 * Each login goes to the next server in turn. A login that does not happen (refused as a duplicate,
 * or failed) gives its turn back: the next login takes it, so the turns of the logins that happen
 * keep going round. Turns given back while other logins were picking keep each server's share even.
 * A server passed over is skipped (its turn goes to the next one) and a turn it gave back is dropped,
 * so the others keep even shares between them.
 */
export class RoundRobinSelector implements ServerSelector {
  private counter = 0;
  /** Server ids whose turn a login gave back, oldest first. */
  private readonly returned: string[] = [];

  pick(servers: readonly ServerInfo[], _userId?: string, passOver?: ReadonlySet<string>): ServerInfo {
    for (let id = this.returned.shift(); id !== undefined; id = this.returned.shift()) {
      const server = servers.find((s) => s.id === id);
      if (server && !passOver?.has(id)) return server;
    }
    let skipped = 0;
    while (passOver?.has(servers[(this.counter + skipped) % servers.length].id)) skipped++;
    const server = servers[(this.counter + skipped) % servers.length];
    this.counter = (this.counter + skipped + 1) % Number.MAX_SAFE_INTEGER;
    return server;
  }

  unused(serverId: string): void {
    this.returned.push(serverId);
  }
}
