import { ErrorCode, SyncBatch } from '@cim/protocol';
import { FrameConnection } from '../connection';
import { CimError, CimServerError } from '../errors';

/** Pauses before asking again a SYNC the server answered UNAVAILABLE (its route-gateways were slow). */
const UNAVAILABLE_RETRY_MS = [250, 500, 1000, 2000, 2000];

/**
 * One SYNC and its SYNC_BATCH. An UNAVAILABLE answer is asked again after a pause that grows; other
 * answers, and the end of the connection, reject (CimServerError, ConnectionLostError).
 */
export async function syncPage(
  connection: FrameConnection,
  conversation: string,
  afterSeq: number,
  limit: number,
): Promise<SyncBatch> {
  for (let attempt = 0; ; attempt++) {
    try {
      const answer = await connection.request({ sync: { conversation, afterSeq, limit } });
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
