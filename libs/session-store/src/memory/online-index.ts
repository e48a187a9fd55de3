import { copyRoute } from '../arguments';
import { OnlinePage, Route } from '../session-store';

interface Entry {
  route: Route;
  /** Assigned when the user comes online and kept while they stay online, even across replaces. */
  order: number;
}

/**
 * The online users and their routes, listable with SCAN-like cursors.
 *
 * A cursor is the order number of the last user returned. Entries are kept in ascending order (a Map
 * iterates in insertion order and new users get ever larger numbers), so a walk returns every user
 * who stays online throughout it exactly once, whoever comes and goes meanwhile. Each page skips
 * the entries before the cursor, which is linear but fine at embedded-mode sizes.
 */
export class OnlineIndex {
  private readonly entries = new Map<string, Entry>();
  private lastOrder = 0;

  get size(): number {
    return this.entries.size;
  }

  get(userId: string): Route | null {
    const entry = this.entries.get(userId);
    return entry ? copyRoute(entry.route) : null;
  }

  set(route: Route): void {
    const existing = this.entries.get(route.userId);
    const order = existing ? existing.order : ++this.lastOrder;
    this.entries.set(route.userId, { route: copyRoute(route), order });
  }

  delete(userId: string): void {
    this.entries.delete(userId);
  }

  userIdsOn(serverId: string): string[] {
    return [...this.entries.values()].filter((e) => e.route.serverId === serverId).map((e) => e.route.userId);
  }

  page(cursor: string, count: number): OnlinePage {
    const after = Number(cursor);
    if (!/^\d+$/.test(cursor) || !Number.isSafeInteger(after))
      throw new RangeError(`invalid cursor "${cursor}"`);
    const userIds: string[] = [];
    let lastOrder = 0;
    for (const [userId, entry] of this.entries) {
      if (entry.order <= after) continue;
      if (userIds.length === count) return { cursor: String(lastOrder), userIds };
      userIds.push(userId);
      lastOrder = entry.order;
    }
    return { cursor: '0', userIds };
  }
}
