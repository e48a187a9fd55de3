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
    const body = this.toResponse(exception, http.getRequest<{ id?: string }>().id);
    this.answers.countFailure(body.statusCode, exception);
    this.adapterHost.httpAdapter.reply(http.getResponse(), body, body.statusCode);
  }

  private toResponse(exception: unknown, requestId?: string): ErrorResponseBody {
    if (exception instanceof HttpException) return fromHttpException(exception);
    const known = this.answers.classify?.(exception);
    if (known) {
      if (known.warn) this.logger.warn({ msg: messageOf(exception), requestId });
      return errorResponse(known.status, known.message);
    }
    this.logger.error({ msg: 'unexpected failure', requestId, err: exception });
    return errorResponse(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
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
