import { ErrorAnswers, unavailable } from '@cim/http-api';
import { StoreUnavailableError } from '@cim/session-store';
import { AdminMetrics } from '../metrics/admin-metrics';
import { DependencyUnavailableError } from './dependency-unavailable.error';

/**
 * The admin's own errors in its HTTP answers: a store or registry that is down answers 503 with the
 * error's message. Every error answer is counted in cim_errors_total by its status.
 */
export function adminErrorAnswers(metrics: AdminMetrics): ErrorAnswers {
  return {
    classify: (exception) =>
      exception instanceof StoreUnavailableError || exception instanceof DependencyUnavailableError
        ? unavailable(exception.message)
        : undefined,
    countFailure: (status) => metrics.failed(status),
  };
}
