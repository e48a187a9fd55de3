import { Route } from '../../session-store';
import {
  acceptance,
  eventually,
  route,
  sleepPast,
  StoreGetter,
  untilSwept,
  walkOnline,
  withLifetime,
} from './helpers';

/** A grace no test outlives: a pending device stays pending through all of a test's calls. */
const GRACE_MS = 60_000;
/** A grace a test waits out; nothing the test checks depends on the device still being pending. */
const SHORT_GRACE_MS = 300;

/** User `userId`'s route on device `deviceId` (kind 'terminal'), to `serverId`. */
function on(userId: string, deviceId: string, serverId = 'server-a', incarnation?: string): Route {
  return {
    ...route(userId, serverId, `${userId}/${deviceId}@${serverId}`),
    deviceId,
    deviceKind: 'terminal',
    ...(incarnation ? { incarnation } : {}),
  };
}

export function describeDevicesContract(store: StoreGetter): void {
  describe('several devices per user', () => {
    it('keeps one route per device, and answers them all by device id', async () => {
      expect(await store().claimOnline(on('1', 'phone', 'server-b'))).toEqual({ claimed: true });
      expect(await store().claimOnline(on('1', 'laptop', 'server-a'))).toEqual({ claimed: true });
      expect(await store().routesOf('1')).toEqual([
        on('1', 'laptop', 'server-a'),
        on('1', 'phone', 'server-b'),
      ]);
      expect(await store().getRoute('1', 'phone')).toEqual(on('1', 'phone', 'server-b'));
      expect(await store().getRoute('1')).toBeNull();
      expect(await store().routesOfMany(['2', '1'])).toEqual([[], await store().routesOf('1')]);
    });

    it('refuses a second claim of the same device and answers its route', async () => {
      await store().claimOnline(on('1', 'phone'));
      await store().claimOnline(on('1', 'laptop'));
      const again = { ...on('1', 'phone', 'server-b'), sessionId: 'another' };
      expect(await store().claimOnline(again)).toEqual({
        claimed: false,
        current: on('1', 'phone'),
        pending: false,
      });
    });

    it('refuses a new device beyond the limit, answering the routes of the devices in the way', async () => {
      await store().claimOnline(on('1', 'a'), undefined, 2);
      await store().claimOnline(on('1', 'b'), GRACE_MS, 2);
      expect(await store().claimOnline(on('1', 'c'), GRACE_MS, 2)).toEqual({
        claimed: false,
        full: [on('1', 'a'), on('1', 'b')],
      });
      expect(await store().routesOf('1')).toHaveLength(2);
    });

    it('lets a new device in once a pending device in the way has outlived its grace', async () => {
      await store().claimOnline(on('1', 'a'), undefined, 2);
      await store().claimOnline(on('1', 'b'), SHORT_GRACE_MS, 2);
      await eventually(async () => expect(await store().routesOf('1')).toEqual([on('1', 'a')]));
      expect(await store().claimOnline(on('1', 'c'), GRACE_MS, 2)).toEqual({ claimed: true });
    });

    it('replaces the route of one device only', async () => {
      await store().claimOnline(on('1', 'phone'));
      await store().claimOnline(on('1', 'laptop'));
      const moved = { ...on('1', 'phone', 'server-b'), sessionId: 'new' };
      expect(await store().replaceOnline(moved)).toEqual(on('1', 'phone'));
      expect(await store().routesOf('1')).toEqual([on('1', 'laptop'), moved]);
    });

    it('confirms and releases each device by its session, leaving the others', async () => {
      const phone = on('1', 'phone', 'server-b');
      await withLifetime(async (graceMs) => {
        const started = Date.now();
        await store().claimOnline(phone, graceMs);
        expect(await store().confirmOnline({ ...phone, serverId: 'server-a' })).toBe(false);
        const confirmed = await store().confirmOnline(phone);
        const done = Date.now();
        if (done - started >= graceMs) {
          await store().releaseOnline('1', phone.sessionId);
          return false;
        }
        expect(confirmed).toBe(true);
        await store().claimOnline(on('1', 'laptop'));
        await sleepPast(done + graceMs);
        return true;
      });
      expect(await store().routesOf('1')).toEqual([on('1', 'laptop'), phone]);
      expect(await store().releaseOnline('1', on('1', 'laptop').sessionId)).toBe(true);
      expect(await store().routesOf('1')).toEqual([phone]);
      expect(await store().countOnline()).toBe(1);
      expect((await walkOnline(store(), 10)).userIds).toEqual(['1']);
    });

    it('lists a user online on several devices and servers once', async () => {
      await store().claimOnline(on('1', 'a', 'server-a'));
      await store().claimOnline(on('1', 'b', 'server-b'));
      await store().claimOnline(on('1', 'c', 'server-a'));
      await store().claimOnline(on('2', 'a', 'server-b'));
      expect((await walkOnline(store(), 1)).userIds.sort()).toEqual(['1', '2']);
    });

    it("releasing a server takes only the user's devices there, and keeps them online elsewhere", async () => {
      await store().claimOnline(on('1', 'a', 'server-a'));
      await store().claimOnline(on('1', 'b', 'server-b'));
      await store().claimOnline(on('1', 'c', 'server-a'));
      expect(await store().releaseServer('server-a')).toEqual(['1']);
      expect(await store().routesOf('1')).toEqual([on('1', 'b', 'server-b')]);
      expect((await walkOnline(store(), 10)).userIds).toEqual(['1']);
      expect(await store().releaseServer('server-b')).toEqual(['1']);
      expect((await walkOnline(store(), 10)).userIds).toEqual([]);
      expect(await store().countOnline()).toBe(0);
    });

    it("a lapsed run releases only its devices' routes", async () => {
      const run = { serverId: 'server-a', incarnation: 'run-1' };
      await store().holdServerRun(run, 150, true);
      await store().claimOnline(on('1', 'a', 'server-a', 'run-1'));
      await store().claimOnline(on('1', 'b', 'server-a', 'run-2'));
      await store().claimOnline(on('1', 'c', 'server-b', 'run-1'));
      expect(await untilSwept(store())).toEqual([
        { ...run, userIds: ['1'], routes: [on('1', 'a', 'server-a', 'run-1')] },
      ]);
      expect((await store().routesOf('1')).map((r) => r.deviceId)).toEqual(['b', 'c']);
      expect(await store().releaseOtherRuns({ serverId: 'server-a', incarnation: 'run-3' })).toEqual({
        userIds: ['1'],
        routes: [on('1', 'b', 'server-a', 'run-2')],
      });
      expect((await store().routesOf('1')).map((r) => r.deviceId)).toEqual(['c']);
      expect((await walkOnline(store(), 10)).userIds).toEqual(['1']);
    });

    it("answers every device's route of the receiver with an accepted message", async () => {
      await store().claimOnline(on('10002', 'phone', 'server-b'));
      await store().claimOnline(on('10002', 'laptop'), GRACE_MS);
      const receiver = { userId: '10002', ledger: { cap: 10, ttlMs: 60_000 } };
      expect(await store().acceptMessage(acceptance('p:10001:10002', 'm', { receiver }))).toEqual({
        seq: 1,
        routes: [on('10002', 'laptop'), on('10002', 'phone', 'server-b')],
      });
    });

    it('refuses a device id that is not one', async () => {
      await expect(store().claimOnline(on('1', 'a:{b}'))).rejects.toThrow(RangeError);
      await expect(store().replaceOnline(on('1', ''))).rejects.toThrow(RangeError);
    });
  });
}
