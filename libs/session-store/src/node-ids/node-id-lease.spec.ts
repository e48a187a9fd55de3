import { MemorySessionStore } from '../memory/memory-session-store';
import { NodeIdLease, NodeIdUnavailableError } from './node-id-lease';

describe('NodeIdLease', () => {
  let now: number;
  let store: MemorySessionStore;
  let down: boolean;
  const warnings: string[] = [];

  function lease(): NodeIdLease {
    const reachable = {
      leaseNodeId: (...a: Parameters<MemorySessionStore['leaseNodeId']>) =>
        down ? Promise.reject(new Error('ECONNREFUSED')) : store.leaseNodeId(...a),
      renewNodeId: (...a: Parameters<MemorySessionStore['renewNodeId']>) =>
        down ? Promise.reject(new Error('ECONNREFUSED')) : store.renewNodeId(...a),
      releaseNodeId: (...a: Parameters<MemorySessionStore['releaseNodeId']>) => store.releaseNodeId(...a),
    };
    const log = { warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
    return new NodeIdLease(reachable, { count: 4, ttlMs: 30_000, marginMs: 5000, monotonic: () => now, log });
  }

  beforeEach(() => {
    now = 1_000_000;
    store = new MemorySessionStore({ clock: () => now });
    down = false;
    warnings.length = 0;
  });

  it('answers its node id until ttl - margin after the last renewal while the store is down', async () => {
    const holder = lease();
    await holder.renew();
    const id = holder.nodeId();
    down = true;
    now += 20_000;
    await holder.renew();
    expect(holder.nodeId()).toBe(id);
    now += 5000;
    expect(() => holder.nodeId()).toThrow(
      new NodeIdUnavailableError('the node id lease cannot be renewed (ECONNREFUSED)'),
    );
    expect(warnings).toEqual([
      'the node id lease cannot be renewed (ECONNREFUSED); ids stop once it has run out',
    ]);
    down = false;
    await holder.renew();
    expect(holder.nodeId()).toBe(id);
  });

  it('makes no ids before its first lease, and says why', async () => {
    down = true;
    const holder = lease();
    await holder.renew();
    expect(() => holder.nodeId()).toThrow(/no message ids: the node id lease cannot be renewed/);
  });

  it('gives its node id back at close, so that the next process may take it at once', async () => {
    const holder = lease();
    await holder.renew();
    const id = holder.nodeId();
    await holder.close();
    expect(() => holder.nodeId()).toThrow(NodeIdUnavailableError);
    const ids = await Promise.all([0, 1, 2, 3].map((i) => store.leaseNodeId(`other-${i}`, 4, 30_000)));
    expect(ids).toContain(id);
  });
});
