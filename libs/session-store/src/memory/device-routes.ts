import { copyRoute } from '../arguments';
import { byDeviceId, deviceIdOf } from '../devices/device';
import { ReleasedRoutes } from '../server-runs';
import { OnlinePage, Route } from '../session-store';

interface Entry {
  route: Route;
  /** Set while the route is pending: the clock time after which it is gone. */
  until?: number;
}

interface UserEntry {
  devices: Map<string, Entry>;
  /**
   * The listing order: assigned when the user first has an online route, kept while they have one
   * (whatever their devices do meanwhile). 0 while they have only pending routes.
   */
  order: number;
}

/**
 * The routes of every user's devices in memory, listable with SCAN-like cursors: a cursor is the order
 * number of the last user returned. Users are kept in ascending order (a Map iterates in insertion
 * order and users coming online get ever larger numbers, being re-inserted), so a walk returns every
 * user who stays online throughout it exactly once. Pending routes expire on the clock.
 */
export class MemoryRoutes {
  private readonly users = new Map<string, UserEntry>();
  private lastOrder = 0;

  constructor(private readonly clock: () => number) {}

  /** Online users, each once however many devices. */
  get size(): number {
    let count = 0;
    for (const userId of this.users.keys()) if (this.online(userId).length) count++;
    return count;
  }

  /** The user's live routes (pending ones included unless `onlineOnly`), by device id. */
  all(userId: string, onlineOnly = false): { route: Route; pending: boolean }[] {
    const user = this.users.get(userId);
    if (!user) return [];
    const now = this.clock();
    const live = [...user.devices.values()].filter((e) => e.until === undefined || e.until > now);
    return live
      .filter((e) => !onlineOnly || e.until === undefined)
      .map((e) => ({ route: copyRoute(e.route), pending: e.until !== undefined }))
      .sort((a, b) => byDeviceId(a.route, b.route));
  }

  online(userId: string): Route[] {
    return this.all(userId, true).map((e) => e.route);
  }

  device(userId: string, deviceId: string): { route: Route; pending: boolean } | undefined {
    return this.all(userId).find((e) => deviceIdOf(e.route) === deviceId);
  }

  /** Sets the route of its device: pending for `pendingMs`, or online (absent). */
  set(route: Route, pendingMs?: number): void {
    const user = this.users.get(route.userId) ?? { devices: new Map(), order: 0 };
    this.prune(user);
    const until = pendingMs === undefined ? undefined : this.clock() + pendingMs;
    user.devices.set(deviceIdOf(route), { route: copyRoute(route), until });
    this.store(route.userId, user);
  }

  /** Deletes the route of the device. */
  delete(userId: string, deviceId: string): void {
    const user = this.users.get(userId);
    if (!user) return;
    user.devices.delete(deviceId);
    this.store(userId, user);
  }

  /** The users with an online route to the server. */
  userIdsOn(serverId: string): string[] {
    return [...this.users.keys()].filter((id) => this.online(id).some((r) => r.serverId === serverId));
  }

  /** Deletes the online routes to the server that match; answers them and the users who lost one. */
  releaseOn(serverId: string, matches: (route: Route) => boolean = () => true): ReleasedRoutes {
    const released: ReleasedRoutes = { userIds: [], routes: [] };
    for (const userId of this.userIdsOn(serverId)) {
      const gone = this.online(userId).filter((r) => r.serverId === serverId && matches(r));
      for (const route of gone) this.delete(userId, deviceIdOf(route));
      if (gone.length) released.userIds.push(userId);
      released.routes.push(...gone);
    }
    return released;
  }

  page(cursor: string, count: number): OnlinePage {
    const after = Number(cursor);
    if (!/^\d+$/.test(cursor) || !Number.isSafeInteger(after))
      throw new RangeError(`invalid cursor "${cursor}"`);
    const userIds: string[] = [];
    let lastOrder = 0;
    for (const [userId, user] of this.users) {
      if (user.order <= after || this.online(userId).length === 0) continue;
      if (userIds.length === count) return { cursor: String(lastOrder), userIds };
      userIds.push(userId);
      lastOrder = user.order;
    }
    return { cursor: '0', userIds };
  }

  /** Keeps the user's order while they have an online route, gives a new one when they come online. */
  private store(userId: string, user: UserEntry): void {
    this.prune(user);
    if (user.devices.size === 0) {
      this.users.delete(userId);
      return;
    }
    const online = [...user.devices.values()].some((e) => e.until === undefined);
    if (!online) user.order = 0;
    else if (user.order === 0) {
      user.order = ++this.lastOrder;
      this.users.delete(userId);
    }
    this.users.set(userId, user);
  }

  private prune(user: UserEntry): void {
    const now = this.clock();
    for (const [deviceId, entry] of user.devices) {
      if (entry.until !== undefined && entry.until <= now) user.devices.delete(deviceId);
    }
  }
}
