import { RecentIds } from '../dedup';
import { SendResult } from '../types';

/** Own message ids remembered until their conversation shows them; the oldest are forgotten past this. */
const UNMET_KEPT = 10_000;

/**
 * The messages this client sent: once accepted, their ids count as seen, so that a SYNC that brings
 * them back (they hold their own seqs in the conversation) advances past them without handing them to
 * the listener. A gap is filled only once the sends in flight to its conversation are answered, so
 * that the SYNC cannot return one of them before its SEND_ACK named its id; and while a conversation
 * may still lack one of them, a gap in it is read at once (only SYNC brings it).
 */
export class OwnSends {
  private readonly pending = new Map<string, Set<Promise<unknown>>>();
  /** Sends per conversation whose message the conversation has not shown yet. */
  private readonly outstanding = new Map<string, number>();
  /** Own message id → its conversation, until the conversation shows it. */
  private readonly unmet = new Map<string, string>();

  constructor(private readonly seen: RecentIds) {}

  /** Remembers the send to `conversation`; answers `result` unchanged. */
  track(conversation: string, result: Promise<SendResult>): Promise<SendResult> {
    this.count(conversation, 1);
    const settled = result.then(
      (sent) => this.accepted(conversation, sent.messageId),
      () => this.count(conversation, -1),
    );
    let inFlight = this.pending.get(conversation);
    if (!inFlight) this.pending.set(conversation, (inFlight = new Set()));
    inFlight.add(settled);
    void settled.then(() => {
      inFlight.delete(settled);
      if (inFlight.size === 0 && this.pending.get(conversation) === inFlight)
        this.pending.delete(conversation);
    });
    return result;
  }

  /** A message went by in its conversation: if it is one of this client's, it is no longer missing. */
  met(messageId: string): void {
    const conversation = this.unmet.get(messageId);
    if (conversation === undefined) return;
    this.unmet.delete(messageId);
    this.count(conversation, -1);
  }

  /** Whether one of this client's messages may still be missing from the conversation. */
  mayBeMissing(conversation: string): boolean {
    return (this.outstanding.get(conversation) ?? 0) > 0;
  }

  /** Resolves once every send to the conversation made so far is answered (accepted or refused). */
  async settled(conversation: string): Promise<void> {
    const inFlight = this.pending.get(conversation);
    if (inFlight) await Promise.all(inFlight);
  }

  private accepted(conversation: string, messageId: string): void {
    this.seen.add(messageId);
    if (this.unmet.has(messageId)) return this.count(conversation, -1); // a repeat's answer
    this.unmet.set(messageId, conversation);
    if (this.unmet.size > UNMET_KEPT) {
      const [oldest, of] = this.unmet.entries().next().value!;
      this.unmet.delete(oldest);
      this.count(of, -1);
    }
  }

  private count(conversation: string, by: number): void {
    const n = (this.outstanding.get(conversation) ?? 0) + by;
    if (n > 0) this.outstanding.set(conversation, n);
    else this.outstanding.delete(conversation);
  }
}
