/** The kinds of device a login may name. */
export type DeviceKind = 'terminal' | 'web' | 'mobile' | 'other';

/**
 * The device a client logs in as: an id it keeps (the same device logs in under the same id, so a
 * second login of it meets the gateway's login policy) and a kind. A user may be online on several
 * devices at once; each gets every message, and what one sends shows on the others as the user's own.
 */
export interface Device {
  /** 1 to 64 letters, digits, '.', '_', ':' or '-'. */
  id: string;
  kind: DeviceKind;
}

const DEVICE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The device option filled in: a kind defaults to `fallback`'s. Throws a TypeError naming a bad id. */
export function resolveDevice(given: Partial<Device> | undefined, fallback: () => Device): Device {
  const base = given?.id ? { id: given.id, kind: given.kind ?? fallback().kind } : fallback();
  const device = { ...base, kind: given?.kind ?? base.kind };
  if (!DEVICE_ID.test(device.id))
    throw new TypeError(
      `device.id must be 1 to 64 letters, digits, ".", "_", ":" or "-", got "${device.id}"`,
    );
  return device;
}

/** A device of its own for each client, when the platform offers no stable one. */
export function randomDevice(): Device {
  return { id: `sdk-${Math.random().toString(36).slice(2, 12)}`, kind: 'other' };
}
