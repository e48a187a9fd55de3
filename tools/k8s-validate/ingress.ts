import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import type { IService } from 'kubernetes-models/v1';
import type { AppContainer } from './apps';
import { Inventory } from './environment';
import { DNS_ANNOTATION } from './external-access';
import { PLACEHOLDER_HOST } from './images';
import { describeObject, K8sObject } from './render';

type Ingress = K8sObject & IIngress;
type Service = K8sObject & IService & { metadata: { annotations?: Record<string, string> } };

/**
 * Each Ingress sends its paths to Services of the manifests on ports they expose, terminates TLS for
 * every host it serves, with a certificate Secret that exists (or that the operator creates).
 */
export function checkIngresses(objects: K8sObject[], inv: Inventory): string[] {
  const problems: string[] = [];
  const services = objects.filter((o) => o.kind === 'Service') as Service[];
  for (const ingress of objects.filter((o) => o.kind === 'Ingress') as Ingress[]) {
    const label = describeObject(ingress);
    const namespace = ingress.metadata.namespace ?? '';
    const tlsHosts = new Set((ingress.spec?.tls ?? []).flatMap((t) => t.hosts ?? []));
    for (const rule of ingress.spec?.rules ?? []) {
      if (rule.host && !tlsHosts.has(rule.host))
        problems.push(`${label}: host ${rule.host} is served without TLS`);
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend.service;
        if (!backend) continue;
        const service = services.find(
          (s) => s.metadata.name === backend.name && (s.metadata.namespace ?? '') === namespace,
        );
        const wanted = backend.port?.name ?? backend.port?.number;
        if (!service)
          problems.push(`${label}: path ${path.path} goes to Service ${backend.name}, which does not exist`);
        else if (!service.spec?.ports?.some((p) => p.name === wanted || p.port === wanted))
          problems.push(
            `${label}: path ${path.path} goes to port ${wanted} of Service ${backend.name}, which has none`,
          );
      }
    }
    for (const tls of ingress.spec?.tls ?? []) {
      const id = `${namespace}/${tls.secretName}`;
      if (!tls.secretName)
        problems.push(`${label}: TLS for ${tls.hosts?.join(', ')} names no certificate Secret`);
      else if (!inv.secrets.has(id) && !inv.operatorSecrets.has(id))
        problems.push(
          `${label}: TLS Secret ${tls.secretName} does not exist, and is not one the operator creates`,
        );
    }
  }
  return problems;
}

/**
 * Names on a placeholder domain (example.com, .test, ...) where clients would be sent: the Ingress's
 * hosts, the per-pod Services' DNS names, the host each im-server advertises. A production overlay
 * replaces them all; the repository's template may keep them.
 */
export function checkPlaceholderNames(objects: K8sObject[], found: AppContainer[]): string[] {
  const problems: string[] = [];
  const placeholder = (host?: string) => !!host && PLACEHOLDER_HOST.test(host);
  for (const ingress of objects.filter((o) => o.kind === 'Ingress') as Ingress[]) {
    const hosts = new Set([
      ...(ingress.spec?.rules ?? []).map((r) => r.host),
      ...(ingress.spec?.tls ?? []).flatMap((t) => t.hosts ?? []),
    ]);
    for (const host of hosts)
      if (placeholder(host))
        problems.push(`${describeObject(ingress)}: host ${host} is a placeholder: set yours`);
  }
  for (const service of objects.filter((o) => o.kind === 'Service') as Service[]) {
    const name = service.metadata.annotations?.[DNS_ANNOTATION];
    if (placeholder(name))
      problems.push(`${describeObject(service)}: DNS name ${name} is a placeholder: set yours`);
  }
  for (const c of found.filter((x) => x.app === 'im-server')) {
    const host = c.env.get('CIM_IM_ADVERTISED_HOST')?.value;
    if (placeholder(host))
      problems.push(
        `${describeObject(c.workload.object)}: container ${c.container.name} advertises ${host}, a placeholder: set your domain`,
      );
  }
  return problems;
}
