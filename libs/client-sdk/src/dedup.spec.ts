import { RecentIds } from './dedup';

describe('RecentIds', () => {
  it('says whether an id is new, and remembers it', () => {
    const ids = new RecentIds(10);
    expect(ids.add('a')).toBe(true);
    expect(ids.add('a')).toBe(false);
    expect(ids.has('a')).toBe(true);
    expect(ids.has('b')).toBe(false);
  });

  it('keeps only the last `capacity` ids, forgetting the oldest first', () => {
    const ids = new RecentIds(3);
    for (const id of ['a', 'b', 'c', 'd']) ids.add(id);
    expect(ids.size).toBe(3);
    expect(ids.has('a')).toBe(false);
    expect(['b', 'c', 'd'].every((id) => ids.has(id))).toBe(true);
    expect(ids.add('b')).toBe(false);
  });

  it('stays bounded over many ids', () => {
    const ids = new RecentIds(10_000);
    for (let i = 0; i < 50_000; i++) ids.add(`m${i}`);
    expect(ids.size).toBe(10_000);
    expect(ids.has('m39999')).toBe(false);
    expect(ids.has('m40000')).toBe(true);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RecentIds(0)).toThrow(RangeError);
  });
});
