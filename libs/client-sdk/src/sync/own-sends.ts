import { RecentIds } from '../dedup';
import { SendResult } from '../types';

/**
 * The messages this client sent: once accepted, their ids count as seen, so that a SYNC that brings
 * them back (they hold their own seqs in the conversation) advances past them without handing them to
 * the listener. A gap is filled only once the sends in flight to its conversation are answered, so
 * that the SYNC cannot return one of them before its SEND_ACK named its id.
 */
export class OwnSends {
  private readonly pending = new Map<string, Set<Promise<unknown>>>();

  constructor(private readonly seen: RecentIds) {}

  /** Remembers the send to `conversation`; answers `result` unchanged. */
  track(conversation: string, result: Promise<SendResult>): Promise<SendResult> {
    const settled = result.then(
      (sent) => void this.seen.add(sent.messageId),
      () => undefined,
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

  /** Resolves once every send to the conversation made so far is answered (accepted or refused). */
  async settled(conversation: string): Promise<void> {
    const inFlight = this.pending.get(conversation);
    if (inFlight) await Promise.all(inFlight);
  }
}
