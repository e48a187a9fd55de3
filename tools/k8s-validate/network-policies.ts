import { describeObject, K8sObject } from './render';
import {
  containerPort,
  containersOf,
  LabelSelector,
  podLabels,
  selectorMatches,
  Workload,
} from './workloads';

interface PolicyPort {
  port?: number | string;
}

interface NetworkPolicy extends K8sObject {
  spec?: {
    podSelector?: LabelSelector;
    policyTypes?: string[];
    ingress?: { ports?: PolicyPort[] }[];
  };
}

/**
 * Every workload's pods are selected by a NetworkPolicy that governs their ingress (else anything in the
 * cluster reaches every port, the RPC ones included) and that lets something in (else the pods are only
 * under a default deny and nothing reaches them) — but a Job's pods, which serve nothing. Each port a policy opens is one its pods declare, and
 * each policy with a selector selects some workload's pods.
 */
export function checkNetworkPolicies(objects: K8sObject[], all: Workload[]): string[] {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as NetworkPolicy[];
  const problems: string[] = [];
  for (const workload of all) {
    const governing = policies.filter((p) => governsIngress(p) && selects(p, workload));
    if (governing.length === 0) {
      problems.push(
        `${describeObject(workload.object)}: no NetworkPolicy selects its pods for ingress: anything in the cluster reaches them`,
      );
    } else if (workload.object.kind !== 'Job' && !governing.some((p) => (p.spec?.ingress ?? []).length > 0)) {
      problems.push(
        `${describeObject(workload.object)}: its NetworkPolicies let nothing in (${governing.map((p) => p.metadata.name).join(', ')})`,
      );
    }
  }
  for (const policy of policies) problems.push(...checkPolicy(policy, all));
  return problems;
}

function governsIngress(policy: NetworkPolicy): boolean {
  const types = policy.spec?.policyTypes;
  return types ? types.includes('Ingress') : true;
}

function selects(policy: NetworkPolicy, workload: Workload): boolean {
  return (
    (policy.metadata.namespace ?? '') === workload.namespace &&
    selectorMatches(policy.spec?.podSelector ?? {}, podLabels(workload))
  );
}

function checkPolicy(policy: NetworkPolicy, all: Workload[]): string[] {
  const selected = all.filter((w) => selects(policy, w));
  const selector = policy.spec?.podSelector ?? {};
  const empty = !selector.matchLabels && !selector.matchExpressions;
  if (selected.length === 0)
    return empty ? [] : [`${describeObject(policy)}: its podSelector matches no workload's pods`];
  const containers = selected.flatMap(containersOf);
  return (policy.spec?.ingress ?? [])
    .flatMap((rule) => rule.ports ?? [])
    .filter(({ port }) => port !== undefined && !containers.some((c) => containerPort(c, port) !== undefined))
    .map(
      ({ port }) => `${describeObject(policy)}: ingress port ${port} is declared by no container it selects`,
    );
}
