import { randomBytes, randomUUID } from 'node:crypto';
import { SEND_SEQ_WINDOW, StoredMessage } from '@cim/protocol';
import { HistoryPolicy, InboxPolicy, SessionStore } from '@cim/session-store';
import { mapLimit } from '../load/limit';
import { RedisUsageProbe } from './redis-usage';

/** The defaults of CIM_INBOX_CAP/TTL, CIM_HISTORY_MAX_MESSAGES/TTL and CIM_DEDUP_WINDOW_MS. */
const LEDGER: InboxPolicy = { cap: 1000, ttlMs: 7 * 24 * 3600_000 };
const HISTORY: HistoryPolicy = { maxMessages: 1000, ttlMs: 30 * 24 * 3600_000 };
const DEDUP_WINDOW_MS = 600_000;
/** Messages per ledger, inbox and conversation: each key's own overhead is shared by this many. */
export const MESSAGES_PER_KEY = 10;
/** A body of 64 ASCII characters: a short chat line. */
const BODY = 'capacity measurement: a chat line of sixty-four characters......';
const CONCURRENCY = 200;

/** Redis bytes and keys that one item of a step adds, over a batch of `count` items. */
export interface StepFigure {
  step: string;
  count: number;
  bytesPerItem: number;
  keysPerItem: number;
}

type User = { id: string; name: string };

/** Measures, step by step on a fresh store, what each kind of item adds to Redis (README of the bench). */
export class CapacitySteps {
  readonly figures: StepFigure[] = [];
  private users: User[] = [];
  private nextMessageId = 7_000_000_000_000_000_000n;

  constructor(
    private readonly store: SessionStore,
    private readonly probe: RedisUsageProbe,
    private readonly n: number,
  ) {}

  async run(log: (line: string) => void): Promise<StepFigure[]> {
    const { n } = this;
    const groups = n / MESSAGES_PER_KEY;
    await this.measure('registered user', n, async () => {
      this.users = await mapLimit(range(n), CONCURRENCY, (i) =>
        this.store.createUser(`cap-${i}`, passwordHash()),
      );
    });
    await this.measure('online user (route + server set)', n, () =>
      this.each(this.users, (u) =>
        this.store.claimOnline({
          userId: u.id,
          serverId: 'im-1',
          sessionId: randomUUID(),
          since: Date.now(),
        }),
      ),
    );
    await this.measure(`message waiting in a ledger (${MESSAGES_PER_KEY} per user)`, n, () =>
      this.each(this.users.slice(0, groups), (u) =>
        this.store.trackUnacked(
          range(MESSAGES_PER_KEY).map(() => ({ userId: u.id, message: this.message(this.users[0], u) })),
          LEDGER,
        ),
      ),
    );
    await this.measure(`message in an inbox (${MESSAGES_PER_KEY} per user)`, n, () =>
      this.each(this.users.slice(0, groups), (u) =>
        this.store.pushInbox(
          u.id,
          range(MESSAGES_PER_KEY).map(() => this.message(this.users[0], u)),
          LEDGER,
        ),
      ),
    );
    await this.measure(`message kept in a history (${MESSAGES_PER_KEY} per conversation)`, n, () =>
      this.each(range(groups), async (k) => {
        const [a, b] = [this.users[2 * k], this.users[2 * k + 1]];
        for (let m = 0; m < MESSAGES_PER_KEY; m++)
          await this.store.acceptMessage({
            conversation: conversationOf(a, b),
            message: this.message(a, b),
            history: HISTORY,
            sequenceTtlMs: HISTORY.ttlMs,
          });
      }),
    );
    log('capacity: private messages');
    await this.measurePrivate(groups);
    return this.figures;
  }

