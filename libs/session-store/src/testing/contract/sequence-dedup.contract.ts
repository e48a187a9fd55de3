import { acceptance, eventually, message, route, sleep, StoreGetter } from './helpers';

export function describeSequenceAndDedupContract(store: StoreGetter): void {
  describe('sequences', () => {
    it('counts from 1 in steps of one per conversation', async () => {
      expect(await store().nextSequence('private:1:2')).toBe(1);
      expect(await store().nextSequence('private:1:2')).toBe(2);
      expect(await store().nextSequence('private:1:2')).toBe(3);
    });

    it('keeps conversations independent', async () => {
      await store().nextSequence('group');
      await store().nextSequence('group');
      expect(await store().nextSequence('private:1:2')).toBe(1);
      expect(await store().nextSequence('group')).toBe(3);
    });

    it("forgets a conversation's sequence once it has been silent for its TTL and its history's", async () => {
      const conversation = 'p:10001:10003';
      const accept = (id: string, sequenceTtlMs: number, historyTtlMs: number) =>
        store().acceptMessage(
          acceptance(conversation, id, { sequenceTtlMs, history: { maxMessages: 10, ttlMs: historyTtlMs } }),
        );
      // Long TTLs until the sequence has been seen to count on; the TTLs of the last message are waited out.
      expect(await accept('m-1', 60_000, 60_000)).toEqual({ seq: 1, routes: [] });
      expect(await accept('m-2', 1500, 1000)).toEqual({ seq: 2, routes: [] });
      await eventually(async () => expect(await store().lastSeq(conversation)).toBe(0));
      expect(await accept('m-3', 1500, 1000)).toEqual({ seq: 1, routes: [] });
      expect(await store().nextSequence('group')).toBe(1);
    });

    it('hands out each value once under concurrency', async () => {
      const values = await Promise.all(Array.from({ length: 50 }, () => store().nextSequence('group')));
      expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });
  });

  describe('client message dedup', () => {
    const accept = (senderId: string, messageId: string, windowMs = 60_000) =>
      store().acceptMessage(
        acceptance('group', messageId, { dedup: { senderId, clientMessageId: 'c-1', windowMs } }),
      );

    it('answers the first message id for every repeat of a client message id', async () => {
      expect(await accept('10001', 'm-1')).toEqual({ seq: 1, routes: [] });
      expect(await accept('10001', 'm-2')).toEqual({ duplicateOf: 'm-1' });
      expect(await accept('10001', 'm-3')).toEqual({ duplicateOf: 'm-1' });
      expect(await store().lastSeq('group')).toBe(1);
    });

    it('keeps senders apart', async () => {
      await accept('10001', 'm-1');
      expect(await accept('10002', 'm-2')).toEqual({ seq: 2, routes: [] });
    });

    it('lets exactly one of many concurrent repeats be new, and keeps that one message once', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => accept('10001', `m-${i}`)));
      const winner = answers.findIndex((a) => 'seq' in a);
      expect(answers.filter((a) => 'seq' in a)).toHaveLength(1);
      expect(answers.filter((a) => 'duplicateOf' in a)).toEqual(
        Array.from({ length: 19 }, () => ({ duplicateOf: `m-${winner}` })),
      );
      const kept = await store().readHistory('group', { limit: 100 });
      expect(kept.map((m) => [m.messageId, m.seq])).toEqual([[`m-${winner}`, 1]]);
    });

    it('forgets a client message id after the window', async () => {
      await accept('10001', 'm-1', 150);
      await sleep(300);
      expect(await accept('10001', 'm-2')).toEqual({ seq: 2, routes: [] });
      expect(await accept('10001', 'm-3')).toEqual({ duplicateOf: 'm-2' });
    });
  });

  describe('keeping an accepted private message', () => {
    const policy = { cap: 100, ttlMs: 60_000 };
    // The helper's messages were sent in 2023: a history that keeps them.
    const history = { maxMessages: 100, ttlMs: 10 * 365 * 24 * 3600_000 };
    const send = (messageId: string) =>
      store().acceptMessage({
        ...acceptance('p:10001:10002', messageId, { history }),
        message: { ...message('10002', 0), messageId },
        dedup: { senderId: '10001', clientMessageId: 'c-9', windowMs: 60_000 },
        receiver: { userId: '10002', ledger: policy },
      });

    it("writes it to the receiver's unacked ledger and the history with the seq it took", async () => {
      const accepted = await send('m-1');
      expect(accepted).toEqual({ seq: 1, routes: [] });
      const kept = { ...message('10002', 0), messageId: 'm-1', seq: 1 };
      expect(await store().unackedSize('10002')).toBe(1);
      expect(await store().openInbox('10002', policy)).toEqual([kept]);
      expect(await store().readHistory('p:10001:10002', { limit: 10 })).toEqual([kept]);
    });

    it('answers a repeat with the kept message while it waits, and without it once acknowledged', async () => {
      await store().claimOnline(route('10002'));
      await send('m-1');
      expect(await send('m-2')).toEqual({
        duplicateOf: 'm-1',
        stored: { ...message('10002', 0), messageId: 'm-1', seq: 1 },
        routes: [route('10002')],
      });
      expect(await store().unackedSize('10002')).toBe(1);
      await store().acknowledge('10002', ['m-1']);
      expect(await send('m-3')).toEqual({ duplicateOf: 'm-1', stored: null, routes: [route('10002')] });
      expect(await store().unackedSize('10002')).toBe(0);
      expect(await store().lastSeq('p:10001:10002')).toBe(1);
    });
  });

  describe('accepting a message', () => {
    const dedup = { senderId: '10001', clientMessageId: 'c-1', windowMs: 60_000 };
    const ledger = { cap: 100, ttlMs: 60_000 };

    it("takes the conversation's next sequence and answers the receiver's routes", async () => {
      await store().claimOnline(route('10002'));
      const to = (userId: string) => ({ receiver: { userId, ledger } });
      const first = await store().acceptMessage(acceptance('p:10001:10002', 'm-1', to('10002')));
      expect(first).toEqual({ seq: 1, routes: [route('10002')] });
      const second = await store().acceptMessage(acceptance('p:10001:10002', 'm-2', to('10003')));
      expect(second).toEqual({ seq: 2, routes: [] });
      expect(await store().acceptMessage(acceptance('group', 'm-3'))).toEqual({ seq: 1, routes: [] });
    });

    it('answers a repeated client message id with the earlier message id, taking no sequence', async () => {
      expect(await store().acceptMessage(acceptance('group', 'm-1', { dedup }))).toEqual({
        seq: 1,
        routes: [],
      });
      expect(await store().acceptMessage(acceptance('group', 'm-2', { dedup }))).toEqual({
        duplicateOf: 'm-1',
      });
      expect(await store().nextSequence('group')).toBe(2);
    });

    it("answers a SEND, new or repeated, with the routes of the sender's devices", async () => {
      const phone = { ...route('10001', 'server-b', 'phone-session'), deviceId: 'phone' };
      await store().claimOnline(route('10001'));
      await store().claimOnline(phone);
      const mine = [route('10001'), phone]; // by device id: 'default', then 'phone'
      const to = { receiver: { userId: '10002', ledger } };
      const first = await store().acceptMessage(acceptance('p:10001:10002', 'm-1', { dedup, ...to }));
      expect(first).toEqual({ seq: 1, routes: [], senderRoutes: mine });
      const repeat = await store().acceptMessage(acceptance('p:10001:10002', 'm-2', { dedup, ...to }));
      expect(repeat).toMatchObject({ duplicateOf: 'm-1', senderRoutes: mine });
      await store().releaseOnline('10001', 'phone-session');
      await store().releaseOnline('10001', route('10001').sessionId);
      const alone = await store().acceptMessage(
        acceptance('group', 'm-3', { dedup: { ...dedup, clientMessageId: 'c-2' } }),
      );
      expect(alone).toEqual({ seq: 1, routes: [] });
    });
  });
}
