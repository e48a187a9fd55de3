import { acceptance, route, sleep, sleepPast, StoreGetter, walkOnline, withLifetime } from './helpers';

/**
 * A grace no test outlives: the route stays pending through all of a test's calls, however long a loaded
 * machine takes between them (a grace of 400 ms once ran out between a claim and its confirmation).
 */
const GRACE_MS = 60_000;
/** A grace a test waits out; nothing the test checks depends on the route still being pending. */
const SHORT_GRACE_MS = 300;
/** How long an expired grace may take to show: a backend's expiry and a busy machine's calls. */
const EXPIRY_DEADLINE_MS = 10_000;

const key = (userId: string, serverId = 'server-a') => ({
  userId,
  serverId,
  sessionId: route(userId, serverId).sessionId,
});

export function describePendingRoutesContract(store: StoreGetter): void {
  describe('pending routes (a login whose connection has not arrived)', () => {
    async function listed(): Promise<string[]> {
      return (await walkOnline(store(), 100)).userIds;
    }

    /** Waits until the user has no route, polling; fails after EXPIRY_DEADLINE_MS. */
    async function untilGone(userId: string): Promise<void> {
      const deadline = Date.now() + EXPIRY_DEADLINE_MS;
      while ((await store().getRoute(userId)) !== null) {
        if (Date.now() > deadline) throw new Error(`the route of ${userId} outlived its grace`);
        await sleep(50);
      }
    }

    it('answers a pending route but neither lists nor counts its user', async () => {
      await store().claimOnline(route('1'));
      expect(await store().claimOnline(route('2'), GRACE_MS)).toEqual({ claimed: true });
      expect(await store().getRoute('2')).toEqual(route('2'));
      expect(await store().routesOfMany(['1', '2', '3'])).toEqual([[route('1')], [route('2')], []]);
      const receiver = { userId: '2', ledger: { cap: 10, ttlMs: 60_000 } };
      const accepted = await store().acceptMessage(acceptance('p:1:2', 'm', { receiver }));
      expect(accepted).toEqual({ seq: 1, routes: [route('2')] });
      expect(await listed()).toEqual(['1']);
      expect(await store().countOnline()).toBe(1);
    });

    it('refuses a second claim while the first is pending, and says it is pending', async () => {
      await store().claimOnline(route('1', 'server-a'), GRACE_MS);
      expect(await store().claimOnline(route('1', 'server-b'), GRACE_MS)).toEqual({
        claimed: false,
        current: route('1', 'server-a'),
        pending: true,
      });
      expect(await store().claimOnline(route('1', 'server-b'))).toMatchObject({
        claimed: false,
        pending: true,
      });
    });

    it('forgets an unconfirmed route once the grace has passed, and lets the user claim again', async () => {
      await store().claimOnline(route('1'), SHORT_GRACE_MS);
      await untilGone('1');
      expect(await store().routesOfMany(['1'])).toEqual([[]]);
      expect(await store().confirmOnline(key('1'))).toBe(false);
      expect(await store().countOnline()).toBe(0);
      expect(await store().claimOnline(route('1', 'server-b'), GRACE_MS)).toEqual({ claimed: true });
    });

    it('confirms a pending route for good: listed, counted and kept past the grace', async () => {
      // The grace must outlast the confirmation and is then waited out (see withLifetime).
      await withLifetime(async (graceMs) => {
        const started = Date.now();
        await store().claimOnline(route('1'), graceMs);
        const confirmed = await store().confirmOnline(key('1'));
        const done = Date.now();
        if (done - started >= graceMs) {
          await store().releaseOnline('1', route('1').sessionId);
          return false;
        }
        expect(confirmed).toBe(true);
        await sleepPast(done + graceMs);
        return true;
      });
      expect(await store().getRoute('1')).toEqual(route('1'));
      expect(await listed()).toEqual(['1']);
      expect(await store().countOnline()).toBe(1);
      expect(await store().claimOnline(route('1', 'server-b'))).toMatchObject({
        claimed: false,
        pending: false,
      });
      expect(await store().releaseServer('server-a')).toEqual(['1']);
    });

    it('confirms the current session again (a reconnect), and never another session or server', async () => {
      await store().claimOnline(route('1'), GRACE_MS);
      expect(await store().confirmOnline({ ...key('1'), sessionId: 'other' })).toBe(false);
      expect(await store().confirmOnline({ ...key('1'), serverId: 'server-b' })).toBe(false);
      expect(await store().countOnline()).toBe(0);
      expect(await store().confirmOnline(key('1'))).toBe(true);
      expect(await store().confirmOnline(key('1'))).toBe(true);
      expect(await store().confirmOnline({ ...key('1'), sessionId: 'other' })).toBe(false);
      expect(await store().confirmOnline(key('2'))).toBe(false);
      expect(await store().countOnline()).toBe(1);
    });

    it('releases a pending route of the current session only', async () => {
      await store().claimOnline(route('1'), GRACE_MS);
      expect(await store().releaseOnline('1', 'other')).toBe(false);
      expect(await store().getRoute('1')).toEqual(route('1'));
      expect(await store().releaseOnline('1', route('1').sessionId)).toBe(true);
      expect(await store().getRoute('1')).toBeNull();
      expect(await store().confirmOnline(key('1'))).toBe(false);
    });

    it('says whether the route a session release cleared was pending or online', async () => {
      await store().claimOnline(route('1'), GRACE_MS);
      expect(await store().releaseSession('1', 'other')).toBeNull();
      expect(await store().releaseSession('1', route('1').sessionId)).toBe('pending');
      expect(await store().releaseSession('1', route('1').sessionId)).toBeNull();
      await store().claimOnline(route('2'), GRACE_MS);
      expect(await store().confirmOnline(key('2'))).toBe(true);
      expect(await store().releaseSession('2', route('2').sessionId)).toBe('online');
      expect(await store().countOnline()).toBe(0);
      expect(await store().getRoute('2')).toBeNull();
    });

    it('replaces an online route with a pending one: offline until confirmed', async () => {
      await store().claimOnline(route('1', 'server-a'));
      const next = route('1', 'server-b', 'next');
      expect(await store().replaceOnline(next, GRACE_MS)).toEqual(route('1', 'server-a'));
      expect(await store().getRoute('1')).toEqual(next);
      expect(await store().countOnline()).toBe(0);
      expect(await store().releaseServer('server-a')).toEqual([]);
      expect(await store().confirmOnline(key('1', 'server-a'))).toBe(false);
    });

    it('forgets a pending route that replaced an online one once the grace has passed', async () => {
      await store().claimOnline(route('1', 'server-a'));
      expect(await store().replaceOnline(route('1', 'server-b', 'next'), SHORT_GRACE_MS)).toEqual(
        route('1', 'server-a'),
      );
      await untilGone('1');
      expect(await store().countOnline()).toBe(0);
    });

    it('replaces a pending route, answering it, and confirms the new one only', async () => {
      await store().claimOnline(route('1', 'server-a'), GRACE_MS);
      const next = route('1', 'server-b', 'next');
      expect(await store().replaceOnline(next, GRACE_MS)).toEqual(route('1', 'server-a'));
      expect(await store().confirmOnline(key('1', 'server-a'))).toBe(false);
      expect(await store().confirmOnline({ userId: '1', serverId: 'server-b', sessionId: 'next' })).toBe(
        true,
      );
      expect(await store().getRoute('1')).toEqual(next);
      expect(await store().countOnline()).toBe(1);
      expect(await store().replaceOnline(route('1'))).toEqual(next);
      expect(await store().getRoute('1')).toEqual(route('1'));
    });

    it('refuses a grace that would keep nothing', async () => {
      await expect(store().claimOnline(route('1'), 0)).rejects.toThrow(RangeError);
      await expect(store().replaceOnline(route('1'), 1.5)).rejects.toThrow(RangeError);
      expect(await store().getRoute('1')).toBeNull();
    });
  });
}
