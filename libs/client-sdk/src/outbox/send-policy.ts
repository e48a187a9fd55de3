import { ErrorCode, SendAck } from '@cim/protocol';
import { CimServerError } from '../errors';
import { SendResult } from '../types';

/** Pauses before writing a SEND again that the server answered UNAVAILABLE (then it is refused). */
export const UNAVAILABLE_RETRY_MS = [250, 500, 1000, 2000, 2000];
/** New logins a SEND answered NOT_LOGGED_IN may ask for before it is refused. */
export const MAX_RELOGINS = 3;
/**
 * How long a written SEND waits for its answer, unless the client's options say (requestTimeoutMs):
 * above the im-server's worst answer (its call to a route-gateway gives up after 5 s and answers
 * UNAVAILABLE), so a SEND unanswered past it was lost on the way.
 */
export const SEND_TIMEOUT_MS = 10_000;
/**
 * Times a SEND left unanswered is written again before it is refused (SendTimeoutError). One repeat
 * cures an answer lost once; a second covers a repeat caught by the same passing fault. A SEND still
 * unanswered after that meets a fault that repeating does not cure (an im-server that answers PINGs but
 * no SENDs), and holding it longer keeps the SENDs behind it in the window waiting. Three deadlines (30 s
 * by default) stay far inside the server's dedup window (CIM_DEDUP_WINDOW_MS, 10 min by default), so
 * every repeat is answered as one.
 */
export const MAX_UNANSWERED_REPEATS = 2;

export function isUnavailable(error: Error): boolean {
  return error instanceof CimServerError && error.code === ErrorCode.Unavailable;
}

export function isNotLoggedIn(error: Error): boolean {
  return error instanceof CimServerError && error.code === ErrorCode.NotLoggedIn;
}

/** Decoded frames keep defaults on their prototype: copy every field explicitly. */
export function toSendResult(ack: SendAck): SendResult {
  return {
    clientMsgId: ack.clientMsgId,
    messageId: ack.messageId,
    sentAt: Number(ack.sentAt),
    duplicate: ack.duplicate === true,
    ...(Number(ack.seq) > 0 && { seq: Number(ack.seq) }),
  };
}
