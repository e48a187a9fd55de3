import { ReleasedRoutes, ReleasedRun, ServerRun, ServerRunStore } from '../server-runs';
import { Route } from '../session-store';
import { ExpiringMap } from './expiring-map';
import { MemoryRoutes } from './device-routes';

/** Leases of im-server runs in memory, over the store's online index (see RedisServerRuns). */
export class MemoryServerRuns implements ServerRunStore {
  private readonly leases: ExpiringMap<string, ServerRun>;
  /** Every run that may still hold routes, by its key. */
  private readonly known = new Map<string, ServerRun>();

  constructor(
    private readonly routes: MemoryRoutes,
    private readonly clock: () => number,
  ) {
    this.leases = new ExpiringMap(clock);
  }

  async holdServerRun(run: ServerRun, ttlMs: number, first: boolean): Promise<boolean> {
    const key = runKey(run);
    // A lease that lapsed holds again as long as no sweep ended its run (released its routes).
    if (!first && !this.known.has(key)) return false;
    this.leases.set(key, { ...run }, ttlMs);
    this.known.set(key, { ...run });
    return true;
  }

  async sweepServerRuns(): Promise<ReleasedRun[]> {
    const released: ReleasedRun[] = [];
    for (const [key, run] of this.known) {
      if (this.leases.get(key) !== undefined) continue;
      this.known.delete(key);
      const before = this.clock();
      const routes = this.release(run, (r) => r.incarnation === run.incarnation && r.since < before);
      released.push({ ...run, ...routes });
    }
    return released;
  }

  async releaseOtherRuns(run: ServerRun): Promise<ReleasedRoutes> {
    return this.release(run, (route) => route.incarnation !== run.incarnation);
  }

  /** Releases the online routes to the run's server that match; as RedisRoutes.releaseRun does. */
  private release({ serverId }: ServerRun, matches: (route: Route) => boolean): ReleasedRoutes {
    return this.routes.releaseOn(serverId, matches);
  }
}

function runKey({ serverId, incarnation }: ServerRun): string {
  return JSON.stringify([serverId, incarnation]);
}
