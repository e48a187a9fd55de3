import { randomUUID } from 'node:crypto';
import Redis, { Cluster } from 'ioredis';
import { SEND_SEQ_WINDOW } from '@cim/protocol';
import {
  createRedisSessionStore,
  MessageAcceptance,
  RedisConnection,
  RedisSessionStore,
} from '@cim/session-store';
import { eventually } from '../harness/eventually';
import { deleteKeys } from '../harness/redis-backends';

interface Fixture {
  admin: Redis | Cluster;
  create: (prefix: string) => RedisSessionStore;
  connection: () => RedisConnection;
}

/**
 * Accepting a message runs in steps on three slots (sender, conversation, receiver). These tests stop
 * an acceptance between steps by writing Redis as a crash would have left it, then send the SEND again.
 */
export function describeAcceptSteps(fixture: () => Fixture): void {
  describe('accepting a message in steps', () => {
    const p = `cim-steps-${randomUUID()}:`;
    const ledger = { cap: 100, ttlMs: 60_000 };
    const dedupKey = `${p}{u:10001}:dedup:c-1`;
    let store: RedisSessionStore;
    let admin: Redis | Cluster;

    beforeEach(() => {
      ({ admin } = fixture());
      store = fixture().create(p);
    });

    afterEach(async () => {
      await store.close();
      await deleteKeys(admin, `${p}*`);
    });

    const send = (messageId: string): Promise<unknown> =>
      store.acceptMessage(sendOf(messageId, { userId: '10002', ledger }));
    const kept = (messageId: string, seq: number) => ({ ...sendOf(messageId).message, seq });

    it('marks the dedup record done once every step has run', async () => {
      expect(await send('m-1')).toEqual({ seq: 1, routes: [] });
      await eventually(async () => expect(await admin.get(dedupKey)).toBe('m-1 done'));
      expect(await admin.pttl(dedupKey)).toBeGreaterThan(50_000);
    });

    it('completes an acceptance that stopped after the dedup record, under the earlier id', async () => {
      await admin.set(dedupKey, 'm-1', 'PX', 60_000);
      const stored = { ...kept('m-1', 1), sentAt: sendOf('m-2').message.sentAt };
      expect(await send('m-2')).toEqual({ duplicateOf: 'm-1', stored, routes: [] });
      expect(await store.readHistory('p:10001:10002', { limit: 10 })).toEqual([stored]);
      expect(await store.openInbox('10002', ledger)).toEqual([stored]);
      expect(await send('m-3')).toEqual({ duplicateOf: 'm-1', stored, routes: [] });
      expect(await store.lastSeq('p:10001:10002')).toBe(1);
    });

    it('completes an acceptance that stopped after the history, without a second seq', async () => {
      await send('m-1');
      await eventually(async () => expect(await admin.get(dedupKey)).toBe('m-1 done'));
      // As if the receiver's step had failed: no ledger entry, a record not marked done.
      await admin.hdel(`${p}{u:10002}:unacked`, 'm-1');
      await admin.set(dedupKey, 'm-1', 'KEEPTTL');
      expect(await send('m-2')).toEqual({ duplicateOf: 'm-1', stored: kept('m-1', 1), routes: [] });
      expect(await store.unackedSize('10002')).toBe(1);
      expect(await store.lastSeq('p:10001:10002')).toBe(1);
      expect(await store.readHistory('p:10001:10002', { limit: 10 })).toEqual([kept('m-1', 1)]);
    });

    describe("numbered SENDs (a sending session's window)", () => {
      const windowKey = `${p}{u:10001}:sends:s-1`;
      const numbered = (messageId: string, seq = 1, into = store): Promise<unknown> => {
        const acceptance = sendOf(messageId, { userId: '10002', ledger });
        const dedup = { ...acceptance.dedup!, sendSeq: { session: 's-1', seq } };
        return into.acceptMessage({ ...acceptance, dedup });
      };

      it('marks the seq done in the window once every step has run, and writes no per-message key', async () => {
        expect(await numbered('m-1')).toEqual({ seq: 1, routes: [] });
        await eventually(async () => expect(await admin.hget(windowKey, '1')).toBe('m-1 done'));
        expect(await admin.pttl(windowKey)).toBeGreaterThan(50_000);
        expect(await admin.exists(dedupKey)).toBe(0);
      });

      it('completes an acceptance that stopped after the window record, under the earlier id', async () => {
        await admin.hset(windowKey, '1', 'm-1');
        const stored = { ...kept('m-1', 1), sentAt: sendOf('m-2').message.sentAt };
        expect(await numbered('m-2')).toEqual({ duplicateOf: 'm-1', stored, routes: [] });
        expect(await store.openInbox('10002', ledger)).toEqual([stored]);
        expect(await numbered('m-3')).toEqual({ duplicateOf: 'm-1', stored, routes: [] });
        expect(await store.lastSeq('p:10001:10002')).toBe(1);
      });

      it('answers a re-send through another client of the store (another gateway) with the original id', async () => {
        const other = fixture().create(p);
        try {
          expect(await numbered('m-1')).toEqual({ seq: 1, routes: [] });
          expect(await numbered('m-2', 1, other)).toEqual({
            duplicateOf: 'm-1',
            stored: kept('m-1', 1),
            routes: [],
          });
        } finally {
          await other.close();
        }
      });

      describe('done-marks held for the next claim', () => {
        // A hold far longer than any test: a mark is written only by a claim or by close().
        let holding: RedisSessionStore;
        beforeEach(() => {
          holding = createRedisSessionStore(fixture().connection(), { prefix: p, doneMarkHoldMs: 600_000 });
        });
        afterEach(() => holding.close());

        it("writes a seq's done-mark in the session's next claim", async () => {
          expect(await numbered('m-1', 1, holding)).toEqual({ seq: 1, routes: [] });
          expect(await admin.hget(windowKey, '1')).toBe('m-1');
          expect(await numbered('m-2', 2, holding)).toEqual({ seq: 2, routes: [] });
          expect(await admin.hget(windowKey, '1')).toBe('m-1 done');
          expect(await admin.hget(windowKey, '2')).toBe('m-2');
        });

        it('answers a re-send through the same store as a done duplicate, whose message is not kept again', async () => {
          await numbered('m-1', 1, holding);
          await holding.acknowledge('10002', ['m-1']);
          expect(await numbered('m-2', 1, holding)).toEqual({ duplicateOf: 'm-1', stored: null, routes: [] });
          expect(await holding.unackedSize('10002')).toBe(0);
        });

        it('lets a re-send through another store complete the acceptance whose mark is held', async () => {
          await numbered('m-1', 1, holding);
          expect(await numbered('m-2', 1)).toEqual({
            duplicateOf: 'm-1',
            stored: kept('m-1', 1),
            routes: [],
          });
          expect(await store.lastSeq('p:10001:10002')).toBe(1);
        });

        it('writes the marks it holds when closed', async () => {
          await numbered('m-1', 1, holding);
          await numbered('m-2', 2, holding);
          await holding.close();
          expect(await admin.hmget(windowKey, '1', '2')).toEqual(['m-1 done', 'm-2 done']);
        });
      });

      it('holds one hash of at most 2W + 1 small fields per session, however many messages it sent', async () => {
        for (let seq = 1; seq <= 300; seq++) await numbered(`m-${seq}`, seq);
        const fields = await admin.hlen(windowKey);
        expect(fields).toBeGreaterThan(SEND_SEQ_WINDOW);
        expect(fields).toBeLessThanOrEqual(2 * SEND_SEQ_WINDOW + 1);
        expect(await admin.object('ENCODING', windowKey)).toBe('listpack');
        expect(await admin.memory('USAGE', windowKey)).toBeLessThan(4096);
      });
    });
  });
}

/** A private SEND from 10001 to 10002 with client message id c-1. */
function sendOf(messageId: string, receiver?: MessageAcceptance['receiver']): MessageAcceptance {
  const message = {
    messageId,
    seq: 0,
    senderId: '10001',
    senderName: 'alice',
    receiverId: '10002',
    kind: 'private' as const,
    body: 'hello',
    sentAt: 1_800_000_000_000 + Number(messageId.slice(2)),
  };
  return {
    conversation: 'p:10001:10002',
    message,
    dedup: { senderId: '10001', clientMessageId: 'c-1', windowMs: 60_000 },
    receiver,
    history: { maxMessages: 100, ttlMs: 10 * 365 * 24 * 3600_000 },
  };
}
