import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { exposeRequestIds, RequestContextInterceptor } from '@cim/observability';
import { ApiDocs, serveApiDocs } from './docs/api-docs';
import { ErrorAnswers } from './errors/error-answers';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { acceptEmptyJsonBodies } from './http/empty-json-body';
import { RequestValidationOptions, RequestValidationPipe } from './validation/request-validation.pipe';

export interface HttpApiOptions extends RequestValidationOptions {
  docs: ApiDocs;
  errors: ErrorAnswers;
  /**
   * Carry the request id into every line logged while a handler runs (AsyncLocalStorage). Default on.
   * Off, only the access line and error lines carry it: a process that handles many messages per
   * request saves the promise hooks that AsyncLocalStorage puts on every promise.
   */
  requestContext?: boolean;
}

/**
 * What every cim HTTP API has: /api for the API (health, readiness and metrics stay at the root),
 * validation, `{ statusCode, error, message }` error answers, request ids, Swagger.
 */
export function configureHttpApi(app: INestApplication, options: HttpApiOptions): void {
  app.setGlobalPrefix('api', { exclude: ['health', 'ready', 'metrics'] });
  acceptEmptyJsonBodies(app);
  exposeRequestIds(app);
  app.useGlobalPipes(new RequestValidationPipe({ missingBodyIsEmpty: options.missingBodyIsEmpty }));
  if (options.requestContext !== false) app.useGlobalInterceptors(new RequestContextInterceptor());
  app.useGlobalFilters(new HttpExceptionFilter(app.get(HttpAdapterHost), options.errors));
  serveApiDocs(app, options.docs);
}
