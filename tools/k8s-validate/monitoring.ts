import type { IService } from 'kubernetes-models/v1';
import { describeObject, K8sObject } from './render';
import {
  containerPort,
  containersOf,
  LabelSelector,
  podLabels,
  selectorMatches,
  Workload,
} from './workloads';

/**
 * The Prometheus operator's kinds: kubernetes-models has no schema for custom resources, so
 * checkMonitoring checks the fields cim relies on instead of checkSchemas.
 */
export const MONITORING_KINDS = new Set(
  ['PodMonitor', 'ServiceMonitor', 'PrometheusRule'].map((kind) => `monitoring.coreos.com/v1 ${kind}`),
);

/** The label Grafana's dashboard sidecar watches ConfigMaps for. */
export const DASHBOARD_LABEL = 'grafana_dashboard';

interface NamespaceSelector {
  any?: boolean;
  matchNames?: string[];
}

interface MonitorSpec {
  selector?: LabelSelector;
  namespaceSelector?: NamespaceSelector;
  jobLabel?: string;
  podMetricsEndpoints?: { port?: string }[];
  endpoints?: { port?: string }[];
}

interface RuleGroup {
  name?: string;
  rules?: { alert?: string; record?: string; expr?: unknown }[];
}

/**
 * PodMonitors and ServiceMonitors select pods or Services of the manifests and scrape ports those
 * declare by name; PrometheusRules hold well-formed groups; Grafana dashboard ConfigMaps hold dashboards
 * whose panels have queries.
 */
export function checkMonitoring(objects: K8sObject[], all: Workload[]): string[] {
  const services = objects.filter((o) => o.kind === 'Service') as (K8sObject & IService)[];
  return objects.flatMap((object) => {
    if (object.kind === 'PodMonitor') return checkPodMonitor(object, all);
    if (object.kind === 'ServiceMonitor') return checkServiceMonitor(object, services);
    if (object.kind === 'PrometheusRule') return checkRuleGroups(object);
    if (object.kind === 'ConfigMap' && object.metadata.labels?.[DASHBOARD_LABEL])
      return checkDashboards(object);
    return [];
  });
}

function inNamespaces(monitor: K8sObject, namespace: string | undefined): boolean {
  const selector = (monitor.spec as MonitorSpec).namespaceSelector;
  if (selector?.any) return true;
  return (selector?.matchNames ?? [monitor.metadata.namespace]).includes(namespace);
}

function checkPodMonitor(monitor: K8sObject, all: Workload[]): string[] {
  const spec = (monitor.spec ?? {}) as MonitorSpec;
  const label = describeObject(monitor);
  if (!spec.selector) return [`${label}: spec.selector is missing`];
  const selected = all.filter(
    (w) => inNamespaces(monitor, w.namespace) && selectorMatches(spec.selector!, podLabels(w)),
  );
  if (!selected.length) return [`${label}: selector matches no workload's pods`];
  const endpoints = spec.podMetricsEndpoints ?? [];
  const problems = endpoints.length ? [] : [`${label}: no podMetricsEndpoints`];
  for (const workload of selected) {
    const target = describeObject(workload.object);
    if (spec.jobLabel && !(spec.jobLabel in podLabels(workload))) {
      problems.push(`${label}: jobLabel ${spec.jobLabel} is not a label of ${target}'s pods`);
    }
    const published = workload.template.metadata?.annotations?.['prometheus.io/port'];
    for (const { port } of endpoints) {
      const numbers = containersOf(workload)
        .map((c) => (typeof port === 'string' ? containerPort(c, port) : undefined))
        .filter((n) => n !== undefined);
      if (!numbers.length) {
        problems.push(`${label}: port ${port} is not a port name ${target} declares`);
      } else if (published !== undefined && !numbers.includes(Number(published))) {
        problems.push(
          `${label}: port ${port} of ${target} is ${numbers[0]}, but its pods serve /metrics on ${published} (prometheus.io/port)`,
        );
      }
    }
  }
  return problems;
}

function checkServiceMonitor(monitor: K8sObject, services: (K8sObject & IService)[]): string[] {
  const spec = (monitor.spec ?? {}) as MonitorSpec;
  const label = describeObject(monitor);
  if (!spec.selector) return [`${label}: spec.selector is missing`];
  const selected = services.filter(
    (s) =>
      inNamespaces(monitor, s.metadata.namespace) && selectorMatches(spec.selector!, s.metadata.labels ?? {}),
  );
  if (!selected.length) return [`${label}: selector matches no Service's labels`];
  const problems: string[] = [];
  for (const { port } of spec.endpoints ?? []) {
    if (!selected.some((s) => s.spec?.ports?.some((p) => p.name === port))) {
      problems.push(`${label}: port ${port} is not a port name of the Services it selects`);
    }
  }
  return problems;
}

function checkRuleGroups(rule: K8sObject): string[] {
  const label = describeObject(rule);
  const groups = (rule.spec as { groups?: RuleGroup[] } | undefined)?.groups ?? [];
  if (!groups.length) return [`${label}: spec.groups is empty`];
  const problems: string[] = [];
  const names = new Set<string>();
  for (const group of groups) {
    if (!group.name || names.has(group.name))
      problems.push(`${label}: group name ${group.name} missing or repeated`);
    names.add(group.name ?? '');
    for (const [index, r] of (group.rules ?? []).entries()) {
      const where = `${label}: group ${group.name} rule ${r.alert ?? r.record ?? index}`;
      if (!r.alert === !r.record) problems.push(`${where}: needs exactly one of alert and record`);
      if (typeof r.expr !== 'string' || !r.expr.trim()) problems.push(`${where}: expr is missing`);
    }
  }
  return problems;
}

interface Panel {
  type?: string;
  title?: string;
  targets?: { expr?: string }[];
}

function checkDashboards(configMap: K8sObject): string[] {
  const label = describeObject(configMap);
  const data = (configMap.data ?? {}) as Record<string, string>;
  if (!Object.keys(data).length) return [`${label}: holds no dashboard`];
  const problems: string[] = [];
  for (const [key, text] of Object.entries(data)) {
    let dashboard: { title?: string; uid?: string; panels?: Panel[] };
    try {
      dashboard = JSON.parse(text);
    } catch (error) {
      problems.push(`${label}: ${key} is not JSON: ${(error as Error).message}`);
      continue;
    }
    if (!dashboard.title || !dashboard.uid) problems.push(`${label}: ${key} has no title or uid`);
    const panels = (dashboard.panels ?? []).filter((p) => p.type !== 'row');
    if (!panels.length) problems.push(`${label}: ${key} has no panels`);
    for (const panel of panels) {
      if (!panel.targets?.length || panel.targets.some((t) => !t.expr?.trim()))
        problems.push(`${label}: ${key} panel "${panel.title}" has a target without a query`);
    }
  }
  return problems;
}
