import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { finalize, Observable } from 'rxjs';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { ClientGoneError } from './admission.errors';
import { LoginGate } from './login-gate';

/** What the admission reads of a request: whether its client is still there to take the answer. */
interface HttpRequestLike {
  raw?: { socket?: { destroyed?: boolean } | null };
}

/**
 * Admits a login or resume to be worked on. Past CIM_MAX_LOGINS_UNDER_WAY the request is answered 503
 * with Retry-After at once, before its body is validated or the store is asked anything, so a crowd
 * costs the gateway one cheap answer each and the im-servers' calls (lease renewals among them) never
 * wait behind a backlog of logins. A request whose client has closed its connection (it gave up
 * waiting) is not worked on at all.
 */
@Injectable()
export class LoginAdmission implements NestInterceptor {
  constructor(
    private readonly gate: LoginGate,
    private readonly metrics: GatewayMetrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<HttpRequestLike>();
    if (request.raw?.socket?.destroyed) {
      this.metrics.abandoned();
      throw new ClientGoneError();
    }
    this.gate.enter();
    return next.handle().pipe(finalize(() => this.gate.leave()));
  }
}
