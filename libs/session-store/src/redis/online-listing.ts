import { OnlinePage } from '../session-store';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { RedisRoutes } from './redis-routes';

/** Where a walk stands: the server whose set it reads, its SSCAN cursor, the last id answered from that batch. */
type Position = [server: string, scan: string, after: string];

/**
 * The online set is sharded by server (`{p}{s:<id>}:users`, spread over the masters by hash tag); the
 * servers are listed in `{p}servers`. A listing walks the servers in name order and each server's set
 * with SSCAN; a page answers the members whose first online route (by device id) points at that
 * server, so a user online on devices on several servers is listed under one of them only. One opaque cursor (base64url JSON of the position) carries the walk across
 * pages: SSCAN's guarantee (an element present throughout is returned) holds per set, and a batch that
 * does not fit in a page is resumed after the last id answered, in id order.
 */
export class OnlineListing {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly routes: RedisRoutes,
  ) {}

  async page(cursor: string, count: number): Promise<OnlinePage> {
    const servers = (await this.redis.smembers(this.keys.servers)).sort();
    let [server, scan, after] = cursor === '0' ? [servers[0] ?? '', '0', ''] : decodeCursor(cursor);
    let index = servers.findIndex((s) => s >= server);
    if (index >= 0 && servers[index] !== server) [scan, after] = ['0', ''];
    const userIds: string[] = [];
    while (index >= 0 && index < servers.length) {
      server = servers[index];
      const [next, members] = await this.redis.sscan(this.keys.serverUsers(server), scan, 'COUNT', count);
      const fresh = members.sort(byId).filter((id) => after === '' || byId(id, after) > 0);
      const taken = fresh.slice(0, count - userIds.length);
      const routes = await this.routes.online(taken);
      userIds.push(...taken.filter((_, i) => routes[i][0]?.serverId === server));
      if (taken.length < fresh.length) {
        return { cursor: encodeCursor([server, scan, taken[taken.length - 1]]), userIds };
      }
      [scan, after] = [next, ''];
      if (next === '0') index++;
      if (userIds.length >= count && index < servers.length) {
        return { cursor: encodeCursor([servers[index], scan, '']), userIds };
      }
    }
    return { cursor: '0', userIds };
  }

  /** The sum of the servers' set sizes, read in one pipelined round. */
  async count(): Promise<number> {
    const servers = await this.redis.smembers(this.keys.servers);
    const sizes = await Promise.all(servers.map((s) => this.redis.scard(this.keys.serverUsers(s))));
    return sizes.reduce((sum, n) => sum + n, 0);
  }
}

function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const position: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(position) && position.length === 3 && position.every((p) => typeof p === 'string')) {
      return position as Position;
    }
  } catch {
    // Reported below, like any other cursor this store did not hand out.
  }
  throw new RangeError(`invalid cursor "${cursor}"`);
}

/** User ids in numeric order (shorter is smaller), the order a batch is answered in. */
function byId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