  /**
   * Private SENDs as the gateway accepts them from the SDK, numbered in one sending session per sender
   * (its window, history, receiver's ledger); then the receivers acknowledge, which leaves the history
   * entry and the sender's window.
   */
  private async measurePrivate(pairs: number): Promise<void> {
    const { n } = this;
    const before = await this.probe.read();
    const sent = new Map<string, string[]>();
    const senders = range(pairs).map((k) => [this.users[k], this.users[n - 1 - k]] as const);
    await this.each(senders, async ([sender, receiver]) => {
      for (let m = 0; m < MESSAGES_PER_KEY; m++) {
        const message = this.message(sender, receiver);
        await this.store.acceptMessage({
          conversation: conversationOf(sender, receiver),
          message,
          dedup: {
            senderId: sender.id,
            clientMessageId: randomUUID(),
            windowMs: DEDUP_WINDOW_MS,
            sendSeq: { session: `s-${sender.id}`, seq: m + 1 },
          },
          receiver: { userId: receiver.id, ledger: LEDGER },
          history: HISTORY,
          sequenceTtlMs: HISTORY.ttlMs,
        });
        sent.set(receiver.id, [...(sent.get(receiver.id) ?? []), message.messageId]);
      }
    });
    // The dedup record's marking is not awaited by acceptMessage: a read on each sender's slot after it
    // travels on the same connection, so it answers once the marking is written.
    await this.each(senders, ([sender]) => this.store.resumeGeneration(sender.id));
    this.record('private message sent, not yet acknowledged', n, before, await this.probe.read());
    await this.each([...sent], ([receiver, ids]) => this.store.acknowledge(receiver, ids));
    this.record(
      'private message sent and acknowledged (history + sending window)',
      n,
      before,
      await this.probe.read(),
    );
    await this.measureFullWindows(senders);
  }

  /**
   * What a sending session's window holds at its fullest (2W seqs kept and the floor), over the senders
   * of measurePrivate sending on: their windows grow from 10 seqs to 2W, in the history of one
   * conversation each that already holds their earlier messages.
   */
  private async measureFullWindows(senders: (readonly [User, User])[]): Promise<void> {
    const before = await this.probe.read();
    const history = { ...HISTORY, maxMessages: MESSAGES_PER_KEY };
    await this.each(senders, async ([sender, receiver]) => {
      for (let seq = MESSAGES_PER_KEY + 1; seq <= 2 * SEND_SEQ_WINDOW; seq++) {
        const message = this.message(sender, receiver);
        await this.store.acceptMessage({
          conversation: conversationOf(sender, receiver),
          message,
          dedup: {
            senderId: sender.id,
            clientMessageId: randomUUID(),
            windowMs: DEDUP_WINDOW_MS,
            sendSeq: { session: `s-${sender.id}`, seq },
          },
          history,
          sequenceTtlMs: HISTORY.ttlMs,
        });
      }
    });
    await this.each(senders, ([sender]) => this.store.resumeGeneration(sender.id));
    this.record(
      `sending session's window, from ${MESSAGES_PER_KEY} seqs to full (${2 * SEND_SEQ_WINDOW})`,
      senders.length,
      before,
      await this.probe.read(),
    );
  }

  private async measure(step: string, count: number, work: () => Promise<unknown>): Promise<void> {
    const before = await this.probe.read();
    await work();
    this.record(step, count, before, await this.probe.read());
  }

  private record(
    step: string,
    count: number,
    before: { usedMemory: number; keys: number },
    after: { usedMemory: number; keys: number },
  ): void {
    this.figures.push({
      step,
      count,
      bytesPerItem: (after.usedMemory - before.usedMemory) / count,
      keysPerItem: (after.keys - before.keys) / count,
    });
  }

  private each<T>(items: readonly T[], fn: (item: T) => Promise<unknown>): Promise<unknown> {
    return mapLimit(items, CONCURRENCY, fn);
  }

  private message(sender: User, receiver: User): StoredMessage {
    const messageId = String(this.nextMessageId++);
    return {
      messageId,
      seq: 0,
      senderId: sender.id,
      senderName: sender.name,
      receiverId: receiver.id,
      kind: 'private',
      body: BODY,
      sentAt: Date.now(),
    };
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function conversationOf(a: User, b: User): string {
  const [low, high] = BigInt(a.id) < BigInt(b.id) ? [a.id, b.id] : [b.id, a.id];
  return `p:${low}:${high}`;
}

/** A hash of the gateway's form and length (`scrypt$N$r$p$salt$hash`), different for each user. */
function passwordHash(): string {
  return ['scrypt', 16384, 8, 1, randomBytes(16).toString('base64'), randomBytes(32).toString('base64')].join(
    '$',
  );
}
