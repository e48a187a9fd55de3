import { ServerInfo } from '@cim/registry';

/** Picks the im-server a login goes to, among the live ones (never empty, sorted by id). */
export interface ServerSelector {
  /**
   * A server for this login that is not in `passOver` (never all of `servers`): the servers the
   * placement keeps away from (ServerDirectory.pick).
   */
  pick(servers: readonly ServerInfo[], userId: string, passOver?: ReadonlySet<string>): ServerInfo;
  /** The login picked for this server did not happen (refused, failed): its turn is not used up. */
  unused?(serverId: string): void;
}
