import { RoundRobinSelector } from './round-robin.selector';
import { testServers } from '../../testing/fake-im-servers';

describe('RoundRobinSelector', () => {
  it('gives each login the next server in turn, whoever the user is', () => {
    const selector = new RoundRobinSelector();
    const servers = testServers('a', 'b', 'c');
    const picked = ['u1', 'u1', 'u2', 'u3', 'u4'].map((user) => selector.pick(servers, user).id);
    expect(picked).toEqual(['a', 'b', 'c', 'a', 'b']);
  });

  it('keeps going round when servers come and go', () => {
    const selector = new RoundRobinSelector();
    expect(selector.pick(testServers('a', 'b'), 'u').id).toBe('a');
    expect(selector.pick(testServers('a'), 'u').id).toBe('a');
    expect(selector.pick(testServers('a', 'b', 'c'), 'u').id).toBe('c');
  });
});
