import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { RpcFailure } from '@cim/protocol';
import { NodeIdUnavailableError, StoreUnavailableError } from '@cim/session-store';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { GatewayError } from './gateway-error';

/**
 * Answers every failure of a TCP handler with an RpcFailure `{ code, message }` whose code names an
 * ErrorCode, so that the im-server can turn it into an ERROR frame; counted in cim_errors_total.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  constructor(private readonly metrics: GatewayMetrics) {}

  catch(exception: unknown): Observable<never> {
    const failure = toRpcFailure(exception, this.logger);
    this.metrics.failed(failure.code);
    return throwError(() => failure);
  }
}

/** The RpcFailure for anything a TCP handler threw; unexpected errors are logged and named 'Internal'. */
export function toRpcFailure(exception: unknown, logger: Logger): RpcFailure {
  if (exception instanceof RpcException) return exception.getError() as RpcFailure;
  if (exception instanceof GatewayError) return { code: exception.code, message: exception.message };
  if (exception instanceof StoreUnavailableError) {
    logger.warn(exception.message);
    return { code: 'Unavailable', message: 'session store unavailable' };
  }
  if (exception instanceof NodeIdUnavailableError) return { code: 'Unavailable', message: exception.message };
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { code: 'Internal', message: 'internal error' };
}
