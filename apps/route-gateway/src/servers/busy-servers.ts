/** How long the weight of busy reports on a server takes to halve. */
export const BUSY_HALF_LIFE_MS = 1000;
/** The weight above which a server counts as busy: one report's, for one half-life. */
const BUSY_ABOVE = 0.5;
/** The most weight a server carries: however often reported, busy for at most 4 half-lives after the last. */
const MOST_WEIGHT = 8;
/** A weight below this is forgotten. */
const FORGOTTEN_BELOW = 0.01;

interface Weight {
  weight: number;
  at: number;
}

/**
 * The im-servers that clients reported lately as having answered their LOGIN busy (the `avoid` of a
 * login or resume): each report adds 1 to the server's weight, which halves every BUSY_HALF_LIFE_MS,
 * and a server weighing more than BUSY_ABOVE is busy. So one report makes a server busy for a second,
 * reports coming about once a second or more often for as long as they come and up to four seconds
 * more. Only live servers are reported (ServerDirectory), and those that leave the list are
 * forgotten: one entry per live server at most.
 *
 * Each gateway keeps its own, and that is enough: the reports it gets are the busy answers to the
 * placements it made, in proportion to its share of the crowd, so it learns of a busy server about as
 * fast as the logins it sends there fail; a gateway that has not heard yet costs each of its clients
 * one busy answer, after which the client's own `avoid` steers its next placement, whichever gateway
 * makes it. Sharing the weights (in the store) would add a round trip to every login and resume, the
 * path a reconnecting crowd takes, to learn a little sooner what lasts a few seconds.
 */
export class BusyServers {
  private readonly weights = new Map<string, Weight>();

  constructor(private readonly clock: () => number) {}

  /** A client says this server answered its LOGIN busy. */
  reported(serverId: string): void {
    const weight = Math.min(this.weightOf(serverId) + 1, MOST_WEIGHT);
    this.weights.set(serverId, { weight, at: this.clock() });
  }

  isBusy(serverId: string): boolean {
    return this.weightOf(serverId) > BUSY_ABOVE;
  }

  /** Forgets the servers not among these (they left the list). */
  keepOnly(serverIds: ReadonlySet<string>): void {
    for (const id of this.weights.keys()) if (!serverIds.has(id)) this.weights.delete(id);
  }

  private weightOf(serverId: string): number {
    const entry = this.weights.get(serverId);
    if (!entry) return 0;
    const weight = entry.weight * 2 ** (-(this.clock() - entry.at) / BUSY_HALF_LIFE_MS);
    if (weight >= FORGOTTEN_BELOW) return weight;
    this.weights.delete(serverId);
    return 0;
  }
}
