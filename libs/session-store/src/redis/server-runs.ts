import { ReleasedRoutes, ReleasedRun, ServerRun, ServerRunStore } from '../server-runs';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { RedisRoutes } from './redis-routes';
import { RedisScript } from './redis-script';

/** How long the mark of a swept run is kept: far longer than any run waits to renew its lease. */
const ENDED_TTL_MS = 24 * 3600 * 1000;

/**
 * KEYS: the run's lease, its ended mark (one slot: the server's). ARGV: ttl ms, '1' to take the lease
 * afresh. A renewal holds unless a sweep ended the run; taking it afresh clears the mark.
 */
const holdScript = new RedisScript(
  `if ARGV[2] == '1' then
     redis.call('DEL', KEYS[2])
   elseif redis.call('EXISTS', KEYS[2]) == 1 then
     return 0
   end
   redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
   return 1`,
  2,
);

/** KEYS: the run's lease, its ended mark. ARGV: the mark's ttl ms. Ends the run unless its lease holds. */
const endScript = new RedisScript(
  `if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
   redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
   return 1`,
  2,
);

/**
 * Leases of im-server runs on Redis: `{p}{s:<server>}:run:<incarnation>` (a string with a PX, in the
 * server's slot), `{p}{s:<server>}:run-ended:<incarnation>` (the mark a sweep sets, in one script with
 * its check of the lease, before it releases the run's routes: a late renewal before that mark still
 * holds, one after it answers false), and `{p}{runs}`, a hash in a slot of its own whose fields name every run that may
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
    const held = await holdScript.run(this.redis, this.runKeys(run), [ttlMs, first ? '1' : '0']);
    if (held !== 1) return false;
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
      if ((await endScript.run(this.redis, this.runKeys(run), [ENDED_TTL_MS])) !== 1) continue;
      const { userIds, routes } = await this.routes.releaseRun(run, 'run', this.clock());
      await this.redis.hdel(this.keys.serverRuns, field);
      released.push({ ...run, userIds, routes });
    }
    return released;
  }

  private runKeys({ serverId, incarnation }: ServerRun): string[] {
    return [this.keys.serverRun(serverId, incarnation), this.keys.serverRunEnded(serverId, incarnation)];
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
