import { copyRoute } from '../arguments';
import { Route, UserRecord } from '../session-store';

/** Routes travel as compact JSON with exactly the interface's fields; the Lua scripts read it with cjson. */
export function encodeRoute(route: Route): string {
  return JSON.stringify(copyRoute(route));
}

export function decodeRoute(json: unknown): Route {
  return JSON.parse(String(json)) as Route;
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
