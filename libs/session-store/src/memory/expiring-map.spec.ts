import { ExpiringMap } from './expiring-map';

describe('ExpiringMap', () => {
  let now: number;
  let map: ExpiringMap<string, number>;

  beforeEach(() => {
    now = 0;
    map = new ExpiringMap(() => now);
  });

  it('answers a value until its TTL has passed since the last write', () => {
    map.set('a', 1, 100);
    now = 60;
    map.set('a', 2, 100);
    now = 159;
    expect(map.get('a')).toBe(2);
    now = 160;
    expect(map.get('a')).toBeUndefined();
  });

  it('sweeps expired entries that nobody reads on later writes', () => {
    for (let i = 0; i < 10; i++) map.set(`old-${i}`, i, 100);
    now = 100;
    map.set('new', 0, 100);
    expect(map.heldSize).toBe(1);
  });

  it('forgets a deleted key', () => {
    map.set('a', 1, 100);
    map.delete('a');
    expect(map.get('a')).toBeUndefined();
  });
});
