import { SEND_SEQ_WINDOW } from '@cim/protocol';
import { SendSeqOutsideWindowError } from '../../errors';
import { MessageAccepted } from '../../session-store';
import { acceptance, message, route, sleep, sleepPast, StoreGetter, withLifetime } from './helpers';

/** Numbered SENDs: deduplicated by their sending session's window of seqs (@cim/protocol send-seq.ts). */
export function describeSendWindowContract(store: StoreGetter): void {
  describe('send windows (numbered SENDs)', () => {
    const send = (seq: number, messageId: string, session = 's-1', windowMs = 60_000, senderId = '10001') =>
      store().acceptMessage(
        acceptance('group', messageId, {
          dedup: { senderId, clientMessageId: `c-${messageId}`, windowMs, sendSeq: { session, seq } },
        }),
      );
    const sendAll = async (seqs: number[]): Promise<MessageAccepted[]> => {
      const answers: MessageAccepted[] = [];
      for (const seq of seqs) answers.push(await send(seq, `m-${seq}`));
      return answers;
    };
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    it('answers a repeated seq within the window with the first message id, taking no sequence', async () => {
      expect(await send(1, 'm-1')).toEqual({ seq: 1, routes: [] });
      expect(await send(2, 'm-2')).toEqual({ seq: 2, routes: [] });
      expect(await send(1, 'm-3')).toEqual({ duplicateOf: 'm-1' });
      expect(await send(2, 'm-4')).toEqual({ duplicateOf: 'm-2' });
      expect(await store().lastSeq('group')).toBe(2);
    });

    it('accepts seqs out of order within the window, each once', async () => {
      expect(await sendAll([3, 1, 5, 2])).toEqual([1, 2, 3, 4].map((seq) => ({ seq, routes: [] })));
      expect(await send(5, 'm-9')).toEqual({ duplicateOf: 'm-5' });
      expect(await send(4, 'm-4')).toEqual({ seq: 5, routes: [] });
    });

    it('keeps sessions and senders apart', async () => {
      await send(1, 'm-1');
      expect(await send(1, 'm-2', 's-2')).toEqual({ seq: 2, routes: [] });
      expect(await send(1, 'm-3', 's-1', 60_000, '10002')).toEqual({ seq: 3, routes: [] });
      expect(await send(1, 'm-4', 's-2')).toEqual({ duplicateOf: 'm-2' });
    });

    it('refuses a seq below the window that it no longer keeps, and keeps the window answering', async () => {
      // 2W + 1 seqs: the window keeps the W highest of them.
      const last = 2 * SEND_SEQ_WINDOW + 1;
      await sendAll(range(1, last));
      const lowestKept = last - SEND_SEQ_WINDOW + 1;
      await expect(send(1, 'm-x')).rejects.toThrow(SendSeqOutsideWindowError);
      await expect(send(lowestKept - 1, 'm-y')).rejects.toThrow(/below the window/);
      expect(await send(lowestKept, 'm-z')).toEqual({ duplicateOf: `m-${lowestKept}` });
      expect(await send(last, 'm-z')).toEqual({ duplicateOf: `m-${last}` });
      expect(await store().lastSeq('group')).toBe(last);
      expect(await send(last + 1, `m-${last + 1}`)).toEqual({ seq: last + 1, routes: [] });
    });

    it('accepts a seq it never accepted that is above the window floor (a SEND refused before)', async () => {
      const gap = 2 * SEND_SEQ_WINDOW - 10;
      const seqs = range(1, 2 * SEND_SEQ_WINDOW + 2).filter((seq) => seq !== gap);
      await sendAll(seqs);
      expect(await send(gap, `m-${gap}`)).toEqual({ seq: seqs.length + 1, routes: [] });
      expect(await send(gap, 'm-again')).toEqual({ duplicateOf: `m-${gap}` });
    });

    it('forgets the window once the session has sent nothing for the dedup window', async () => {
      await send(1, 'm-1', 's-1', 150);
      // Slept out, not polled: the probe, a send, would start a window of its own.
      await sleep(300);
      // The new window is a long one: it must still be there for the repeat that follows.
      expect(await send(1, 'm-2')).toEqual({ seq: 2, routes: [] });
      expect(await send(1, 'm-3')).toEqual({ duplicateOf: 'm-2' });
    });

    it('keeps the window alive while the session keeps sending', async () => {
      // Each send must come within the window of the one before, and the repeat comes past the first
      // send's window but within the last's; a run that a stall pushed outside those bounds proves nothing.
      await withLifetime(async (windowMs, run) => {
        const session = `s-${run}`;
        const sent = async (seq: number) => {
          const started = Date.now();
          await send(seq, `m-${run}-${seq}`, session, windowMs);
          return { started, done: Date.now() };
        };
        const first = await sent(1);
        let last = first;
        for (const seq of [2, 3]) {
          await sleep(windowMs * 0.6);
          const next = await sent(seq);
          if (next.done - last.started >= windowMs) return false;
          last = next;
        }
        await sleepPast(first.done + windowMs);
        const again = await send(1, `m-${run}-again`, session, windowMs);
        if (Date.now() - last.started >= windowMs) return false;
        expect(again).toEqual({ duplicateOf: `m-${run}-1` });
        return true;
      });
    });

    it('lets exactly one of many concurrent repeats of a seq be new', async () => {
      const answers = await Promise.all(range(1, 20).map((i) => send(7, `m-${i}`)));
      const news = answers.filter((a) => 'seq' in a);
      expect(news).toHaveLength(1);
      const winner = `m-${answers.findIndex((a) => 'seq' in a) + 1}`;
      expect(answers.filter((a) => 'duplicateOf' in a)).toEqual(
        range(1, 19).map(() => ({ duplicateOf: winner })),
      );
      const kept = await store().readHistory('group', { limit: 100 });
      expect(kept.map((m) => m.messageId)).toEqual([winner]);
    });

    it('answers a re-sent private message with the original id and the message it kept', async () => {
      const ledger = { cap: 100, ttlMs: 60_000 };
      const history = { maxMessages: 100, ttlMs: 10 * 365 * 24 * 3600_000 };
      await store().claimOnline(route('10002'));
      const sendPrivate = (messageId: string) =>
        store().acceptMessage({
          ...acceptance('p:10001:10002', messageId, { history }),
          message: { ...message('10002', 0), messageId },
          dedup: {
            senderId: '10001',
            clientMessageId: 'c-1',
            windowMs: 60_000,
            sendSeq: { session: 's-1', seq: 1 },
          },
          receiver: { userId: '10002', ledger },
        });
      expect(await sendPrivate('m-1')).toEqual({ seq: 1, routes: [route('10002')] });
      const kept = { ...message('10002', 0), messageId: 'm-1', seq: 1 };
      expect(await sendPrivate('m-2')).toEqual({
        duplicateOf: 'm-1',
        stored: kept,
        routes: [route('10002')],
      });
      await store().acknowledge('10002', ['m-1']);
      expect(await sendPrivate('m-3')).toEqual({
        duplicateOf: 'm-1',
        stored: null,
        routes: [route('10002')],
      });
      expect(await store().unackedSize('10002')).toBe(0);
    });

    it('refuses a malformed session or seq with an error naming it', async () => {
      await expect(send(0, 'm-1')).rejects.toThrow(/send seq must be a positive integer/);
      await expect(send(1, 'm-1', 'a b')).rejects.toThrow(/send session must match/);
    });
  });
}
