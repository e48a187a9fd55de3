import type { IContainer, IProbe } from 'kubernetes-models/v1';
import { describeObject } from './render';
import { containerPort, containersOf, parseQuantity, Workload } from './workloads';

/** Images whose own variables configure them (ZooKeeper's ZOO_*, Redis's arguments): not cim apps. */
export const THIRD_PARTY_IMAGES = new Set(['zookeeper', 'redis']);

/** `registry.example.com/library/redis:7` → `redis`. */
export function imageName(image = ''): string {
  const path = image.split('@')[0];
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last.split(':')[0];
}

function probes(container: IContainer): [string, IProbe][] {
  const all: [string, IProbe | undefined][] = [
    ['readinessProbe', container.readinessProbe],
    ['livenessProbe', container.livenessProbe],
    ['startupProbe', container.startupProbe],
  ];
  return all.filter((entry): entry is [string, IProbe] => !!entry[1]);
}

/** The port a probe checks, as a container port number, if it checks one. */
export function probePort(container: IContainer, probe: IProbe): number | undefined {
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  return port === undefined ? undefined : containerPort(container, port);
}

/**
 * What every container of the manifests must have, cim's or not: requests and limits for CPU and memory
 * (requests within limits), no root, no privilege escalation, no capabilities, and probes on ports it
 * declares.
 */
export function checkContainerBasics(workload: Workload): string[] {
  const problems: string[] = [];
  const podSecurity = workload.template.spec?.securityContext ?? {};
  for (const container of containersOf(workload)) {
    const at = `${describeObject(workload.object)}: container ${container.name}`;
    for (const resource of ['cpu', 'memory']) {
      const request = container.resources?.requests?.[resource];
      const limit = container.resources?.limits?.[resource];
      if (request === undefined) problems.push(`${at}: no ${resource} request`);
      if (limit === undefined) problems.push(`${at}: no ${resource} limit`);
      if (request !== undefined && limit !== undefined && parseQuantity(request) > parseQuantity(limit)) {
        problems.push(`${at}: ${resource} request ${request} exceeds its limit ${limit}`);
      }
    }
    const security = container.securityContext ?? {};
    if ((security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true)
      problems.push(`${at}: runAsNonRoot is not true`);
    if ((security.runAsUser ?? podSecurity.runAsUser) === 0)
      problems.push(`${at}: runs as root (runAsUser 0)`);
    if (security.allowPrivilegeEscalation !== false)
      problems.push(`${at}: allowPrivilegeEscalation is not false`);
    if (!security.capabilities?.drop?.includes('ALL')) problems.push(`${at}: capabilities do not drop ALL`);
    for (const [kind, probe] of probes(container)) {
      const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
      if (port !== undefined && probePort(container, probe) === undefined) {
        problems.push(`${at}: ${kind} checks port ${port}, which the container does not declare`);
      }
    }
  }
  return problems;
}
