/**
 * Numbered SENDs: a client names its stream of SENDs at LOGIN (`sendSession`) and numbers each SEND in
 * it (`sendSeq`, from 1, the same number when re-sent). The server keeps, per stream, the numbers it
 * accepted with their message ids — the SEND_SEQ_WINDOW highest of them at least — so its dedup state is
 * bounded per stream, whatever the number of messages.
 *
 * The client's side of the contract: a SEND of number n is written only while every SEND below
 * n - SEND_SEQ_WINDOW + 1 has been answered. Then a re-sent SEND that was accepted is always among the
 * numbers kept, and one that was not is never below them.
 */
export const SEND_SEQ_WINDOW = 32;

/** What a sendSession may look like: it becomes part of a store key. */
export const SEND_SESSION_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Why a LOGIN's sendSession is refused, or undefined when it is absent or well formed. */
export function sendSessionProblem(sendSession: string | undefined): string | undefined {
  if (!sendSession || SEND_SESSION_PATTERN.test(sendSession)) return undefined;
  return 'send_session must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -';
}

/** Why a SEND's sendSeq is refused, or undefined when it is usable (0 or absent: not numbered). */
export function sendSeqProblem(sendSeq: number, sendSession: string | undefined): string | undefined {
  if (!Number.isSafeInteger(sendSeq) || sendSeq < 0)
    return `send_seq must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`;
  if (sendSeq > 0 && !sendSession) return 'send_seq needs a send_session named at LOGIN';
  return undefined;
}
