import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { AdminEnv } from '../config/admin.env';
import { keysMatch } from './keys-match';

/** The header carrying the operators' key, and the one carrying an app backend's push key. */
export const OPERATOR_KEY_HEADER = 'x-api-key';
export const PUSH_KEY_HEADER = 'x-push-key';

interface KeyedRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** Lets a request through when its header carries the expected key; 401 otherwise, with no hint which. */
abstract class HeaderKeyGuard implements CanActivate {
  protected constructor(
    private readonly header: string,
    private readonly expected: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const presented = context.switchToHttp().getRequest<KeyedRequest>().headers[this.header];
    if (!keysMatch(presented, this.expected))
      throw new UnauthorizedException(`missing or wrong ${this.header}`);
    return true;
  }
}

/** The operators' endpoints: `x-api-key: <CIM_ADMIN_API_KEY>`. */
@Injectable()
export class OperatorKeyGuard extends HeaderKeyGuard {
  constructor(env: AdminEnv) {
    super(OPERATOR_KEY_HEADER, env.CIM_ADMIN_API_KEY);
  }
}

/** The push API for app backends: `x-push-key: <CIM_PUSH_API_KEY>`. */
@Injectable()
export class PushKeyGuard extends HeaderKeyGuard {
  constructor(env: AdminEnv) {
    super(PUSH_KEY_HEADER, env.CIM_PUSH_API_KEY);
  }
}
