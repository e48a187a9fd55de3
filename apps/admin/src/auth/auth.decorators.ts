import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiError } from '../errors/api-error.decorator';
import { OperatorKeyGuard, PushKeyGuard } from './api-key.guard';

/** The Swagger security schemes (http/swagger.ts declares them). */
export const OPERATOR_KEY_SCHEME = 'api-key';
export const PUSH_KEY_SCHEME = 'push-key';

/** Requires the operators' API key in x-api-key, and documents it. */
export function OperatorsOnly(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(OperatorKeyGuard),
    ApiSecurity(OPERATOR_KEY_SCHEME),
    ApiError(401, 'The x-api-key header is missing or wrong.'),
  );
}

/** Requires an app backend's push key in x-push-key, and documents it. */
export function BackendsOnly(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(PushKeyGuard),
    ApiSecurity(PUSH_KEY_SCHEME),
    ApiError(401, 'The x-push-key header is missing or wrong.'),
  );
}
