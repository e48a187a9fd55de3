import { ServerInfo } from '@cim/registry';
import { ServerSelector } from './server-selector';

/** Each login goes to the next server in turn. */
export class RoundRobinSelector implements ServerSelector {
  private counter = 0;

  pick(servers: readonly ServerInfo[], _userId?: string): ServerInfo {
    const server = servers[this.counter % servers.length];
    this.counter = (this.counter + 1) % Number.MAX_SAFE_INTEGER;
    return server;
  }
}
