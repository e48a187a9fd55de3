import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { withLogFields } from './log-context';

/**
 * Makes every line logged while an HTTP handler runs carry the request's id. Nest binds the handler to
 * the async context in which `next.handle()` is called, so calling it inside withLogFields is enough
 * (a middleware or onRequest hook would lose the context on requests with a body).
 */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ id?: string }>();
    return withLogFields({ requestId: request.id }, () => next.handle());
  }
}
