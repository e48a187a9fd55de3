import { ConsistentHashSelector } from './consistent-hash.selector';
import { testServers } from '../../testing/fake-im-servers';

const users = Array.from({ length: 3000 }, (_, i) => String(10001 + i));

describe('ConsistentHashSelector', () => {
  it('sends a user to the same server every time', () => {
    const selector = new ConsistentHashSelector();
    const servers = testServers('im-1', 'im-2', 'im-3');
    const first = users.map((u) => selector.pick(servers, u).id);
    const again = users.map((u) => new ConsistentHashSelector().pick(servers, u).id);
    expect(again).toEqual(first);
  });

  it('spreads users evenly over the servers', () => {
    const selector = new ConsistentHashSelector();
    const servers = testServers('im-1', 'im-2', 'im-3');
    const counts = new Map<string, number>();
    for (const u of users) {
      const id = selector.pick(servers, u).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect(counts.size).toBe(3);
    for (const count of counts.values()) expect(count).toBeGreaterThan(users.length / 3 / 1.5);
  });

  it('moves only the users of a server that vanishes', () => {
    const selector = new ConsistentHashSelector();
    const before = users.map((u) => selector.pick(testServers('im-1', 'im-2', 'im-3'), u).id);
    const after = users.map((u) => selector.pick(testServers('im-1', 'im-3'), u).id);
    users.forEach((_, i) => {
      if (before[i] !== 'im-2') expect(after[i]).toBe(before[i]);
      else expect(after[i]).not.toBe('im-2');
    });
  });

  it('moves about a quarter of the users to a fourth server, and only to it', () => {
    const selector = new ConsistentHashSelector();
    const before = users.map((u) => selector.pick(testServers('im-1', 'im-2', 'im-3'), u).id);
    const after = users.map((u) => selector.pick(testServers('im-1', 'im-2', 'im-3', 'im-4'), u).id);
    const moved = users.filter((_, i) => after[i] !== before[i]);
    users.forEach((_, i) => after[i] !== before[i] && expect(after[i]).toBe('im-4'));
    expect(moved.length).toBeGreaterThan(users.length * 0.15);
    expect(moved.length).toBeLessThan(users.length * 0.35);
  });

  it('answers the current entry of a server whose address changed', () => {
    const selector = new ConsistentHashSelector();
    selector.pick(testServers('im-1'), 'u');
    const moved = testServers('im-1').map((s) => ({ ...s, host: '10.0.0.9' }));
    expect(selector.pick(moved, 'u').host).toBe('10.0.0.9');
  });

  it('sends the users of a server passed over where they would go without it, and no one else', () => {
    const selector = new ConsistentHashSelector();
    const servers = testServers('im-1', 'im-2', 'im-3');
    const before = users.map((u) => selector.pick(servers, u).id);
    const without = users.map((u) => selector.pick(testServers('im-1', 'im-3'), u).id);
    const passed = users.map((u) => selector.pick(servers, u, new Set(['im-2'])).id);
    expect(passed).toEqual(without);
    users.forEach((_, i) => before[i] !== 'im-2' && expect(passed[i]).toBe(before[i]));
    expect(users.map((u) => selector.pick(servers, u, new Set(['im-1', 'im-2'])).id)).toEqual(
      users.map(() => 'im-3'),
    );
  });
});
