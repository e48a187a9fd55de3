import { applyDecorators, createParamDecorator, ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { TokenClaims } from '@cim/auth';
import { ApiError, STORE_DOWN } from '../errors/api-error.decorator';
import { AuthenticatedRequest, BearerAuthGuard } from './bearer-auth.guard';

/** The claims of the request's token; only on handlers behind @Authenticated(). */
export const AuthClaims = createParamDecorator((_data: unknown, context: ExecutionContext): TokenClaims => {
  const claims = context.switchToHttp().getRequest<AuthenticatedRequest>().claims;
  if (!claims) throw new Error('@AuthClaims() used on a handler without @Authenticated()');
  return claims;
});

/** Requires a bearer token of the user's current session, and documents it (checking it reads the store). */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(BearerAuthGuard),
    ApiBearerAuth(),
    ApiError(401, 'No bearer token, an invalid or expired one, or one of a session that has ended.'),
    ApiError(503, STORE_DOWN),
  );
}
