import { ErrorCode } from '@cim/protocol';
import { CimServerError } from '../errors';

/** Pauses before a conversation is read again after its SYNC failed, by failures in a row; the last repeats. */
const RETRY_MS = [250, 500, 1000, 2000, 4000];

/**
 * A refusal no later SYNC cures: the user is not part of the conversation, or the server rejects the
 * request itself. Any other failure (UNAVAILABLE after its own retries, NOT_LOGGED_IN, STORE_RESET,
 * no answer) passes: the gap is read again later.
 */
export function isFinalRefusal(error: unknown): boolean {
  return (
    error instanceof CimServerError &&
    (error.code === ErrorCode.NotAMember || error.code === ErrorCode.BadRequest)
  );
}

/** The pause before the next SYNC of a conversation whose last `failures` SYNCs failed (1 or more). */
export function retryPauseMs(failures: number): number {
  return RETRY_MS[Math.min(Math.max(failures, 1), RETRY_MS.length) - 1];
}
