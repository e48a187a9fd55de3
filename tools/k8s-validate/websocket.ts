import type { IIngress, IHTTPIngressPath } from 'kubernetes-models/networking.k8s.io/v1';
import type { IService } from 'kubernetes-models/v1';
import type { AppContainer } from './apps';
import { numberOf } from './apps';
import { describeObject, K8sObject } from './render';
import { containerPort, POD_NAME_LABEL, podNames } from './workloads';

type Ingress = K8sObject & IIngress;
type Service = K8sObject & IService;

/** The WebSocket URL a given pod advertises: CIM_IM_WS_ADVERTISED_URL with $(CIM_SERVER_ID) expanded. */
function advertisedUrl(c: AppContainer, podName: string): string | undefined {
  const value =
    c.container.env?.find((e) => e.name === 'CIM_IM_WS_ADVERTISED_URL')?.value ??
    c.env.get('CIM_IM_WS_ADVERTISED_URL')?.value;
  const serverId = c.container.env?.find((e) => e.name === 'CIM_SERVER_ID');
  if (!value || serverId?.valueFrom?.fieldRef?.fieldPath !== 'metadata.name') return value || undefined;
  return value.replace(/\$\(CIM_SERVER_ID\)/g, podName);
}

/** The Ingress path that takes a request for host + path: an Exact one, else the longest Prefix. */
function route(ingresses: Ingress[], host: string, path: string) {
  const candidates = ingresses.flatMap((ingress) =>
    (ingress.spec?.rules ?? [])
      .filter((rule) => rule.host === host)
      .flatMap((rule) => (rule.http?.paths ?? []).map((p) => ({ ingress, path: p }))),
  );
  const exact = candidates.find((c) => c.path.pathType === 'Exact' && c.path.path === path);
  if (exact) return exact;
  const prefixes = candidates.filter((c) => c.path.pathType !== 'Exact' && covers(c.path, path));
  return prefixes.sort((a, b) => (b.path.path ?? '').length - (a.path.path ?? '').length)[0];
}

function covers(rule: IHTTPIngressPath, path: string): boolean {
  const prefix = (rule.path ?? '/').replace(/\/+$/, '');
  return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}

/**
 * Every im-server tells browsers a WebSocket URL they can reach (checkNodeUrl when it sets none).
 * Browsers reach each im-server's WebSocket port through an Ingress: every pod that advertises a
 * wss:// URL (CIM_IM_WS_ADVERTISED_URL) on a host an Ingress serves has that URL's path routed to a
 * Service selecting that one pod, on a port that is its WebSocket port (CIM_IM_WS_PORT); and the pages
 * of the web app (the hosts whose Ingress sends / to the route-gateway) are origins the im-servers allow
 * (CIM_IM_WS_ORIGINS). Otherwise a browser is sent to a URL that reaches another pod, or none, or is
 * refused for its origin.
 */
