import { ServerInfo } from '@cim/registry';
import { ServerSelector } from './server-selector';

/** Each login goes to a server chosen at random. */
export class RandomSelector implements ServerSelector {
  /** `random` answers a number in [0, 1), like Math.random. */
  constructor(private readonly random: () => number = Math.random) {}

  pick(servers: readonly ServerInfo[], _userId?: string): ServerInfo {
    return servers[Math.min(Math.floor(this.random() * servers.length), servers.length - 1)];
  }
}
