import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ErrorAnswers } from './error-answers';
import { ErrorResponseBody, errorResponse } from './error-response';

/**
 * Answers every failure of an HTTP API as `{ statusCode, error, message }` and counts it. Fastify's own
 * errors (malformed JSON, oversize body) reach it as HttpExceptions; the app's own errors are answered
 * as its classifier says; anything else is a bug, logged and answered 500 without its details.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly answers: ErrorAnswers,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const { body, headers } = this.toAnswer(exception, http.getRequest<{ id?: string }>().id);
    this.answers.countFailure(body.statusCode, exception);
    const { httpAdapter } = this.adapterHost;
    const response: unknown = http.getResponse();
    for (const [name, value] of Object.entries(headers ?? {})) httpAdapter.setHeader(response, name, value);
    httpAdapter.reply(response, body, body.statusCode);
  }

  private toAnswer(
    exception: unknown,
    requestId?: string,
  ): { body: ErrorResponseBody; headers?: Record<string, string> } {
    if (exception instanceof HttpException) return { body: fromHttpException(exception) };
    const known = this.answers.classify?.(exception);
    if (known) {
      if (known.warn) this.logger.warn({ msg: messageOf(exception), requestId });
      return { body: errorResponse(known.status, known.message), headers: known.headers };
    }
    this.logger.error({ msg: 'unexpected failure', requestId, err: exception });
    return { body: errorResponse(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error') };
  }
}

function fromHttpException(exception: HttpException): ErrorResponseBody {
  const raw = exception.getResponse();
  const message =
    typeof raw === 'object' && raw !== null && 'message' in raw
      ? (raw as { message: string | string[] }).message
      : exception.message;
  return errorResponse(exception.getStatus(), message);
}

function messageOf(exception: unknown): string {
  return exception instanceof Error ? exception.message : String(exception);
}
