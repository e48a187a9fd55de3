import { SEND_SESSION_PATTERN } from '@cim/protocol';
import { isDeviceId } from './devices/device';
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

/**
 * A route with exactly the interface's fields (the optional ones only when set), so that both stores
 * keep and answer the same shape.
 */
export function copyRoute({
  userId,
  deviceId,
  deviceKind,
  serverId,
  sessionId,
  since,
  incarnation,
}: Route): Route {
  return {
    userId,
    ...(deviceId === undefined ? {} : { deviceId }),
    ...(deviceKind === undefined ? {} : { deviceKind }),
    serverId,
    sessionId,
    since,
    ...(incarnation === undefined ? {} : { incarnation }),
  };
}

/** Routes are kept per device: a device id is checked before a key or field is made from it. */
export function assertRouteDevice(route: Route): void {
  if (route.deviceId !== undefined && !isDeviceId(route.deviceId))
    throw new RangeError(`"${String(route.deviceId).slice(0, 64)}" is not a device id`);
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
