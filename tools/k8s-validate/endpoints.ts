import type { IService } from 'kubernetes-models/v1';
import type { AppContainer } from './apps';
import { defaultOf } from './env-catalog';
import { K8sObject } from './render';

interface Endpoint {
  variable: string;
  host: string;
  port: number;
}

function value(c: AppContainer, name: string): string {
  return c.env.get(name)?.value ?? String(defaultOf(c.spec.env, name) ?? '');
}

/** The addresses a cim app dials, from its variables. */
function endpointsOf(c: AppContainer): Endpoint[] {
  const endpoints: Endpoint[] = [];
  const clusterNodes = c.env.get('CIM_REDIS_CLUSTER_NODES')?.value;
  if (value(c, 'CIM_STORE') === 'redis' && clusterNodes) {
    for (const node of clusterNodes.split(',')) {
      const address = node
        .trim()
        .replace(/^rediss?:\/\/([^@]*@)?/, '')
        .replace(/\/.*$/, '');
      const match = /^([A-Za-z0-9.-]+):(\d+)$/.exec(address);
      // Anything else (the stand-in for the operator's Secret) is checked by the app at its start.
      if (match)
        endpoints.push({ variable: 'CIM_REDIS_CLUSTER_NODES', host: match[1], port: Number(match[2]) });
    }
  } else if (value(c, 'CIM_STORE') === 'redis') {
    try {
      const url = new URL(value(c, 'CIM_REDIS_URL'));
      endpoints.push({ variable: 'CIM_REDIS_URL', host: url.hostname, port: Number(url.port || 6379) });
    } catch {
      // An unparsable URL is reported by the app's own validation, or at its start.
    }
  }
  if (value(c, 'CIM_REGISTRY') === 'zookeeper') {
    for (const server of value(c, 'CIM_ZK_CONNECT').split('/')[0].split(',')) {
      const [host, port = '2181'] = server.trim().split(':');
      endpoints.push({ variable: 'CIM_ZK_CONNECT', host, port: Number(port) });
    }
  }
  return endpoints;
}

/**
 * A host in cluster DNS form (`svc`, `svc.ns`, `svc.ns.svc[.cluster.local]`, or a StatefulSet pod's
 * `pod.svc[.ns…]`) → its Service; 'external' for any other name or an IP address.
 */
function serviceOf(
  host: string,
  namespace: string,
  services: (K8sObject & IService)[],
): IService | 'external' | undefined {
  if (/^[0-9.]+$/.test(host) || host.includes(':')) return 'external';
  const inCluster = /\.svc(\.cluster\.local)?$/.test(host);
  const parts = host.replace(/\.svc(\.cluster\.local)?$/, '').split('.');
  const find = (name: string, ns = namespace) =>
    services.find((s) => s.metadata.name === name && (s.metadata.namespace ?? '') === ns);
  const found =
    (parts.length <= 2 && find(parts[0], parts[1])) || (parts.length >= 2 && find(parts[1], parts[2]));
  if (found) return found;
  return parts.length === 1 || inCluster ? undefined : 'external';
}

/** Every in-cluster address an app dials is a Service of the manifests, on a port that Service exposes. */
export function endpointProblems(c: AppContainer, services: (K8sObject & IService)[]): string[] {
  const problems: string[] = [];
  for (const { variable, host, port } of endpointsOf(c)) {
    const service = serviceOf(host, c.workload.namespace, services);
    if (service === 'external') continue;
    if (!service) problems.push(`${variable} names ${host}, which is no Service of the manifests`);
    else if (!service.spec?.ports?.some((p) => p.port === port)) {
      problems.push(`${variable} dials ${host}:${port}, but Service ${host} exposes no port ${port}`);
    }
  }
  return problems;
}
