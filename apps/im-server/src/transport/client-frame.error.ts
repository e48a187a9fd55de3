import { RpcException } from '@nestjs/microservices';
import { ErrorCode } from '@cim/protocol';

export interface ClientFailure {
  code: ErrorCode;
  text: string;
  /** Close the connection after the ERROR frame. */
  close: boolean;
  /** A refusal a later attempt can cure (busy): how long the client should wait first, ms. */
  retryAfterMs?: number;
}

/**
 * Thrown by a client-frame handler: answered with an ERROR frame carrying the code and text. Its message
 * is the text (RpcException would make it "Client Frame Error"), so a log line that prints it names the cause.
 */
export class ClientFrameError extends RpcException {
  override readonly name = 'ClientFrameError';

  constructor(code: ErrorCode, text: string, close = false, retryAfterMs?: number) {
    super({ code, text, close, ...(retryAfterMs ? { retryAfterMs } : {}) } satisfies ClientFailure);
    this.message = text;
  }
}

export function asClientFailure(error: unknown): ClientFailure {
  const failure = (error instanceof RpcException ? error.getError() : error) as
    Partial<ClientFailure> | undefined;
  if (failure && typeof failure.code === 'number' && typeof failure.text === 'string') {
    const { code, text, close = false, retryAfterMs } = failure;
    return { code, text, close, ...(retryAfterMs ? { retryAfterMs } : {}) };
  }
  return { code: ErrorCode.Internal, text: 'internal error', close: true };
}

/** The same failure, closing the connection: used where the frame was a LOGIN. */
export function closing(error: unknown): ClientFrameError {
  const failure = asClientFailure(error);
  return new ClientFrameError(failure.code, failure.text, true, failure.retryAfterMs);
}
