import type { IContainer, IPodTemplateSpec } from 'kubernetes-models/v1';
import { K8sObject } from './render';

export type Labels = Record<string, string>;

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A Deployment, StatefulSet, DaemonSet or Job: what owns pods, and the pods it makes. */
export interface Workload {
  object: K8sObject;
  namespace: string;
  selector?: LabelSelector;
  template: IPodTemplateSpec;
  /** spec.replicas; undefined where the object leaves it to its default (1) or to an HPA. */
  replicas?: number;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

/** The label a StatefulSet's controller gives each pod: its name, `<StatefulSet>-<ordinal>`. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';

/** The names of a StatefulSet's pods (im-server-0, im-server-1, ...); none for other kinds. */
export function podNames(workload: Workload): string[] {
  if (workload.object.kind !== 'StatefulSet') return [];
  const name = workload.object.metadata.name;
  return Array.from({ length: workload.replicas ?? 1 }, (_, i) => `${name}-${i}`);
}

/**
 * A Service's plain selector picks some of the workload's pods: its template's labels, plus the pod
 * name a StatefulSet's controller adds to each pod.
 */
export function selectsSomePod(selector: Labels, workload: Workload): boolean {
  const { [POD_NAME_LABEL]: podName, ...rest } = selector;
  if (!mapMatches(rest, podLabels(workload))) return false;
  return podName === undefined || podNames(workload).includes(podName);
}

export function workloads(objects: K8sObject[]): Workload[] {
  return objects
    .filter((o) => WORKLOAD_KINDS.has(o.kind))
    .map((object) => {
      const spec = (object.spec ?? {}) as {
        selector?: LabelSelector;
        template?: IPodTemplateSpec;
        replicas?: number;
      };
      return {
        object,
        namespace: object.metadata.namespace ?? '',
        selector: spec.selector,
        template: spec.template ?? {},
        replicas: spec.replicas,
      };
    });
}

export function podLabels(workload: Workload): Labels {
  return workload.template.metadata?.labels ?? {};
}

export function containersOf(workload: Workload): IContainer[] {
  const spec = workload.template.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])];
}

/** Services select with a plain map: every pair must be among the labels. */
export function mapMatches(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/** A LabelSelector (matchLabels and matchExpressions); an empty one selects everything. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  if (!mapMatches(selector.matchLabels ?? {}, labels)) return false;
  return (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false;
    }
  });
}

/** Resolves a port given by number or by name against a container's declared ports. */
export function containerPort(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number')
    return container.ports?.some((p) => p.containerPort === port) ? port : undefined;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** `100m`, `2`, `512Mi`, `1G`... → a number in base units (cores or bytes). */
export function parseQuantity(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity;
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(quantity.trim());
  if (!match) return NaN;
  const factors: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  const factor = factors[match[2]];
  return factor === undefined ? NaN : Number(match[1]) * factor;
}
