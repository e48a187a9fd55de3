import { ErrorCode } from './frames';

/** A frame that cannot be accepted; `code` is what the ERROR frame carries back. */
export abstract class ProtocolError extends Error {
  abstract readonly code: ErrorCode;
}

export class FrameTooLargeError extends ProtocolError {
  readonly code = ErrorCode.FrameTooLarge;

  constructor(
    readonly declaredLength: number,
    readonly maxLength: number,
  ) {
    super(`frame declares ${declaredLength} bytes, more than the maximum of ${maxLength}`);
    this.name = 'FrameTooLargeError';
  }
}

export class MalformedFrameError extends ProtocolError {
  readonly code = ErrorCode.MalformedFrame;

  constructor(cause: string) {
    super(`malformed frame: ${cause}`);
    this.name = 'MalformedFrameError';
  }
}
