import { ReadStateStore } from '../read-state-store';

/**
 * The behaviour every ReadStateStore must show. Each test gets a store of its own from `create`, which
 * must start empty; after the test the store is closed and `cleanup`, if given, runs.
 */
export function describeReadStateStoreContract(
  name: string,
  create: () => Promise<ReadStateStore>,
  cleanup?: () => Promise<void>,
): void {
  describe(`${name} (ReadStateStore contract)`, () => {
    let current: ReadStateStore | undefined;

    beforeEach(async () => {
      current = await create();
    });

    afterEach(async () => {
      await current?.close();
      current = undefined;
      await cleanup?.();
    });

    const store = (): ReadStateStore => {
      if (!current) throw new Error('no store: the contract creates one per test');
      return current;
    };

    it('answers 0 for a conversation never marked, and the pointers in the order asked', async () => {
      expect(await store().readSeqs('10001', [])).toEqual([]);
      expect(await store().readSeqs('10001', ['group', 'p:10001:10002'])).toEqual([0, 0]);
      await store().markRead({ userId: '10001', conversation: 'p:10001:10002', seq: 4, lastSeq: 10 });
      expect(await store().readSeqs('10001', ['group', 'p:10001:10002', 'g:1'])).toEqual([0, 4, 0]);
      expect(await store().readSeqs('10002', ['p:10001:10002'])).toEqual([0]);
    });

    it('moves a pointer only forward, saying whether a mark moved it', async () => {
      const mark = (seq: number) =>
        store().markRead({ userId: '10001', conversation: 'group', seq, lastSeq: 10 });
      expect(await mark(5)).toEqual({ seq: 5, advanced: true });
      expect(await mark(3)).toEqual({ seq: 5, advanced: false });
      expect(await mark(5)).toEqual({ seq: 5, advanced: false });
      expect(await mark(9)).toEqual({ seq: 9, advanced: true });
      expect(await store().readSeqs('10001', ['group'])).toEqual([9]);
    });

    it('keeps each user and each conversation apart', async () => {
      await store().markRead({ userId: '10001', conversation: 'g:1', seq: 7, lastSeq: 10 });
      await store().markRead({ userId: '10002', conversation: 'g:1', seq: 2, lastSeq: 10 });
      await store().markRead({ userId: '10001', conversation: 'g:2', seq: 1, lastSeq: 10 });
      expect(await store().readSeqs('10001', ['g:1', 'g:2'])).toEqual([7, 1]);
      expect(await store().readSeqs('10002', ['g:1', 'g:2'])).toEqual([2, 0]);
    });

    it('lists the readers of a conversation at or beyond a seq, by user id, when asked to', async () => {
      const mark = (userId: string, seq: number, listReader = true) =>
        store().markRead({ userId, conversation: 'g:1', seq, lastSeq: 10, listReader });
      await mark('10002', 5);
      await mark('9', 3);
      await mark('10010', 8);
      await mark('10003', 9, false);
      expect(await store().readersOf('g:1', 4)).toEqual([
        { userId: '10002', seq: 5 },
        { userId: '10010', seq: 8 },
      ]);
      expect(await store().readersOf('g:1', 3)).toEqual([
        { userId: '9', seq: 3 },
        { userId: '10002', seq: 5 },
        { userId: '10010', seq: 8 },
      ]);
      expect(await store().readersOf('g:1', 9)).toEqual([]);
      expect(await store().readersOf('g:2', 1)).toEqual([]);
    });

    it("never moves a reader's entry back", async () => {
      const mark = (seq: number) =>
        store().markRead({ userId: '10002', conversation: 'g:1', seq, lastSeq: 10, listReader: true });
      await mark(6);
      await mark(2);
      expect(await store().readersOf('g:1', 1)).toEqual([{ userId: '10002', seq: 6 }]);
    });

    it("starts a pointer over when it is beyond the conversation's last seq (its sequence began again)", async () => {
      const mark = (seq: number, lastSeq: number) =>
        store().markRead({ userId: '10001', conversation: 'p:10001:10002', seq, lastSeq });
      await mark(40, 40);
      expect(await mark(2, 3)).toEqual({ seq: 2, advanced: true });
      expect(await mark(1, 3)).toEqual({ seq: 2, advanced: false });
      expect(await store().readSeqs('10001', ['p:10001:10002'])).toEqual([2]);
    });

    it('holds pointers as large as any seq a conversation hands out', async () => {
      const seq = 2 ** 40 + 3;
      await store().markRead({ userId: '10001', conversation: 'g:1', seq, lastSeq: seq, listReader: true });
      expect(await store().readSeqs('10001', ['g:1'])).toEqual([seq]);
      expect(await store().readersOf('g:1', seq)).toEqual([{ userId: '10001', seq }]);
    });
  });
}
