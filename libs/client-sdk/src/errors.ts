import { ErrorCode, ErrorBody } from '@cim/protocol';
import { ClientState } from './types';

/** The base of every error the SDK throws. */
export class CimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The route-gateway answered with an error status; `status` is 0 when it could not be reached. */
export class CimHttpError extends CimError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 401 at login: wrong user name, user id or password. */
export class InvalidCredentialsError extends CimHttpError {}

/**
 * 401 at resume: the resume credential is malformed, forged, expired or revoked (the message says
 * which). The client then logs in with its password.
 */
export class ResumeRejectedError extends CimHttpError {}

/** 409 at login: the user is online already (login policy "refuse"). */
export class DuplicateLoginError extends CimHttpError {}

/** 409 at register. */
export class NameTakenError extends CimHttpError {}

/** 503 at login: no im-server is available (or the session store is down). */
export class NoServerError extends CimHttpError {}

/**
 * 503 with Retry-After at login or resume: the gateway is working on as many logins as it may. The
 * client tries again after retryAfterMs and a random part of as much again (start() too).
 */
export class GatewayBusyError extends NoServerError {
  constructor(
    status: number,
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(status, message);
  }
}

/** The route-gateway could not be reached at all, or did not answer in time. */
export class GatewayUnreachableError extends CimHttpError {
  constructor(message: string) {
    super(0, message);
  }
}

/** An ERROR frame from the im-server. */
export class CimServerError extends CimError {
  readonly code: ErrorCode;
  readonly text: string;
  /** The frame kind it answered ("login", "send", ...), if any. */
  readonly answers?: string;
  readonly clientMsgId?: string;
  /** A busy server's refusal says how long to wait before trying again, ms (the client does). */
  readonly retryAfterMs?: number;

  constructor(error: ErrorBody) {
    super(`${ErrorCode[error.code] ?? error.code}: ${error.text}`);
    this.code = error.code;
    this.text = error.text;
    this.answers = error.answers || undefined;
    this.clientMsgId = error.clientMsgId || undefined;
    this.retryAfterMs = Number(error.retryAfterMs) || undefined;
  }
}

/** The im-server refused LOGIN because it does not speak this SDK's protocol version: no retry can help. */
export function isUnsupportedProtocol(error: Error): boolean {
  return error instanceof CimServerError && error.code === ErrorCode.UnsupportedProtocolVersion;
}

/**
 * The client cannot do that in its state: sending before start(), after close() or after failing.
 * (While reconnecting, sends are queued instead.) Sends still awaiting their SEND_ACK when the client
 * closes or fails are rejected with it too.
 */
export class NotReadyError extends CimError {
  constructor(
    readonly state: ClientState,
    message = `the client is ${state}`,
  ) {
    super(message);
  }
}

/** The TCP connection closed before a request was answered. */
export class ConnectionLostError extends CimError {}

/** A request got no answer within its deadline; the connection stays (its heartbeat decides). */
export class RequestTimeoutError extends CimError {}

/**
 * A SEND written `writes` times on open connections got no answer within `timeoutMs` of any of them
 * (requestTimeoutMs): the answers were lost, or the im-server lost track of the call. It may have been
 * accepted all the same (an answer lost on its way back): sending it again with a new call can deliver
 * it twice.
 */
export class SendTimeoutError extends CimError {
  constructor(
    readonly clientMsgId: string,
    readonly writes: number,
    readonly timeoutMs: number,
  ) {
    super(
      `no answer to SEND ${clientMsgId}: written ${writes} times, each left unanswered for ${timeoutMs} ms`,
    );
  }
}

/**
 * Logging in again failed loginRetries times without the system answering (or with a refusal no wait
 * cures); `lastError` is why the last attempt failed.
 */
export class ReconnectFailedError extends CimError {
  constructor(
    readonly attempts: number,
    readonly lastError: Error,
  ) {
    super(`gave up after ${attempts} attempts to log in again: ${lastError.message}`);
  }
}
