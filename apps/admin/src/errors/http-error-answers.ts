import { ErrorAnswers, unavailable } from '@cim/http-api';
import { NodeIdUnavailableError, StoreUnavailableError } from '@cim/session-store';
import { AdminMetrics } from '../metrics/admin-metrics';
import { DependencyUnavailableError } from './dependency-unavailable.error';

/**
 * The admin's own errors in its HTTP answers: a store or registry that is down, or a lost node-id lease
 * (no message ids), answers 503 with the error's message. Every error answer is counted in cim_errors_total by its status.
 */
export function adminErrorAnswers(metrics: AdminMetrics): ErrorAnswers {
  return {
    classify: (exception) =>
      exception instanceof StoreUnavailableError ||
      exception instanceof DependencyUnavailableError ||
      exception instanceof NodeIdUnavailableError
        ? unavailable(exception.message)
        : undefined,
    countFailure: (status) => metrics.failed(status),
  };
}
