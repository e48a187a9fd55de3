import { RandomSelector } from './random.selector';
import { testServers } from '../../testing/fake-im-servers';

describe('RandomSelector', () => {
  const servers = testServers('a', 'b', 'c', 'd');

  it('picks the server the random number falls on', () => {
    const values = [0, 0.26, 0.5, 0.999999];
    const selector = new RandomSelector(() => values.shift()!);
    expect(servers.map(() => selector.pick(servers, 'u').id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('spreads logins over every server', () => {
    const selector = new RandomSelector();
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const id = selector.pick(servers, `u${i}`).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const count of counts.values()) expect(count).toBeGreaterThan(700);
  });

  it('picks among the servers not passed over', () => {
    const values = [0, 0.5, 0.999999];
    const selector = new RandomSelector(() => values.shift()!);
    const busy = new Set(['a', 'c']);
    expect([1, 2, 3].map(() => selector.pick(servers, 'u', busy).id)).toEqual(['b', 'd', 'd']);
  });
});
