import { MemorySessionStore } from '@cim/session-store';
import { MAX_NODE_ID } from './message-id-generator';
import { leaseNodeId } from './node-id';

describe('leaseNodeId', () => {
  it('keeps a configured node id', async () => {
    expect(await leaseNodeId(7, new MemorySessionStore())).toBe(7);
  });

  it('hands processes that share a store distinct ids, wrapping after 1024', async () => {
    const store = new MemorySessionStore();
    const ids = await Promise.all(Array.from({ length: MAX_NODE_ID + 2 }, () => leaseNodeId(-1, store)));
    expect(new Set(ids.slice(0, MAX_NODE_ID + 1)).size).toBe(MAX_NODE_ID + 1);
    expect(ids[MAX_NODE_ID + 1]).toBe(ids[MAX_NODE_ID] === MAX_NODE_ID ? 0 : ids[MAX_NODE_ID] + 1);
  });

  it('falls back to a random id, and says why, when the store is down', async () => {
    const errors: string[] = [];
    const down = { nextSequence: () => Promise.reject(new Error('connect ECONNREFUSED')) };
    const id = await leaseNodeId(-1, down, (error) => errors.push(error.message));
    expect(id).toBeGreaterThanOrEqual(0);
    expect(id).toBeLessThanOrEqual(MAX_NODE_ID);
    expect(errors).toEqual(['connect ECONNREFUSED']);
  });
});
