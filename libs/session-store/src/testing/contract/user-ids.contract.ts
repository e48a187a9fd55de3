import { InboxPolicy } from '../../session-store';
import { acceptance, message, route, StoreGetter } from './helpers';

const policy: InboxPolicy = { cap: 10, ttlMs: 60_000 };

/** Strings that are not user ids, some of which name the store's other keys or carry key syntax. */
export const NOT_USER_IDS = ['next-id', 'name:alice', '{cim}', '10001:x', '010001', '-1', '', 'x'.repeat(70)];

export function describeUserIdsContract(store: StoreGetter): void {
  describe('strings that are not user ids', () => {
    it.each(NOT_USER_IDS)('treats %p as an unknown user in every read', async (id) => {
      await store().createUser('alice', 'h');
      expect(await store().findUserById(id)).toBeNull();
      expect(await store().getRoute(id)).toBeNull();
      expect(await store().routesOfMany([id, '10001'])).toEqual([[], []]);
      expect(await store().routesOf(id)).toEqual([]);
      expect(await store().inboxSize(id)).toBe(0);
      expect(await store().unackedSize(id)).toBe(0);
      expect(await store().openInbox(id, policy)).toEqual([]);
      expect(await store().releaseOnline(id, 'session')).toBe(false);
      await expect(store().acknowledge(id, ['m-1'])).resolves.toBeUndefined();
    });

    it.each(NOT_USER_IDS)('refuses to write anything for %p', async (id) => {
      await expect(store().claimOnline(route(id))).rejects.toThrow(RangeError);
      await expect(store().replaceOnline(route(id))).rejects.toThrow(RangeError);
      const receiver = { userId: id, ledger: policy };
      await expect(store().acceptMessage(acceptance('group', 'm', { receiver }))).rejects.toThrow(RangeError);
      await expect(store().pushInbox(id, [message(id, 1)], policy)).rejects.toThrow(RangeError);
      await expect(store().trackUnacked([{ userId: id, message: message(id, 1) }], policy)).rejects.toThrow(
        RangeError,
      );
      expect(await store().countOnline()).toBe(0);
    });
  });
}
