import { ErrorCode, SyncBatch } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { CimError, CimServerError } from '../errors';

/** Pauses before asking again a SYNC the server answered UNAVAILABLE (its route-gateways were slow). */
const UNAVAILABLE_RETRY_MS = [250, 500, 1000, 2000, 2000];

/**
 * How long a SYNC waits for its answer, unless the client's options say (requestTimeoutMs). Above the
 * im-server's worst answer (its call to a route-gateway gives up after 5 s and answers UNAVAILABLE).
 *
 * A SYNC past its deadline is a failed SYNC, retried after a growing pause (sync-failure.ts), not a
 * lost connection: the deadline says that one answer is late, not that the connection is gone. The
 * heartbeat watches the connection as a whole (every frame counts, not only answers) and already takes
 * a frozen im-server for lost; closing a connection whose PONGs still arrive would throw away a
 * working login, re-send the unanswered SENDs and, when the system is merely slow, turn slowness into a
 * storm of logins. What the deadline cures is a SYNC whose answer was lost on a live connection: without
 * it the delivery queue waited for ever, since the heartbeat never fired. Now the other conversations
 * go on, and the late answer, if it comes, is dropped (its request is no longer waiting).
 */
export const SYNC_TIMEOUT_MS = 10_000;

/**
 * One SYNC and its SYNC_BATCH. An UNAVAILABLE answer is asked again after a pause that grows; other
 * answers, no answer within `timeoutMs` (CimError) and the end of the connection reject
 * (CimServerError, ConnectionLostError).
 */
export async function syncPage(
  connection: FrameConnection,
  conversation: string,
  afterSeq: number,
  limit: number,
  timeoutMs = SYNC_TIMEOUT_MS,
): Promise<SyncBatch> {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await connection.request({ sync: { conversation, afterSeq, limit } }, timeoutMs);
      if (!answer.syncBatch) throw new CimError('the answer to SYNC was not a SYNC_BATCH');
      return { ...answer.syncBatch, messages: answer.syncBatch.messages ?? [] };
    } catch (error) {
      if (!isUnavailable(error) || attempt >= UNAVAILABLE_RETRY_MS.length) throw error;
      await pause(UNAVAILABLE_RETRY_MS[attempt]);
    }
  }
}

function isUnavailable(error: unknown): boolean {
  return error instanceof CimServerError && error.code === ErrorCode.Unavailable;
}

/** A pause that does not keep a Node process alive (a closed client's process exits). */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer: { unref?: () => void } = setTimeout(resolve, ms);
    timer.unref?.();
  });
}
