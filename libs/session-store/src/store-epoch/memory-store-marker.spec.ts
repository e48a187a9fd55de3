import { MemorySessionStore } from '../memory/memory-session-store';
import { MemoryStoreMarker } from './memory-store-marker';
import { describeStoreMarkerContract } from './store-marker.contract';
import { userIdSeed } from './user-id-seed';

describeStoreMarkerContract('MemoryStoreMarker', async () => {
  const marker = new MemoryStoreMarker();
  return { markers: [marker, marker], wipe: async () => marker.wipe() };
});

describe('user ids across a reset', () => {
  it('are seeded from the clock, so the store that follows a reset hands out higher ids', async () => {
    let now = Date.UTC(2026, 11, 1);
    const before = new MemorySessionStore({ clock: () => now });
    const old = await Promise.all(['alice', 'bob', 'carol'].map((name) => before.createUser(name, 'h')));
    expect(old[0].id).toBe(String(now - Date.UTC(2025, 0, 1) + 1));
    now += 1000;
    const after = await new MemorySessionStore({ clock: () => now }).createUser('alice', 'h');
    for (const user of old) expect(BigInt(after.id)).toBeGreaterThan(BigInt(user.id));
  });

  it('start at 10001 on a clock from before 2025', () => {
    expect(userIdSeed(0)).toBe('10000');
    expect(userIdSeed(Date.UTC(2025, 0, 1, 0, 0, 1))).toBe('10000');
    expect(userIdSeed(Date.UTC(2025, 0, 1, 0, 0, 11))).toBe('11000');
  });
});
