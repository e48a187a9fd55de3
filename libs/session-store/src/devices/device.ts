/**
 * A user's device: named by the client at login with an id it chooses and keeps (a device that logs in
 * again under the same id is the same device), and a kind. A user may be online on several devices at
 * once; each device has its own route.
 */
export const DEVICE_KINDS = ['terminal', 'web', 'mobile', 'other'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Letters, digits and `.`, `_`, `:`, `-`; 1 to 64 of them. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const DEVICE_ID_FORM = '1 to 64 letters, digits, ".", "_", ":" or "-"';

/**
 * The device of a client that names none (one that predates devices): a user's device-less logins
 * share it, so a second one meets the login policy as before.
 */
export const DEFAULT_DEVICE_ID = 'default';
export const DEFAULT_DEVICE_KIND: DeviceKind = 'other';

export interface Device {
  id: string;
  kind: DeviceKind;
}

export function isDeviceId(id: unknown): id is string {
  return typeof id === 'string' && DEVICE_ID_PATTERN.test(id);
}

export function isDeviceKind(kind: unknown): kind is DeviceKind {
  return typeof kind === 'string' && (DEVICE_KINDS as readonly string[]).includes(kind);
}

/** The device a route or session names; absent, the default device. */
export function deviceIdOf(route: { deviceId?: string }): string {
  return route.deviceId ?? DEFAULT_DEVICE_ID;
}

/** Device ids in a fixed order: a user's first device in it is where the online listing names them. */
export function byDeviceId<T extends { deviceId?: string }>(a: T, b: T): number {
  const [x, y] = [deviceIdOf(a), deviceIdOf(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** MessageAccepted's `senderRoutes`: present when the sender has any. */
export function senderRoutesOf<T>(routes: T[]): { senderRoutes?: T[] } {
  return routes.length ? { senderRoutes: routes } : {};
}
