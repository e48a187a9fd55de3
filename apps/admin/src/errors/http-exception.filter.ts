import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { StoreUnavailableError } from '@cim/session-store';
import { AdminMetrics } from '../metrics/admin-metrics';
import { DependencyUnavailableError } from './dependency-unavailable.error';
import { ErrorResponse } from './error-response.dto';

const STATUS_TEXT: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Answers every failure as `{ statusCode, error, message }` and counts it in cim_errors_total: a
 * store or registry that is down answers 503; anything unexpected is logged and answered 500.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: AdminMetrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const body = this.toResponse(exception, host.switchToHttp().getRequest<{ id?: string }>().id);
    this.metrics.failed(body.statusCode);
    this.adapterHost.httpAdapter.reply(host.switchToHttp().getResponse(), body, body.statusCode);
  }

  private toResponse(exception: unknown, requestId?: string): ErrorResponse {
    if (exception instanceof HttpException) {
      const raw = exception.getResponse();
      const message =
        typeof raw === 'object' && raw !== null && 'message' in raw
          ? (raw as { message: string | string[] }).message
          : exception.message;
      return response(exception.getStatus(), message);
    }
    if (exception instanceof StoreUnavailableError || exception instanceof DependencyUnavailableError) {
      this.logger.warn({ msg: exception.message, requestId });
      return response(HttpStatus.SERVICE_UNAVAILABLE, exception.message);
    }
    this.logger.error({ msg: 'unexpected failure', requestId, err: exception });
    return response(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }
}

function response(statusCode: number, message: string | string[]): ErrorResponse {
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message };
}
