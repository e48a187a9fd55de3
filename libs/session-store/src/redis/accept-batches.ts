import { HistoryPolicy, InboxPolicy, Route } from '../session-store';
import { historyScript, receiverScript } from './accept-scripts';
import { decodeRouteEntries } from './codec';
import { RedisClient } from './redis-client';
import { RedisKeys } from './redis-keys';
import { TickBatches } from './tick-batches';

/** A message for step 2: kept in its conversation's history unless kept already under its id. */
export interface KeepItem {
  conversation: string;
  history: HistoryPolicy;
  /** 0: none. */
  sequenceTtlMs: number;
  messageId: string;
  /** The message's JSON without its seq. */
  json: string;
  now: number;
}

/** The message as kept: its seq, and its JSON with the seq (the JSON the ledger gets as it is). */
export interface Kept {
  seq: number;
  json: string;
}

/** A message for step 3: into the receiver's ledger (json '' only reads the ledger's entry). */
export interface HandOverItem {
  userId: string;
  ledger: InboxPolicy;
  messageId: string;
  json: string;
  /** The note's arguments (conversation-index.ts), written with the message. */
  note: (string | number)[];
  now: number;
}

/** The ledger's entry for the message (null: none), and the receiver's routes. */
export interface HandedOver {
  stored: string | null;
  routes: Route[];
}

/**
 * Steps 2 and 3 of accepting messages, each gathering the messages of one tick that go to one slot (a
 * conversation; a receiver) into one script call (TickBatches): a sender with several SENDs in flight
 * to one receiver sends them in the same tick, so their steps share the calls.
 */
export class AcceptBatches {
  private readonly conversations = new TickBatches<KeepItem, Kept>((_, items) => this.keepAll(items));
  private readonly receivers = new TickBatches<HandOverItem, HandedOver>((_, items) =>
    this.handOverAll(items),
  );

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  keep(item: KeepItem): Promise<Kept> {
    const { conversation, history, sequenceTtlMs } = item;
    const batch = `${conversation}\n${sequenceTtlMs}\n${history.maxMessages}\n${history.ttlMs}`;
    return this.conversations.add(batch, item);
  }

  handOver(item: HandOverItem): Promise<HandedOver> {
    return this.receivers.add(`${item.userId}\n${item.ledger.ttlMs}\n${item.ledger.cap}`, item);
  }

  private async keepAll(items: KeepItem[]): Promise<Kept[]> {
    const [{ conversation, history, sequenceTtlMs, now }] = items;
    const keys = [
      this.keys.sequence(conversation),
      this.keys.history(conversation),
      this.keys.historyOrder(conversation),
    ];
    const args: (string | number)[] = [sequenceTtlMs, history.maxMessages, history.ttlMs, now];
    for (const { messageId, json } of items) args.push(messageId, json);
    const answers = (await historyScript.run(this.redis, keys, args)) as (number | string)[];
    return items.map(({ json }, i) => {
      const answer = answers[i];
      if (typeof answer === 'number') return { seq: answer, json: `${json.slice(0, -1)},"seq":${answer}}` };
      return { seq: Number(/"seq":(\d+)}$/.exec(answer)?.[1] ?? 0), json: answer };
    });
  }

  private async handOverAll(items: HandOverItem[]): Promise<HandedOver[]> {
    const [{ userId, ledger, now }] = items;
    const keys = [this.keys.unacked(userId), this.keys.routes(userId), this.keys.userConversations(userId)];
    const args: (string | number)[] = [ledger.ttlMs, ledger.cap, items.length];
    for (const { messageId, json } of items) args.push(messageId, json);
    for (const note of latestNotes(items)) args.push(...note);
    const answers = (await receiverScript.run(this.redis, keys, args)) as (string | number | null)[];
    const routes = decodeRouteEntries(answers.slice(items.length) as string[], now);
    return items.map(({ json }, i) => {
      const answer = answers[i];
      const stored = typeof answer === 'number' ? (answer === 1 ? json : null) : answer;
      return { stored, routes };
    });
  }
}

/** The notes of the messages written, one per conversation: the latest (a note never moves back). */
function latestNotes(items: HandOverItem[]): (string | number)[][] {
  const byConversation = new Map<string | number, (string | number)[]>();
  for (const { json, note } of items) {
    if (json === '' || note[0] === '') continue;
    const earlier = byConversation.get(note[0]);
    if (!earlier || Number(earlier[1]) < Number(note[1])) byConversation.set(note[0], note);
  }
  return [...byConversation.values()];
}
