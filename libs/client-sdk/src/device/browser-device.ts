import { Device } from './device';

const STORAGE_KEY = 'cim.deviceId';

/** What is used of the browser's localStorage. */
interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The default device in a browser: an id kept in localStorage (one per browser profile and origin),
 * or a new random one per page when storage is not available; kind 'web'.
 */
export function browserDevice(): Device {
  const random = () => `web-${Math.random().toString(36).slice(2, 10)}${Date.now().toString(36)}`;
  try {
    const storage = (globalThis as { localStorage?: KeyValueStorage }).localStorage;
    if (!storage) return { id: random(), kind: 'web' };
    const kept = storage.getItem(STORAGE_KEY);
    if (kept) return { id: kept, kind: 'web' };
    const id = random();
    storage.setItem(STORAGE_KEY, id);
    return { id, kind: 'web' };
  } catch {
    return { id: random(), kind: 'web' };
  }
}
