import { ServerInfo } from '@cim/registry';

/** Picks the im-server a login goes to, among the live ones (never empty, sorted by id). */
export interface ServerSelector {
  pick(servers: readonly ServerInfo[], userId: string): ServerInfo;
  /** The login picked for this server did not happen (refused, failed): its turn is not used up. */
  unused?(serverId: string): void;
}
