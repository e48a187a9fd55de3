import { Route } from '../../session-store';
import { route, sleep, StoreGetter, untilSwept } from './helpers';

const runA = { serverId: 'server-a', incarnation: 'run-1' };
const runB = { serverId: 'server-a', incarnation: 'run-2' };

function of(userId: string, incarnation: string, serverId = 'server-a'): Route {
  return { ...route(userId, serverId), incarnation };
}

export function describeServerRunsContract(store: StoreGetter): void {
  describe('server runs (incarnations and their leases)', () => {
    it('keeps the incarnation a route was made for', async () => {
      await store().claimOnline(of('1', 'run-1'));
      expect(await store().getRoute('1')).toEqual(of('1', 'run-1'));
    });

    it('releases the routes of a run whose lease lapsed, and only those, and answers them', async () => {
      // Held for long while the sweep must find nothing, then renewed for a lease the test waits out.
      await store().holdServerRun(runA, 60_000, true);
      await store().holdServerRun(runB, 60_000, true);
      await store().claimOnline(of('1', 'run-1'));
      await store().claimOnline(of('2', 'run-2'));
      await store().claimOnline(of('3', 'run-1', 'server-b'));
      expect(await store().sweepServerRuns()).toEqual([]);
      expect(await store().holdServerRun(runA, 150, false)).toBe(true);
      expect(await untilSwept(store())).toEqual([{ ...runA, userIds: ['1'], routes: [of('1', 'run-1')] }]);
      expect(await store().getRoute('1')).toBeNull();
      expect(await store().getRoute('2')).toEqual(of('2', 'run-2'));
      expect(await store().getRoute('3')).toEqual(of('3', 'run-1', 'server-b'));
      expect(await store().countOnline()).toBe(2);
      expect(await store().sweepServerRuns()).toEqual([]);
    });

    it('keeps a route of the run made after the sweep found its lease lapsed (the run took it again)', async () => {
      await store().holdServerRun(runA, 100, true);
      await store().claimOnline({ ...of('1', 'run-1'), since: Date.now() + 60_000 });
      expect(await untilSwept(store())).toEqual([{ ...runA, userIds: [], routes: [] }]);
      expect(await store().getRoute('1')).toEqual({ ...of('1', 'run-1'), since: expect.any(Number) });
      expect(await store().countOnline()).toBe(1);
    });

    it('renews a held lease and answers false for one that a sweep ended', async () => {
      expect(await store().holdServerRun(runA, 150, true)).toBe(true);
      expect(await store().holdServerRun(runA, 150, false)).toBe(true);
      expect(await untilSwept(store())).toEqual([{ ...runA, userIds: [], routes: [] }]);
      expect(await store().holdServerRun(runA, 150, false)).toBe(false);
      expect(await store().holdServerRun(runA, 60_000, true)).toBe(true);
      expect(await store().sweepServerRuns()).toEqual([]);
    });

    it('holds a lease renewed late, before any sweep acted on it: its routes stay', async () => {
      expect(await store().holdServerRun(runA, 100, true)).toBe(true);
      await store().claimOnline(of('1', 'run-1'));
      // Slept out, not polled: the only probe of a lapsed lease, a sweep, would end the run.
      await sleep(200);
      expect(await store().holdServerRun(runA, 60_000, false)).toBe(true);
      expect(await store().sweepServerRuns()).toEqual([]);
      expect(await store().getRoute('1')).toEqual(of('1', 'run-1'));
    });

    it('a new run releases the routes of the older runs of its server, and answers them', async () => {
      await store().claimOnline(of('1', 'run-1'));
      await store().claimOnline(route('2'));
      await store().claimOnline(of('3', 'run-2'));
      await store().claimOnline(of('4', 'run-1', 'server-b'));
      const released = await store().releaseOtherRuns(runB);
      expect(released.userIds.sort()).toEqual(['1', '2']);
      expect(released.routes.sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
        of('1', 'run-1'),
        route('2'),
      ]);
      expect(await store().getRoute('3')).toEqual(of('3', 'run-2'));
      expect(await store().getRoute('4')).toEqual(of('4', 'run-1', 'server-b'));
      expect(await store().countOnline()).toBe(2);
    });

    it('leaves a user who moved to another server where they are', async () => {
      await store().holdServerRun(runA, 100, true);
      await store().claimOnline(of('1', 'run-1'));
      await store().replaceOnline(of('1', 'run-9', 'server-b'));
      expect(await untilSwept(store())).toEqual([{ ...runA, userIds: [], routes: [] }]);
      expect(await store().getRoute('1')).toEqual(of('1', 'run-9', 'server-b'));
    });
  });
}
