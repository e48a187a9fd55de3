import { SEND_SESSION_PATTERN } from '@cim/protocol';
import { HistoryPolicy, InboxPolicy, MessageAcceptance, Route } from './session-store';

/** Rejects what Redis would refuse or silently misread (LTRIM with a cap of 0 keeps everything). */
export function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

export function assertInboxPolicy(policy: InboxPolicy): void {
  assertPositiveInteger('inbox cap', policy.cap);
  assertPositiveInteger('inbox ttlMs', policy.ttlMs);
}

/** A route with exactly the interface's fields, so that both stores keep and answer the same shape. */
export function copyRoute({ userId, serverId, sessionId, since, incarnation }: Route): Route {
  return incarnation === undefined
    ? { userId, serverId, sessionId, since }
    : { userId, serverId, sessionId, since, incarnation };
}

export function assertHistoryPolicy(policy: HistoryPolicy): void {
  assertPositiveInteger('history maxMessages', policy.maxMessages);
  assertPositiveInteger('history ttlMs', policy.ttlMs);
}

/** A SEND's dedup: a positive window and, when numbered, a well-formed session and a positive seq. */
export function assertDedup({ windowMs, sendSeq }: NonNullable<MessageAcceptance['dedup']>): void {
  assertPositiveInteger('windowMs', windowMs);
  if (!sendSeq) return;
  assertPositiveInteger('send seq', sendSeq.seq);
  if (!SEND_SESSION_PATTERN.test(sendSeq.session))
    throw new RangeError(`send session must match ${String(SEND_SESSION_PATTERN)}, got "${sendSeq.session}"`);
}
