import { route, StoreGetter } from './helpers';

export function describeRoutesContract(store: StoreGetter): void {
  describe('online state and routes', () => {
    it('claims an offline user and then answers their route', async () => {
      expect(await store().claimOnline(route('1'))).toEqual({ claimed: true });
      expect(await store().getRoute('1')).toEqual(route('1'));
    });

    it('refuses a second claim and answers the current route unchanged', async () => {
      await store().claimOnline(route('1', 'server-a'));
      const second = await store().claimOnline(route('1', 'server-b'));
      expect(second).toEqual({ claimed: false, current: route('1', 'server-a'), pending: false });
      expect(await store().getRoute('1')).toEqual(route('1', 'server-a'));
    });

    it('lets exactly one of 20 concurrent claims for one user win', async () => {
      const claims = Array.from({ length: 20 }, (_, i) => store().claimOnline(route('1', `server-${i}`)));
      const results = await Promise.all(claims);
      const winner = results.findIndex((r) => r.claimed);
      expect(results.filter((r) => r.claimed)).toHaveLength(1);
      expect(await store().getRoute('1')).toEqual(route('1', `server-${winner}`));
      for (const r of results)
        if (!r.claimed) expect(r).toMatchObject({ current: route('1', `server-${winner}`) });
    });

    it('replaces a route whatever was there and answers the replaced one', async () => {
      expect(await store().replaceOnline(route('1', 'server-a'))).toBeNull();
      expect(await store().replaceOnline(route('1', 'server-b', 'new-session'))).toEqual(
        route('1', 'server-a'),
      );
      expect(await store().getRoute('1')).toEqual(route('1', 'server-b', 'new-session'));
      expect(await store().countOnline()).toBe(1);
    });

    it('releases a user whose session is still the current one', async () => {
      await store().claimOnline(route('1', 'server-a', 's1'));
      expect(await store().releaseOnline('1', 's1')).toBe(true);
      expect(await store().getRoute('1')).toBeNull();
      expect(await store().countOnline()).toBe(0);
      expect(await store().claimOnline(route('1', 'server-b', 's2'))).toEqual({ claimed: true });
    });

    it('keeps the route when a stale session is released', async () => {
      await store().claimOnline(route('1', 'server-a', 'old'));
      await store().replaceOnline(route('1', 'server-b', 'new'));
      expect(await store().releaseOnline('1', 'old')).toBe(false);
      expect(await store().getRoute('1')).toEqual(route('1', 'server-b', 'new'));
    });

    it('answers false when releasing a user who is not online', async () => {
      expect(await store().releaseOnline('1', 'any')).toBe(false);
    });

    it("releases only the server's current routes, not users who moved elsewhere", async () => {
      await store().claimOnline(route('1', 'server-a'));
      await store().claimOnline(route('2', 'server-a'));
      await store().claimOnline(route('3', 'server-a'));
      await store().claimOnline(route('4', 'server-b'));
      await store().replaceOnline(route('2', 'server-b', 'moved'));
      await store().releaseOnline('3', route('3', 'server-a').sessionId);

      expect(await store().releaseServer('server-a')).toEqual(['1']);
      expect(await store().routesOfMany(['1', '2', '3', '4'])).toEqual([
        [],
        [route('2', 'server-b', 'moved')],
        [],
        [route('4', 'server-b')],
      ]);
      expect(await store().releaseServer('server-a')).toEqual([]);
    });

    it('releases every user of a server and lets them log in elsewhere', async () => {
      const ids = Array.from({ length: 30 }, (_, i) => String(i + 1));
      for (const id of ids) await store().claimOnline(route(id, 'server-a'));
      expect((await store().releaseServer('server-a')).sort()).toEqual([...ids].sort());
      expect(await store().countOnline()).toBe(0);
      expect(await store().claimOnline(route('1', 'server-b'))).toEqual({ claimed: true });
      expect(await store().releaseServer('server-a')).toEqual([]);
    });

    it('answers routes in the order asked, with null for users who are offline', async () => {
      await store().claimOnline(route('1', 'server-a'));
      await store().claimOnline(route('3', 'server-b'));
      expect(await store().routesOfMany(['3', '2', '1', '3'])).toEqual([
        [route('3', 'server-b')],
        [],
        [route('1', 'server-a')],
        [route('3', 'server-b')],
      ]);
      expect(await store().routesOfMany([])).toEqual([]);
    });

    it('answers null for the route of a user who is offline', async () => {
      expect(await store().getRoute('1')).toBeNull();
    });

    it('answers only the fields of a route', async () => {
      const withExtra = { ...route('1'), socket: 'not stored' };
      await store().claimOnline(withExtra);
      expect(await store().getRoute('1')).toStrictEqual(route('1'));
    });
  });
}