export function checkWebSocketRoutes(objects: K8sObject[], found: AppContainer[]): string[] {
  const problems: string[] = [];
  const ingresses = objects.filter((o) => o.kind === 'Ingress') as Ingress[];
  const services = objects.filter((o) => o.kind === 'Service') as Service[];
  const served = new Set(ingresses.flatMap((i) => (i.spec?.rules ?? []).map((r) => r.host)));
  for (const c of found.filter((x) => x.app === 'im-server' && x.workload.object.kind === 'StatefulSet')) {
    const wsPort = numberOf(c, 'CIM_IM_WS_PORT');
    let routed = false;
    if (!advertisedUrl(c, podNames(c.workload)[0] ?? '')) problems.push(...checkNodeUrl(c));
    for (const pod of podNames(c.workload)) {
      const advertised = advertisedUrl(c, pod);
      if (!advertised) continue;
      const url = new URL(advertised);
      if (!served.has(url.hostname)) continue;
      routed = true;
      const at = `pod ${pod} advertises ${advertised}`;
      if (url.protocol !== 'wss:')
        problems.push(`${at}: behind a TLS Ingress the URL must be wss://, or https pages cannot open it`);
      const match = route(ingresses, url.hostname, url.pathname);
      const backend = match?.path.backend.service;
      if (!match || !backend) {
        problems.push(`${at}, but no Ingress path routes ${url.pathname} on ${url.hostname}`);
        continue;
      }
      const where = `${describeObject(match.ingress)} path ${match.path.path}`;
      const service = services.find(
        (s) => s.metadata.name === backend.name && s.metadata.namespace === match.ingress.metadata.namespace,
      );
      if (!service) continue; // checkIngresses reports a missing Service
      const selected = service.spec?.selector?.[POD_NAME_LABEL];
      if (selected !== pod) {
        problems.push(
          `${at}, but ${where} goes to Service ${backend.name}, which selects ${selected ? `pod ${selected}` : 'no single pod'}: the browser would not reach ${pod}`,
        );
        continue;
      }
      const wanted = backend.port?.name ?? backend.port?.number;
      const port = service.spec?.ports?.find((p) => p.name === wanted || p.port === wanted);
      const target = port && containerPort(c.container, port.targetPort ?? port.port);
      if (target !== wsPort)
        problems.push(
          `${at}, but ${where} reaches port ${target ?? '(none)'} of ${pod}, not its WebSocket port ${wsPort} (CIM_IM_WS_PORT)`,
        );
    }
    if (routed) problems.push(...checkOrigins(c, ingresses, services));
  }
  return problems;
}

/**
 * With no CIM_IM_WS_ADVERTISED_URL, browsers are told ws://<advertised host>:<CIM_IM_WS_PORT>/: that
 * reaches the pod from outside only as its node's address with the port published there (hostPort, as
 * the client port in the dev overlay), and a page may open it only if CIM_IM_WS_ORIGINS lets some in.
 */
function checkNodeUrl(c: AppContainer): string[] {
  const at = describeObject(c.workload.object);
  const wsPort = numberOf(c, 'CIM_IM_WS_PORT');
  const host = c.env.get('CIM_IM_ADVERTISED_HOST')?.source;
  if (host !== 'fieldRef status.hostIP')
    return [
      `${at}: advertises no WebSocket URL (CIM_IM_WS_ADVERTISED_URL), so browsers are told ws://<CIM_IM_ADVERTISED_HOST from ${host ?? 'nowhere'}>:${wsPort}/, which they cannot reach: route a wss:// URL through an Ingress, or advertise the node's address and publish hostPort ${wsPort}`,
    ];
  const problems: string[] = [];
  if (!(c.container.ports ?? []).some((p) => p.containerPort === wsPort && p.hostPort === wsPort))
    problems.push(
      `${at}: browsers are told ws://<node address>:${wsPort}/ (CIM_IM_WS_PORT), but no hostPort ${wsPort} publishes it`,
    );
  if (!c.env.get('CIM_IM_WS_ORIGINS')?.value)
    problems.push(
      `${at}: browsers are told ws://<node address>:${wsPort}/, but CIM_IM_WS_ORIGINS is empty: no page may open it`,
    );
  return problems;
}

/** Each host whose Ingress sends / to the route-gateway serves the web app: its origin must be allowed. */
function checkOrigins(c: AppContainer, ingresses: Ingress[], services: Service[]): string[] {
  const allowed = (c.env.get('CIM_IM_WS_ORIGINS')?.value ?? '').split(',').filter(Boolean);
  if (allowed.includes('*')) return [];
  const gateway = (name?: string) =>
    services.some(
      (s) => s.metadata.name === name && s.spec?.selector?.['app.kubernetes.io/name'] === 'route-gateway',
    );
  const webHosts = ingresses.flatMap((i) =>
    (i.spec?.rules ?? [])
      .filter((r) => r.http?.paths.some((p) => p.path === '/' && gateway(p.backend.service?.name)))
      .map((r) => r.host),
  );
  return [...new Set(webHosts)]
    .filter((host) => host && !allowed.includes(`https://${host}`))
    .map(
      (host) =>
        `${describeObject(c.workload.object)}: the web app at https://${host} may not open WebSockets: CIM_IM_WS_ORIGINS (${allowed.join(',') || 'empty'}) does not list its origin`,
    );
}
