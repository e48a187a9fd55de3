import { MessageIdGenerator } from '@cim/protocol';
import { NodeIdLease, NodeIdUnavailableError } from '../../node-ids/node-id-lease';
import { eventually, sleep, StoreGetter } from './helpers';

type LeaseStore = ConstructorParameters<typeof NodeIdLease>[0];

/**
 * The store for a NodeIdLease, with a gate on its renewals: while held, a renewal waits at the gate
 * (`parked`), and as a lease renews one at a time, none is then under way; the test acts between two.
 */
function gatedRenewals(store: StoreGetter) {
  let gate: Promise<void> | undefined;
  let open = () => {};
  let parked = false;
  const gated: LeaseStore = {
    leaseNodeId: (...args) => store().leaseNodeId(...args),
    renewNodeId: async (...args) => {
      while (gate) {
        parked = true;
        await gate;
      }
      return store().renewNodeId(...args);
    },
    releaseNodeId: (...args) => store().releaseNodeId(...args),
  };
  return {
    store: gated,
    hold: () => {
      parked = false;
      gate = new Promise((resolve) => (open = resolve));
    },
    parked: () => parked,
    resume: () => {
      gate = undefined;
      open();
    },
  };
}

export function describeNodeIdsContract(store: StoreGetter): void {
  describe('node-id leases', () => {
    it('never hands one node id to two holders, and answers null when all are held', async () => {
      const ids = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store().leaseNodeId(`holder-${i}`, 10, 60_000)),
      );
      const taken = ids.filter((id): id is number => id !== null);
      expect(taken.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(ids.filter((id) => id === null)).toHaveLength(2);
    });

    // "Still held" is always checked under a 60 s lease and "expired" only after a short one ran out
    // (polled where a failed attempt changes nothing, slept past where the probe would re-take the
    // lease), so no step races the clock: a slow machine only makes an expired lease more expired.
    it('lets another holder take a lease once it expired, and tells the old holder', async () => {
      expect(await store().leaseNodeId('a', 1, 60_000)).toBe(0);
      expect(await store().leaseNodeId('b', 1, 60_000)).toBeNull();
      expect(await store().renewNodeId(0, 'a', 100)).toBe(true);
      await eventually(async () => expect(await store().leaseNodeId('b', 1, 60_000)).toBe(0));
      expect(await store().renewNodeId(0, 'a', 60_000)).toBe(false);
      expect(await store().renewNodeId(0, 'b', 60_000)).toBe(true);
    });

    it('keeps a renewed lease, and lets its holder re-take it after it expired unclaimed', async () => {
      expect(await store().leaseNodeId('a', 1, 100)).toBe(0);
      expect(await store().renewNodeId(0, 'a', 60_000)).toBe(true);
      await sleep(250);
      expect(await store().leaseNodeId('b', 1, 60_000)).toBeNull();
      expect(await store().renewNodeId(0, 'a', 100)).toBe(true);
      await sleep(250);
      expect(await store().renewNodeId(0, 'a', 60_000)).toBe(true);
      expect(await store().leaseNodeId('b', 1, 60_000)).toBeNull();
    });

    it('frees a released lease at once, but only when its holder releases it', async () => {
      expect(await store().leaseNodeId('a', 1, 60_000)).toBe(0);
      await store().releaseNodeId(0, 'b');
      expect(await store().leaseNodeId('b', 1, 60_000)).toBeNull();
      await store().releaseNodeId(0, 'a');
      expect(await store().leaseNodeId('b', 1, 60_000)).toBe(0);
    });

    it('stops making message ids, and says so, once its lease is lost and cannot be re-taken', async () => {
      const errors: string[] = [];
      const log = { warn: () => undefined, error: (message: string) => errors.push(message) };
      const renewals = gatedRenewals(store);
      // A lease far longer than the test, so that only its loss stops the ids, never a slow renewal.
      const options = { count: 1, ttlMs: 60_000, renewEveryMs: 50, marginMs: 500, log };
      const lease = new NodeIdLease(renewals.store, options);
      await lease.start();
      try {
        const ids = new MessageIdGenerator(() => lease.nodeId());
        expect(ids.next()).toMatch(/^\d{19}$/);
        // Another process gets node id 0, as it could once this lease had expired unrenewed; with no
        // renewal under way, which would take the released id back first.
        renewals.hold();
        await eventually(() => expect(renewals.parked()).toBe(true));
        await store().releaseNodeId(0, lease.holder);
        expect(await store().leaseNodeId('intruder', 1, 60_000)).toBe(0);
        renewals.resume();
        await eventually(() => expect(() => ids.next()).toThrow(NodeIdUnavailableError));
        expect(errors[0]).toBe(
          "no message ids: node id 0 was leased by another process after this one's lease expired",
        );
        await store().releaseNodeId(0, 'intruder');
        await eventually(() => expect(ids.next()).toMatch(/^\d{19}$/));
      } finally {
        renewals.resume();
        await lease.close();
      }
      expect(await store().leaseNodeId('next', 1, 60_000)).toBe(0);
    });
  });
}
