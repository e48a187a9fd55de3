import { ReleasedRoutes, ReleasedRun, ServerRun, ServerRunStore } from '../server-runs';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { RedisRoutes } from './redis-routes';

/**
 * Leases of im-server runs on Redis: `{p}{s:<server>}:run:<incarnation>` (a string with a PX, in the
 * server's slot), and `{p}{runs}`, a hash in a slot of its own whose fields name every run that may
 * still hold routes (JSON [server id, incarnation]). No step spans two slots: the lease and the index
 * are written by separate commands, and a run's routes are released user by user (RedisRoutes.releaseRun).
 * A sweep that drops a run from the index just as it takes its lease again loses only the index entry,
 * which the next renewal writes again; the routes made after the sweep found the lease lapsed are kept.
 */
export class RedisServerRuns implements ServerRunStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly routes: RedisRoutes,
    private readonly clock: () => number,
  ) {}

  async holdServerRun(run: ServerRun, ttlMs: number, first: boolean): Promise<boolean> {
    const lease = this.keys.serverRun(run.serverId, run.incarnation);
    const held = first
      ? await this.redis.set(lease, '1', 'PX', ttlMs)
      : await this.redis.set(lease, '1', 'PX', ttlMs, 'XX');
    if (held !== 'OK') return false;
    await this.redis.hset(this.keys.serverRuns, indexField(run), '1');
    return true;
  }

  async sweepServerRuns(): Promise<ReleasedRun[]> {
    const released: ReleasedRun[] = [];
    for (const field of await this.redis.hkeys(this.keys.serverRuns)) {
      const run = parseField(field);
      if (!run) {
        await this.redis.hdel(this.keys.serverRuns, field);
        continue;
      }
      if ((await this.redis.exists(this.keys.serverRun(run.serverId, run.incarnation))) === 1) continue;
      const { userIds, routes } = await this.routes.releaseRun(run, 'run', this.clock());
      await this.redis.hdel(this.keys.serverRuns, field);
      released.push({ ...run, userIds, routes });
    }
    return released;
  }

  releaseOtherRuns(run: ServerRun): Promise<ReleasedRoutes> {
    return this.routes.releaseRun(run, 'others', Number.MAX_SAFE_INTEGER);
  }
}

function indexField({ serverId, incarnation }: ServerRun): string {
  return JSON.stringify([serverId, incarnation]);
}

function parseField(field: string): ServerRun | undefined {
  try {
    const [serverId, incarnation] = JSON.parse(field) as unknown[];
    if (typeof serverId === 'string' && typeof incarnation === 'string') return { serverId, incarnation };
  } catch {
    // an entry this version cannot read: dropped by the caller
  }
  return undefined;
}
