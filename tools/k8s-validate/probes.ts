import { CHECK_TIMEOUT_MS } from '@cim/observability';
import type { AppContainer } from './apps';
import { numberOf } from './apps';
import { probePort } from './containers';
import { describeObject } from './render';
import { parseQuantity } from './workloads';

const EXPECTED_PROBES = [
  ['readinessProbe', '/ready'],
  ['livenessProbe', '/health'],
] as const;

/**
 * A cim container's probes and scraping: GET /ready and /health on the internal port (never the public
 * API's), each probe waiting longer than the app's own check timeout, the scrape annotation on the same
 * port; and, for the apps that hold connections, as much memory requested as allowed.
 */
export function checkAppProbes(c: AppContainer): string[] {
  const problems: string[] = [];
  const at = `${describeObject(c.workload.object)}: container ${c.container.name} (${c.app})`;
  const health = numberOf(c, c.spec.healthPort);
  for (const [kind, path] of EXPECTED_PROBES) {
    const probe = c.container[kind];
    if (!probe?.httpGet) {
      problems.push(`${at}: no HTTP ${kind} (GET ${path})`);
      continue;
    }
    if (probe.httpGet.path !== path || probePort(c.container, probe) !== health) {
      problems.push(
        `${at}: ${kind} checks ${probe.httpGet.path} on port ${probe.httpGet.port}, not ${path} on ${c.spec.healthPort}=${health}`,
      );
    }
    const timeoutSeconds = probe.timeoutSeconds ?? 1;
    if (timeoutSeconds * 1000 <= CHECK_TIMEOUT_MS) {
      problems.push(
        `${at}: ${kind} timeoutSeconds ${timeoutSeconds} does not outlast the app's own ${CHECK_TIMEOUT_MS} ms check timeout`,
      );
    }
  }
  if (c.spec.publicPort && numberOf(c, c.spec.publicPort) === health) {
    problems.push(`${at}: ${c.spec.publicPort} is ${c.spec.healthPort}: probes and metrics would be public`);
  }
  const annotations = c.workload.template.metadata?.annotations ?? {};
  const scrapePort = annotations['prometheus.io/port'];
  if (scrapePort !== undefined && Number(scrapePort) !== health) {
    problems.push(
      `${at}: prometheus.io/port ${scrapePort} is not ${c.spec.healthPort}=${health}, where /metrics is`,
    );
  }
  if (c.spec.holdsConnections) {
    const request = c.container.resources?.requests?.memory;
    const limit = c.container.resources?.limits?.memory;
    if (request !== undefined && limit !== undefined && parseQuantity(request) !== parseQuantity(limit)) {
      problems.push(
        `${at}: memory request ${request} ≠ limit ${limit}: a pod holding connections must not be overcommitted`,
      );
    }
  }
  return problems;
}
