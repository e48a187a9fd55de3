import { acceptance, sleep, StoreGetter } from './helpers';

export function describeHistoryContract(store: StoreGetter): void {
  describe('conversation history', () => {
    async function sendMany(
      conversation: string,
      count: number,
      history = { maxMessages: 100, ttlMs: 60_000 },
    ) {
      for (let i = 1; i <= count; i++)
        await store().acceptMessage(acceptance(conversation, `m-${i}`, { history }));
    }
    const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);

    it('keeps each accepted message with its seq, in seq order, per conversation', async () => {
      await sendMany('g:1', 3);
      await sendMany('g:2', 1);
      const kept = await store().readHistory('g:1', { limit: 10 });
      expect(kept.map((m) => [m.messageId, m.seq, m.body])).toEqual([
        ['m-1', 1, 'body of m-1'],
        ['m-2', 2, 'body of m-2'],
        ['m-3', 3, 'body of m-3'],
      ]);
      expect(await store().lastSeq('g:1')).toBe(3);
      expect(await store().lastSeq('g:2')).toBe(1);
      expect(await store().lastSeq('g:3')).toBe(0);
      expect(await store().readHistory('g:3', { limit: 10 })).toEqual([]);
    });

    it('pages by seq: after a seq from the oldest on, before a seq from the newest back', async () => {
      await sendMany('group', 10);
      expect(seqs(await store().readHistory('group', { after: 3, limit: 4 }))).toEqual([4, 5, 6, 7]);
      expect(seqs(await store().readHistory('group', { before: 8, limit: 3 }))).toEqual([5, 6, 7]);
      expect(seqs(await store().readHistory('group', { after: 2, before: 6, limit: 10 }))).toEqual([3, 4, 5]);
      expect(seqs(await store().readHistory('group', { after: 10, limit: 5 }))).toEqual([]);
    });

    it('keeps at most maxMessages, dropping the oldest', async () => {
      await sendMany('group', 7, { maxMessages: 5, ttlMs: 60_000 });
      expect(seqs(await store().readHistory('group', { limit: 10 }))).toEqual([3, 4, 5, 6, 7]);
      expect(await store().lastSeq('group')).toBe(7);
    });

    it('drops messages sent longer ago than its TTL', async () => {
      const history = { maxMessages: 100, ttlMs: 1000 };
      await store().acceptMessage(acceptance('group', 'old', { history }));
      await sleep(1200);
      await store().acceptMessage(acceptance('group', 'new', { history }));
      const kept = await store().readHistory('group', { limit: 10 });
      expect(kept.map((m) => m.messageId)).toEqual(['new']);
    });

    it("lists each user's private conversations, the most recently active first", async () => {
      const ledger = { cap: 100, ttlMs: 60_000 };
      const send = (from: string, to: string, id: string, sentAt: number) => {
        const base = acceptance([from, to].sort().join(':').replace(/^/, 'p:'), id);
        const message = { ...base.message, senderId: from, receiverId: to, kind: 'private' as const, sentAt };
        return store().acceptMessage({ ...base, message, receiver: { userId: to, ledger } });
      };
      await send('10001', '10002', 'a', 1000);
      await send('10003', '10001', 'b', 2000);
      await send('10002', '10001', 'c', 3000);
      await store().acceptMessage(acceptance('g:1', 'd'));
      expect(await store().conversationsOf('10001')).toEqual(['p:10001:10002', 'p:10001:10003']);
      expect(await store().conversationsOf('10003')).toEqual(['p:10001:10003']);
      expect(await store().conversationsOf('10004')).toEqual([]);
    });

    it('rejects a limit that is not a positive integer', async () => {
      await expect(store().readHistory('group', { limit: 0 })).rejects.toThrow(RangeError);
    });
  });
}
