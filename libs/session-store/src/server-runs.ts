import type { Route } from './session-store';

/** One run of an im-server: its id and the incarnation it announced in the registry. */
export interface ServerRun {
  serverId: string;
  incarnation: string;
}

/** Online routes released because their server's run ended. */
export interface ReleasedRoutes {
  /** The users who lost a route, each once. */
  userIds: string[];
  /** The routes themselves, so that what was noted for each session elsewhere (groups) goes too. */
  routes: Route[];
}

/** The routes released because the run's lease lapsed. */
export interface ReleasedRun extends ServerRun, ReleasedRoutes {}

/**
 * Leases of im-server runs. A running im-server holds a lease for its run and renews it (through a
 * route-gateway); a run whose lease lapsed is over, and its online routes are released by whoever
 * sweeps next, whether or not a gateway saw the server vanish from the registry.
 */
export interface ServerRunStore {
  /**
   * Takes (`first`) or renews the run's lease for ttlMs. A renewal answers false when a sweep found
   * the lease lapsed and ended the run: its routes are released or about to be, and its server must
   * have its clients log in again; it then takes the lease afresh. A renewal that comes after the
   * lease lapsed but before any sweep acted on it holds again: nothing was released.
   */
  holdServerRun(run: ServerRun, ttlMs: number, first: boolean): Promise<boolean>;
  /** Releases the online routes of every run whose lease lapsed, and forgets those runs. */
  sweepServerRuns(): Promise<ReleasedRun[]>;
  /**
   * A new run of the server is live: releases the online routes of its other runs (routes without an
   * incarnation included). Routes of the given run are kept.
   */
  releaseOtherRuns(run: ServerRun): Promise<ReleasedRoutes>;
}
