import { InboxPolicy } from '../../session-store';
import { eventually, message, sleep, sleepPast, StoreGetter, withLifetime } from './helpers';

const policy: InboxPolicy = { cap: 100, ttlMs: 60_000 };

export function describeInboxContract(store: StoreGetter): void {
  describe('offline inbox', () => {
    it('hands messages over at login oldest first across pushes and leaves the inbox empty', async () => {
      await store().pushInbox('1', [message('1', 1), message('1', 2)], policy);
      await store().pushInbox('1', [message('1', 3)], policy);
      expect(await store().inboxSize('1')).toBe(3);
      expect(await store().openInbox('1', policy)).toEqual([
        message('1', 1),
        message('1', 2),
        message('1', 3),
      ]);
      expect(await store().inboxSize('1')).toBe(0);
    });

    it('keeps only the newest messages up to the cap', async () => {
      const capped = { ...policy, cap: 3 };
      await store().pushInbox('1', [message('1', 1), message('1', 2)], capped);
      await store().pushInbox('1', [message('1', 3), message('1', 4), message('1', 5)], capped);
      expect(await store().inboxSize('1')).toBe(3);
      expect(await store().openInbox('1', policy)).toEqual([
        message('1', 3),
        message('1', 4),
        message('1', 5),
      ]);
    });

    it('keeps each user’s inbox apart', async () => {
      await store().pushInbox('1', [message('1', 1)], policy);
      await store().pushInbox('2', [message('2', 1), message('2', 2)], policy);
      expect(await store().openInbox('1', policy)).toEqual([message('1', 1)]);
      expect(await store().inboxSize('2')).toBe(2);
    });

    it('answers an empty inbox for a user who never got a message', async () => {
      expect(await store().openInbox('1', policy)).toEqual([]);
      expect(await store().inboxSize('1')).toBe(0);
    });

    it('drops the inbox once the TTL has passed since the last write', async () => {
      await store().pushInbox('1', [message('1', 1)], { cap: 10, ttlMs: 150 });
      await eventually(async () => expect(await store().inboxSize('1')).toBe(0));
      expect(await store().openInbox('1', policy)).toEqual([]);
    });

    it('restarts the TTL on every push', async () => {
      // The second push must come within the TTL of the first, and the inbox is read past the first's
      // TTL but within the second's; a run that a stall pushed outside those bounds proves nothing.
      await withLifetime(async (ttlMs, run) => {
        const user = String(run + 1);
        const short = { cap: 10, ttlMs };
        const first = Date.now();
        await store().pushInbox(user, [message(user, 1)], short);
        const firstDone = Date.now();
        await sleep(ttlMs * 0.6);
        const second = Date.now();
        await store().pushInbox(user, [message(user, 2)], short);
        if (Date.now() - first >= ttlMs) return false;
        await sleepPast(firstDone + ttlMs);
        const opened = await store().openInbox(user, policy);
        if (Date.now() - second >= ttlMs) return false;
        expect(opened).toEqual([message(user, 1), message(user, 2)]);
        return true;
      });
    });

    it('leaves the inbox unchanged when pushed no messages', async () => {
      await store().pushInbox('1', [], policy);
      expect(await store().inboxSize('1')).toBe(0);
    });

    it('refuses a policy that would keep nothing', async () => {
      await expect(store().pushInbox('1', [message('1', 1)], { cap: 0, ttlMs: 1000 })).rejects.toThrow(
        RangeError,
      );
      await expect(store().pushInbox('1', [message('1', 1)], { cap: 1, ttlMs: 0 })).rejects.toThrow(
        RangeError,
      );
    });
  });
}
