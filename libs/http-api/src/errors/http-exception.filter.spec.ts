import { ArgumentsHost, ConflictException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ErrorAnswers, unavailable } from './error-answers';
import { HttpExceptionFilter } from './http-exception.filter';

class DownError extends Error {}
class TeapotError extends Error {}
class BusyError extends Error {}

function answer(exception: unknown, answers: ErrorAnswers) {
  const reply = jest.fn();
  const headers: Record<string, string> = {};
  const setHeader = (_response: unknown, name: string, value: string) => (headers[name] = value);
  const adapterHost = { httpAdapter: { reply, setHeader } } as unknown as HttpAdapterHost;
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ id: 'req-1' }), getResponse: () => 'response' }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter(adapterHost, answers).catch(exception, host);
  const [, body, status] = reply.mock.calls[0] as [unknown, unknown, number];
  return { body, status, headers };
}

describe('HttpExceptionFilter', () => {
  const counted: [number, unknown][] = [];
  const answers: ErrorAnswers = {
    classify: (e) =>
      e instanceof DownError
        ? unavailable('store unavailable')
        : e instanceof TeapotError
          ? { status: 418, message: e.message }
          : e instanceof BusyError
            ? { status: 429, message: 'slow down', headers: { 'retry-after': '7' } }
            : undefined,
    countFailure: (status, exception) => counted.push([status, exception]),
  };

  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(() => (counted.length = 0));

  it("answers an HttpException with its status and its response's message", () => {
    const exception = new ConflictException('user alice is already online');
    expect(answer(exception, answers)).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'user alice is already online' },
      headers: {},
    });
    expect(counted).toEqual([[409, exception]]);
  });

  it("answers the app's own errors as its classifier says, a status without a name as 'Error'", () => {
    expect(answer(new DownError('redis: ECONNREFUSED'), answers).body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'store unavailable',
    });
    expect(answer(new TeapotError('short and stout'), answers).body).toEqual({
      statusCode: 418,
      error: 'Error',
      message: 'short and stout',
    });
    expect(counted.map(([status]) => status)).toEqual([503, 418]);
  });

  it('sends the headers its classifier gives, such as Retry-After', () => {
    expect(answer(new BusyError(), answers)).toEqual({
      status: 429,
      body: { statusCode: 429, error: 'Too Many Requests', message: 'slow down' },
      headers: { 'retry-after': '7' },
    });
  });

  it('answers anything else 500 without its details, with or without a classifier', () => {
    const internal = { statusCode: 500, error: 'Internal Server Error', message: 'internal error' };
    expect(answer(new Error('secret detail'), answers).body).toEqual(internal);
    expect(answer('a string', { countFailure: () => undefined }).body).toEqual(internal);
  });
});
