import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@cim/protocol';

/** The name of an ErrorCode, as RpcFailure carries it across the RPC boundary. */
export type ErrorCodeName = Exclude<keyof typeof ErrorCode, 'Unspecified'>;

/**
 * Why the gateway refused a request, independent of the transport that carried it: the HTTP filter
 * answers it with the status below, the RPC filter with `{ code, message }` for the im-server.
 */
export class GatewayError extends Error {
  constructor(
    readonly code: ErrorCodeName,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  get httpStatus(): HttpStatus {
    return HTTP_STATUS[this.code];
  }
}

const HTTP_STATUS: Record<ErrorCodeName, HttpStatus> = {
  MalformedFrame: HttpStatus.BAD_REQUEST,
  FrameTooLarge: HttpStatus.PAYLOAD_TOO_LARGE,
  NotLoggedIn: HttpStatus.UNAUTHORIZED,
  InvalidToken: HttpStatus.UNAUTHORIZED,
  AlreadyLoggedIn: HttpStatus.CONFLICT,
  UnknownReceiver: HttpStatus.NOT_FOUND,
  RateLimited: HttpStatus.TOO_MANY_REQUESTS,
  BodyTooLarge: HttpStatus.BAD_REQUEST,
  BadRequest: HttpStatus.BAD_REQUEST,
  Unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  Internal: HttpStatus.INTERNAL_SERVER_ERROR,
  UnsupportedProtocolVersion: HttpStatus.BAD_REQUEST,
  NotAMember: HttpStatus.FORBIDDEN,
  StoreReset: HttpStatus.UNAUTHORIZED,
  SendSeqOutsideWindow: HttpStatus.CONFLICT,
};
