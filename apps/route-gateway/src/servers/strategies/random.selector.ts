import { ServerInfo } from '@cim/registry';
import { ServerSelector } from './server-selector';

/** Each login goes to a server chosen at random, among those not passed over. */
export class RandomSelector implements ServerSelector {
  /** `random` answers a number in [0, 1), like Math.random. */
  constructor(private readonly random: () => number = Math.random) {}

  pick(servers: readonly ServerInfo[], _userId?: string, passOver?: ReadonlySet<string>): ServerInfo {
    const open = passOver?.size ? servers.filter((s) => !passOver.has(s.id)) : servers;
    return open[Math.min(Math.floor(this.random() * open.length), open.length - 1)];
  }
}
