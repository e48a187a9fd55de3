import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { RpcFailure } from '@cim/protocol';
import { StoreUnavailableError } from '@cim/session-store';
import { GatewayError } from './gateway-error';

/**
 * Answers every failure of a TCP handler with an RpcFailure `{ code, message }` whose code names an
 * ErrorCode, so that the im-server can turn it into an ERROR frame.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown): Observable<never> {
    return throwError(() => this.toFailure(exception));
  }

  private toFailure(exception: unknown): RpcFailure {
    if (exception instanceof RpcException) return exception.getError() as RpcFailure;
    if (exception instanceof GatewayError) return { code: exception.code, message: exception.message };
    if (exception instanceof StoreUnavailableError) {
      this.logger.warn(exception.message);
      return { code: 'Unavailable', message: 'session store unavailable' };
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return { code: 'Internal', message: 'internal error' };
  }
}
