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

  it('gives the turn of a login that did not happen to the next login', () => {
    const selector = new RoundRobinSelector();
    const servers = testServers('a', 'b');
    expect(selector.pick(servers, 'u1').id).toBe('a');
    selector.unused(selector.pick(servers, 'u1').id);
    expect(['u2', 'u3', 'u4'].map((user) => selector.pick(servers, user).id)).toEqual(['b', 'a', 'b']);
  });

  it('keeps the shares even when turns come back while other logins pick', () => {
    const selector = new RoundRobinSelector();
    const servers = testServers('a', 'b');
    const refused = selector.pick(servers, 'u1');
    const placed = [selector.pick(servers, 'u2').id];
    selector.unused(refused.id);
    placed.push(...['u3', 'u4', 'u5'].map((user) => selector.pick(servers, user).id));
    expect(placed.filter((id) => id === 'a')).toHaveLength(2);
    expect(placed.filter((id) => id === 'b')).toHaveLength(2);
  });

  it('passes over a returned turn of a server that is gone', () => {
    const selector = new RoundRobinSelector();
    selector.unused('gone');
    expect(selector.pick(testServers('a', 'b'), 'u').id).toBe('a');
  });

  it('skips a server passed over, keeping the turns of the others even', () => {
    const selector = new RoundRobinSelector();
    const servers = testServers('a', 'b', 'c');
    const busy = new Set(['a']);
    const picked = ['u1', 'u2', 'u3', 'u4'].map((user) => selector.pick(servers, user, busy).id);
    expect(picked).toEqual(['b', 'c', 'b', 'c']);
    expect(['u5', 'u6', 'u7'].map((user) => selector.pick(servers, user).id)).toEqual(['a', 'b', 'c']);
  });

  it('drops a turn given back by a server passed over now', () => {
    const selector = new RoundRobinSelector();
    const servers = testServers('a', 'b');
    selector.unused(selector.pick(servers, 'u1').id);
    expect(selector.pick(servers, 'u2', new Set(['a'])).id).toBe('b');
    expect(selector.pick(servers, 'u3').id).toBe('a');
  });
});
