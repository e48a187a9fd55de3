import { route, StoreGetter, walkOnline } from './helpers';

function ids(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

export function describeListingContract(store: StoreGetter): void {
  describe('online listing', () => {
    it('lists nobody, in one page, when nobody is online', async () => {
      expect(await store().listOnline('0', 10)).toEqual({ cursor: '0', userIds: [] });
      expect(await store().countOnline()).toBe(0);
    });

    it('returns every online user over a full cursor walk in pages', async () => {
      const online = ids(10001, 10250);
      await Promise.all(online.map((id) => store().claimOnline(route(id))));
      const walk = await walkOnline(store(), 10);
      expect(new Set(walk.userIds)).toEqual(new Set(online));
      expect(walk.pages).toBeGreaterThan(1);
    });

    it('returns everyone who stays online throughout a walk while others come and go', async () => {
      const stayers = ids(1, 100);
      const leavers = ids(101, 200);
      await Promise.all([...stayers, ...leavers].map((id) => store().claimOnline(route(id))));
      let next = 1000;
      const walk = await walkOnline(store(), 7, async (page) => {
        const leaver = leavers[page - 1];
        if (leaver) await store().releaseOnline(leaver, route(leaver).sessionId);
        for (let i = 0; i < 3; i++) await store().claimOnline(route(String(next++)));
      });
      const listed = new Set(walk.userIds);
      expect(stayers.filter((id) => !listed.has(id))).toEqual([]);
    });

    it('lists the users of every server once each, in pages that cross from server to server', async () => {
      const servers = ['server-a', 'server-b', 'server-c'];
      const online = ids(10001, 10030);
      await Promise.all(online.map((id, i) => store().claimOnline(route(id, servers[i % 3]))));
      await store().replaceOnline(route('10001', 'server-b'));
      const walk = await walkOnline(store(), 7);
      expect([...walk.userIds].sort()).toEqual(online);
      expect(await store().countOnline()).toBe(30);
    });

    it('rejects a cursor it did not hand out', async () => {
      await expect(store().listOnline('not-a-cursor', 10)).rejects.toThrow(RangeError);
    });

    it('counts online users once each, whatever their routes went through', async () => {
      await store().claimOnline(route('1'));
      await store().claimOnline(route('2'));
      await store().claimOnline(route('2', 'server-b'));
      await store().replaceOnline(route('3'));
      await store().replaceOnline(route('3', 'server-b'));
      expect(await store().countOnline()).toBe(3);
      await store().releaseOnline('1', route('1').sessionId);
      expect(await store().countOnline()).toBe(2);
    });
  });
}
