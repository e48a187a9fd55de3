import type { IService } from 'kubernetes-models/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { describeObject, K8sObject } from './render';
import {
  containerPort,
  containersOf,
  LabelSelector,
  mapMatches,
  podLabels,
  selectorMatches,
  Workload,
} from './workloads';

/** Each workload's selector picks its own pod template (the API server refuses it otherwise). */
export function checkWorkloadSelectors(all: Workload[]): string[] {
  return all
    .filter((w) => !w.selector || !selectorMatches(w.selector, podLabels(w)))
    .map((w) => `${describeObject(w.object)}: spec.selector does not match its pod template's labels`);
}

/**
 * Every Service's selector matches the pods of some workload, and each of its ports reaches a port the
 * selected containers declare (by number or by name). A StatefulSet's serviceName is a headless Service.
 */
export function checkServices(objects: K8sObject[], all: Workload[]): string[] {
  const problems: string[] = [];
  const services = objects.filter((o) => o.kind === 'Service') as (K8sObject & IService)[];
  for (const service of services) {
    const selector = service.spec?.selector;
    if (!selector || !Object.keys(selector).length) continue;
    const selected = all.filter(
      (w) => w.namespace === service.metadata.namespace && mapMatches(selector, podLabels(w)),
    );
    const label = describeObject(service);
    if (!selected.length) {
      problems.push(`${label}: selector ${JSON.stringify(selector)} matches no workload's pods`);
      continue;
    }
    for (const port of service.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      for (const workload of selected) {
        if (!containersOf(workload).some((c) => containerPort(c, target) !== undefined)) {
          problems.push(
            `${label}: port ${port.name ?? port.port} targets ${target}, which ${describeObject(workload.object)} does not declare`,
          );
        }
      }
      if (
        port.nodePort !== undefined &&
        service.spec?.type !== 'NodePort' &&
        service.spec?.type !== 'LoadBalancer'
      ) {
        problems.push(`${label}: nodePort on a Service of type ${service.spec?.type ?? 'ClusterIP'}`);
      }
    }
  }
  for (const workload of all.filter((w) => w.object.kind === 'StatefulSet')) {
    const name = (workload.object.spec as { serviceName?: string }).serviceName;
    const service = services.find(
      (s) => s.metadata.name === name && s.metadata.namespace === workload.namespace,
    );
    if (!service) problems.push(`${describeObject(workload.object)}: serviceName ${name} is no Service`);
    else if (service.spec?.clusterIP !== 'None') {
      problems.push(
        `${describeObject(workload.object)}: serviceName ${name} is not headless (clusterIP: None)`,
      );
    }
  }
  return problems;
}

/**
 * Each HPA scales a workload of the manifests; that workload leaves spec.replicas to it (kubectl apply
 * would otherwise reset the count the HPA chose), and its containers request every resource the HPA
 * measures as a utilization.
 */
export function checkAutoscalers(objects: K8sObject[], all: Workload[]): string[] {
  const problems: string[] = [];
  for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler') as (K8sObject &
    IHorizontalPodAutoscaler)[]) {
    const ref = hpa.spec?.scaleTargetRef;
    const label = describeObject(hpa);
    const target = all.find(
      (w) =>
        w.object.kind === ref?.kind &&
        w.object.metadata.name === ref?.name &&
        w.namespace === hpa.metadata.namespace,
    );
    if (!target) {
      problems.push(`${label}: scaleTargetRef ${ref?.kind} ${ref?.name} does not exist`);
      continue;
    }
    if (target.replicas !== undefined) {
      problems.push(
        `${label}: ${describeObject(target.object)} sets spec.replicas, which kubectl apply would reset`,
      );
    }
    if ((hpa.spec?.minReplicas ?? 1) > (hpa.spec?.maxReplicas ?? 0))
      problems.push(`${label}: minReplicas > maxReplicas`);
    for (const metric of hpa.spec?.metrics ?? []) {
      const resource = metric.resource?.name;
      if (metric.type !== 'Resource' || !resource || metric.resource?.target.type !== 'Utilization') continue;
      for (const container of containersOf(target)) {
        if (!container.resources?.requests?.[resource]) {
          problems.push(
            `${label}: container ${container.name} requests no ${resource}, needed for its utilization`,
          );
        }
      }
    }
  }
  return problems;
}

/** How many pods a workload runs at least: its replicas, or the minimum of the HPA that scales it. */
export function minimumReplicas(workload: Workload, objects: K8sObject[]): number {
  const hpa = (objects as (K8sObject & IHorizontalPodAutoscaler)[]).find(
    (o) =>
      o.kind === 'HorizontalPodAutoscaler' &&
      o.spec?.scaleTargetRef.name === workload.object.metadata.name &&
      o.spec?.scaleTargetRef.kind === workload.object.kind,
  );
  return hpa ? (hpa.spec?.minReplicas ?? 1) : (workload.replicas ?? 1);
}

/**
 * Each PDB selects some workload's pods, still lets a node drain evict one of them, and lets it evict a
 * pod that is not ready whatever the budget (unhealthyPodEvictionPolicy: AlwaysAllow).
 */
export function checkDisruptionBudgets(objects: K8sObject[], all: Workload[]): string[] {
  const problems: string[] = [];
  for (const pdb of objects.filter((o) => o.kind === 'PodDisruptionBudget') as (K8sObject &
    IPodDisruptionBudget)[]) {
    const selector = (pdb.spec?.selector ?? {}) as LabelSelector;
    const label = describeObject(pdb);
    const selected = all.filter(
      (w) => w.namespace === pdb.metadata.namespace && selectorMatches(selector, podLabels(w)),
    );
    if (!selected.length) problems.push(`${label}: selector matches no workload's pods`);
    if (
      (pdb.spec as { unhealthyPodEvictionPolicy?: string } | undefined)?.unhealthyPodEvictionPolicy !==
      'AlwaysAllow'
    ) {
      problems.push(
        `${label}: unhealthyPodEvictionPolicy is not AlwaysAllow: a pod that never gets ready would block node drains`,
      );
    }
    for (const workload of selected) {
      const replicas = minimumReplicas(workload, objects);
      const { minAvailable, maxUnavailable } = pdb.spec ?? {};
      const blocked =
        (typeof minAvailable === 'number' && minAvailable >= replicas) ||
        maxUnavailable === 0 ||
        maxUnavailable === '0%';
      if (blocked) {
        problems.push(
          `${label}: allows no disruption of ${describeObject(workload.object)} (${replicas} replica(s)): node drains would hang`,
        );
      }
    }
  }
  return problems;
}
