import { ErrorCode } from '@cim/protocol';
import { asClientFailure, ClientFrameError, closing } from './client-frame.error';

describe('client frame errors', () => {
  it('keep their code and text, whether thrown as ClientFrameError or as its plain error object', () => {
    const error = new ClientFrameError(ErrorCode.InvalidToken, 'session ended');
    expect(asClientFailure(error)).toEqual({
      code: ErrorCode.InvalidToken,
      text: 'session ended',
      close: false,
    });
    expect(asClientFailure(error.getError())).toEqual(asClientFailure(error));
  });

  it('name their cause in their message, so a log line that prints it says what failed', () => {
    const error = new ClientFrameError(ErrorCode.Unavailable, 'route-gateway unavailable: timed out');
    expect(error.message).toBe('route-gateway unavailable: timed out');
    expect(String(error)).toBe('ClientFrameError: route-gateway unavailable: timed out');
  });

  it('close the connection when made closing', () => {
    expect(asClientFailure(closing(new ClientFrameError(ErrorCode.Unavailable, 'gateway down')))).toEqual({
      code: ErrorCode.Unavailable,
      text: 'gateway down',
      close: true,
    });
  });

  it('answer anything else as an internal error that closes', () => {
    expect(asClientFailure(new Error('boom'))).toEqual({
      code: ErrorCode.Internal,
      text: 'internal error',
      close: true,
    });
  });
});
