import { InboxPolicy } from '../../session-store';
import { eventually, message, StoreGetter } from './helpers';

const policy: InboxPolicy = { cap: 100, ttlMs: 60_000 };

export function describeUnackedContract(store: StoreGetter): void {
  describe('unacked ledger', () => {
    it('keeps handed-over messages until they are acknowledged, and hands them over at login', async () => {
      const items = [1, 2, 3].map((n) => ({ userId: '1', message: message('1', n) }));
      await store().trackUnacked(items, policy);
      expect(await store().unackedSize('1')).toBe(3);
      await store().acknowledge('1', ['m-1-2']);
      expect(await store().openInbox('1', policy)).toEqual([message('1', 1), message('1', 3)]);
      expect(await store().openInbox('1', policy)).toEqual([message('1', 1), message('1', 3)]);
      await store().acknowledge('1', ['m-1-1', 'm-1-3', 'unknown-id']);
      expect(await store().openInbox('1', policy)).toEqual([]);
    });

    it('moves the offline inbox into the ledger at login, oldest message id first', async () => {
      await store().trackUnacked([{ userId: '1', message: message('1', 2) }], policy);
      await store().pushInbox('1', [message('1', 3), message('1', 1)], policy);
      expect(await store().openInbox('1', policy)).toEqual([
        message('1', 1),
        message('1', 2),
        message('1', 3),
      ]);
      expect(await store().inboxSize('1')).toBe(0);
      expect(await store().unackedSize('1')).toBe(3);
    });

    it('tracks a batch for several users at once and keeps them apart', async () => {
      const items = [
        { userId: '1', message: message('1', 1) },
        { userId: '2', message: message('2', 1) },
        { userId: '1', message: message('1', 2) },
      ];
      await store().trackUnacked(items, policy);
      expect(await store().unackedSize('1')).toBe(2);
      expect(await store().openInbox('2', policy)).toEqual([message('2', 1)]);
    });

    it('drops the oldest messages beyond the cap', async () => {
      const items = [1, 2, 3, 4, 5].map((n) => ({ userId: '1', message: message('1', n) }));
      await store().trackUnacked(items, { ...policy, cap: 3 });
      expect(await store().openInbox('1', policy)).toEqual([
        message('1', 3),
        message('1', 4),
        message('1', 5),
      ]);
    });

    it('forgets the ledger once the TTL has passed since the last write', async () => {
      await store().trackUnacked([{ userId: '1', message: message('1', 1) }], { cap: 10, ttlMs: 150 });
      await eventually(async () => expect(await store().unackedSize('1')).toBe(0));
    });
  });
}
