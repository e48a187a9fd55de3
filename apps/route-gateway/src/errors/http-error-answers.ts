import { ErrorAnswers, unavailable } from '@cim/http-api';
import { NodeIdUnavailableError, StoreUnavailableError } from '@cim/session-store';
import { ClientGoneError, GatewayBusyError } from '../admission/admission.errors';
import { LoginBlockedError } from '../login-attempts/login-blocked.error';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { GatewayError } from './gateway-error';

/**
 * The gateway's own errors in its HTTP answers: a GatewayError answers its status, a login refused after
 * too many failures 429 with Retry-After, a login past the bound on logins under way 503 with Retry-After, a session store that is down or a lost node-id lease (no
 * message ids) 503. Each error answer is counted in cim_errors_total by cause: a GatewayError by its code,
 * anything else by its status.
 */
export function gatewayErrorAnswers(metrics: GatewayMetrics): ErrorAnswers {
  return {
    classify: (exception) => {
      if (exception instanceof GatewayError)
        return { status: exception.httpStatus, message: exception.message };
      if (exception instanceof LoginBlockedError)
        return {
          status: 429,
          message: exception.message,
          headers: { 'retry-after': String(exception.retryAfterSec) },
        };
      if (exception instanceof GatewayBusyError)
        return {
          status: 503,
          message: exception.message,
          headers: { 'retry-after': String(exception.retryAfterSec) },
        };
      // Nobody reads it: the status says so in the gateway's own logs.
      if (exception instanceof ClientGoneError) return { status: 499, message: exception.message };
      if (exception instanceof StoreUnavailableError) return unavailable('session store unavailable');
      if (exception instanceof NodeIdUnavailableError) return unavailable(exception.message);
      return undefined;
    },
    countFailure: (status, exception) =>
      metrics.failed(exception instanceof GatewayError ? exception.code : status),
  };
}
