import type { IService } from 'kubernetes-models/v1';
import type { AppContainer } from './apps';
import { numberOf } from './apps';
import { describeObject, K8sObject } from './render';
import { containerPort, containersOf, POD_NAME_LABEL, podNames, Workload } from './workloads';

type Service = K8sObject & IService & { metadata: { annotations?: Record<string, string> } };

/** external-dns's annotation: the DNS name it points at the Service's load balancer. */
export const DNS_ANNOTATION = 'external-dns.alpha.kubernetes.io/hostname';

/** The port an im-server tells clients: CIM_IM_ADVERTISED_PORT, or the one it listens on when that is 0. */
function advertisedPort(c: AppContainer): number {
  return numberOf(c, 'CIM_IM_ADVERTISED_PORT') || numberOf(c, 'CIM_IM_CLIENT_PORT');
}

/** The host a given pod of the im-server advertises: $(CIM_SERVER_ID) expanded with its pod name. */
function advertisedHost(c: AppContainer, podName: string): string | undefined {
  const entry = c.container.env?.find((e) => e.name === 'CIM_IM_ADVERTISED_HOST');
  const serverId = c.container.env?.find((e) => e.name === 'CIM_SERVER_ID');
  if (entry?.value === undefined || serverId?.valueFrom?.fieldRef?.fieldPath !== 'metadata.name')
    return entry?.value;
  return entry.value.replace(/\$\(CIM_SERVER_ID\)/g, podName);
}

/**
 * Where the im-servers reach clients through a Service per pod (one selecting
 * statefulset.kubernetes.io/pod-name, as Bitnami's Redis Cluster chart does for external access):
 * every pod has exactly one, of type LoadBalancer or NodePort, whose client port is the port the pod
 * advertises, and whose external-dns name, if any, is the host it advertises. `required`: the overlay
 * reaches clients that way, so an im-server with no such Service at all is a problem too.
 */
export function checkPerPodServices(
  objects: K8sObject[],
  found: AppContainer[],
  required: boolean,
): string[] {
  const problems: string[] = [];
  const services = objects.filter((o) => o.kind === 'Service') as Service[];
  for (const c of found.filter((x) => x.app === 'im-server' && x.workload.object.kind === 'StatefulSet')) {
    const at = describeObject(c.workload.object);
    const wsPort = numberOf(c, 'CIM_IM_WS_PORT');
    // A per-pod Service with only the WebSocket port is the Ingress's way to that pod (websocket.ts).
    const websocketOnly = (s: Service) =>
      !!s.spec?.ports?.length &&
      s.spec.ports.every((p) => containerPort(c.container, p.targetPort ?? p.port) === wsPort);
    const perPod = services.filter(
      (s) =>
        s.metadata.namespace === c.workload.namespace &&
        s.spec?.selector?.[POD_NAME_LABEL]?.startsWith(`${c.workload.object.metadata.name}-`) &&
        !websocketOnly(s),
    );
    if (!perPod.length && !required) continue;
    const clientPort = numberOf(c, 'CIM_IM_CLIENT_PORT');
    const port = advertisedPort(c);
    for (const pod of podNames(c.workload)) {
      const own = perPod.filter((s) => s.spec?.selector?.[POD_NAME_LABEL] === pod);
      if (own.length !== 1) {
        problems.push(
          `${at}: pod ${pod} has ${own.length} Services of its own, not 1: clients could not reach it`,
        );
        continue;
      }
      const [service] = own;
      const label = describeObject(service);
      const type = service.spec?.type ?? 'ClusterIP';
      if (type !== 'LoadBalancer' && type !== 'NodePort')
        problems.push(`${label}: type ${type} is not reachable from outside the cluster`);
      const client = service.spec?.ports?.find(
        (p) => containerPort(c.container, p.targetPort ?? p.port) === clientPort,
      );
      const dialled = type === 'NodePort' ? client?.nodePort : client?.port;
      if (!client) problems.push(`${label}: no port reaches the client port ${clientPort}`);
      else if (dialled !== port) {
        problems.push(
          `${label}: clients dial ${type === 'NodePort' ? 'nodePort' : 'port'} ${dialled ?? '(unset)'}, but ${pod} advertises port ${port} (CIM_IM_ADVERTISED_PORT)`,
        );
      }
      const dnsName = service.metadata.annotations?.[DNS_ANNOTATION];
      const host = advertisedHost(c, pod);
      if (dnsName !== undefined && dnsName !== host)
        problems.push(`${label}: its DNS name ${dnsName} is not ${host}, the host ${pod} advertises`);
    }
    for (const service of perPod) {
      if (!podNames(c.workload).includes(service.spec!.selector![POD_NAME_LABEL]))
        problems.push(
          `${describeObject(service)}: selects ${service.spec!.selector![POD_NAME_LABEL]}, no pod of ${at}`,
        );
    }
  }
  return problems;
}

/** A production overlay that reaches clients through per-pod Services publishes no port on its nodes. */
export function checkNoHostPorts(all: Workload[]): string[] {
  return all.flatMap((workload) =>
    containersOf(workload).flatMap((container) =>
      (container.ports ?? [])
        .filter((p) => p.hostPort !== undefined)
        .map(
          (p) =>
            `${describeObject(workload.object)}: container ${container.name} publishes hostPort ${p.hostPort}: this overlay reaches clients through Services (hostPort belongs to the hostport overlay)`,
        ),
    ),
  );
}
