import { copyRoute } from '../arguments';
import { byDeviceId } from '../devices/device';
import { Route, UserRecord } from '../session-store';

/** Routes travel as compact JSON with exactly the interface's fields; the Lua scripts read it with cjson. */
export function encodeRoute(route: Route): string {
  return JSON.stringify(copyRoute(route));
}

export function decodeRoute(json: unknown): Route {
  return JSON.parse(String(json)) as Route;
}

/**
 * The values of a routes hash (route-scripts.ts): online routes as JSON, pending ones as
 * '<until>|<JSON>'; those pending past `now` are gone. Answered by device id.
 */
export function decodeRouteEntries(values: string[], now: number): Route[] {
  const routes: Route[] = [];
  for (const value of values) {
    const bar = /^(\d+)\|/.exec(value);
    if (bar && Number(bar[1]) <= now) continue;
    routes.push(decodeRoute(bar ? value.slice(bar[0].length) : value));
  }
  return routes.sort(byDeviceId);
}

/** A `{p}user:{id}` hash as HGETALL answers it: empty when there is no such user. */
export function decodeUser(fields: Record<string, string>): UserRecord | null {
  if (!fields.id) return null;
  return {
    id: fields.id,
    name: fields.name,
    passwordHash: fields.passwordHash,
    createdAt: Number(fields.createdAt),
  };
}
