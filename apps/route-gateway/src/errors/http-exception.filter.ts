import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { StoreUnavailableError } from '@cim/session-store';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ErrorResponse } from './error-response.dto';
import { GatewayError } from './gateway-error';

const STATUS_TEXT: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Answers every failure of the HTTP API as `{ statusCode, error, message }`. Fastify's own errors
 * (malformed JSON, oversize body) reach it as HttpExceptions; a session store that is down answers
 * 503; anything else is a bug, logged and answered 500 without its details. Each is counted in
 * cim_errors_total by cause.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: GatewayMetrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toResponse(exception);
    this.metrics.failed(exception instanceof GatewayError ? exception.code : body.statusCode);
    const { httpAdapter } = this.adapterHost;
    httpAdapter.reply(host.switchToHttp().getResponse(), body, body.statusCode);
  }

  private toResponse(exception: unknown): ErrorResponse {
    if (exception instanceof HttpException) return fromHttpException(exception);
    if (exception instanceof GatewayError) return response(exception.httpStatus, exception.message);
    if (exception instanceof StoreUnavailableError) {
      this.logger.warn(exception.message);
      return response(HttpStatus.SERVICE_UNAVAILABLE, 'session store unavailable');
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return response(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }
}

function fromHttpException(exception: HttpException): ErrorResponse {
  const status = exception.getStatus();
  const raw = exception.getResponse();
  const message =
    typeof raw === 'object' && raw !== null && 'message' in raw
      ? (raw as { message: string | string[] }).message
      : exception.message;
  return response(status, message);
}

function response(statusCode: number, message: string | string[]): ErrorResponse {
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message };
}
