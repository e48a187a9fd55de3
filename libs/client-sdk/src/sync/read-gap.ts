import { ChatMessage, MessageKind, SYNC_MAX_LIMIT } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { CimError, ConnectionLostError } from '../errors';
import { isFinalRefusal } from './sync-failure';
import { syncPage } from './sync-page';

/** Where a conversation stands while its gap is read. */
export interface Reading {
  /** The last seq handed on or passed over; each message offered moves it up to its seq. */
  cursor?: number;
  /** SYNCs of the conversation that failed in a row, other than by a lost connection. */
  failures: number;
}

export interface ReadGapDeps {
  /** Hands the message on unless its id was seen, and moves the cursor. */
  offer(message: ChatMessage): Promise<void>;
  me(): string | undefined;
  onError(error: Error): void;
  /** How long each SYNC waits for its answer; default SYNC_TIMEOUT_MS. */
  requestTimeoutMs?: number;
}

/** The SYNCs read the seqs asked for (or all the history keeps), failed, or lost their connection. */
export type Filled = 'filled' | 'failed' | 'lost';

/**
 * Reads the conversation after its cursor up to `upTo` with SYNC, in pages, and offers each message.
 * A refusal no retry cures is reported and the gap passed over; any other failure, a SYNC left
 * unanswered past its deadline too, leaves the cursor where the last page put it (reported once for
 * failures in a row).
 */
export async function readGap(
  connection: FrameConnection,
  id: string,
  upTo: number,
  reading: Reading,
  deps: ReadGapDeps,
): Promise<Filled> {
  for (;;) {
    const after = reading.cursor ?? 0;
    if (after >= upTo) return 'filled';
    let batch;
    try {
      const limit = Math.min(SYNC_MAX_LIMIT, upTo - after);
      batch = await syncPage(connection, id, after, limit, deps.requestTimeoutMs);
    } catch (error) {
      if (error instanceof ConnectionLostError) return 'lost';
      const reason = (error as Error).message;
      if (isFinalRefusal(error)) {
        deps.onError(new CimError(`could not sync ${id} after seq ${after}: ${reason}`));
        reading.failures = 0;
        if (Number.isFinite(upTo)) reading.cursor = upTo;
        return 'filled';
      }
      if (reading.failures++ === 0)
        deps.onError(new CimError(`could not sync ${id} after seq ${after}, trying again: ${reason}`));
      return 'failed';
    }
    reading.failures = 0;
    for (const message of batch.messages) await deps.offer(message);
    acknowledge(connection, batch.messages, deps.me());
    if (!batch.more || (reading.cursor ?? 0) <= after) {
      // The rest is past the history's limits: the gap cannot be filled, the conversation goes on.
      const end = Math.min(upTo, Number(batch.lastSeq));
      if (end > (reading.cursor ?? 0)) reading.cursor = end;
      return 'filled';
    }
  }
}

/** Private messages to this user read by SYNC leave the ledger, so that no login brings them again. */
function acknowledge(connection: FrameConnection, messages: ChatMessage[], me: string | undefined): void {
  const kept = messages.filter((m) => m.kind === MessageKind.Private && m.receiverId === me);
  if (kept.length) connection.send({ deliveryAck: { messageIds: kept.map((m) => m.messageId) } });
}
