import { appContainers, checkAppContainer, checkAppSecurity, checkSharedSettings } from './apps';
import { checkContainerBasics } from './containers';
import { APPS } from './env-catalog';
import { inventory } from './environment';
import { checkMonitoring } from './monitoring';
import { checkNetworkPolicies } from './network-policies';
import { checkNamespaces, checkReferences } from './references';
import { checkSchemas } from './schemas';
import { checkAutoscalers, checkDisruptionBudgets, checkServices, checkWorkloadSelectors } from './selectors';
import { K8sObject, renderOverlay } from './render';
import { workloads } from './workloads';

export { renderOverlay, parseManifests, KubectlMissingError } from './render';
export type { K8sObject } from './render';

/** What differs between overlays for the validator. */
export interface OverlayRules {
  /**
   * Secrets that pods refer to but the manifests leave out on purpose: the operator creates them with
   * kubectl (docs/deployment.md, "Production cluster"). Every other reference must resolve.
   */
  operatorSecrets: string[];
  /** The overlay must contain no Secret at all: its values would sit in the repository. */
  secretsForbidden: boolean;
}

/** k8s/overlays/<name>: each is rendered and validated by the unit tests. */
export const OVERLAYS: Record<string, OverlayRules> = {
  // A Secret generated with obviously-development values (secretGenerator in its kustomization.yaml).
  dev: { operatorSecrets: [], secretsForbidden: false },
  // The only allow-list entry: prod references cim-secrets, which the operator creates before applying.
  prod: { operatorSecrets: ['cim-secrets'], secretsForbidden: true },
  // prod plus k8s/monitoring: PodMonitor, PrometheusRule and the Grafana dashboard ConfigMap.
  monitoring: { operatorSecrets: ['cim-secrets'], secretsForbidden: true },
};

/**
 * Every problem of a rendered overlay, one line each (`Kind namespace/name: what is wrong`): the
 * Kubernetes schemas, then cim's own rules — Services and PDBs select real pods, ports agree with the
 * variables that set them, every variable is one an app declares and its values pass the app's start-up
 * validation, every ConfigMap and Secret referred to exists, HPAs scale real workloads, monitors scrape
 * real pods' named ports, every workload's pods are under a NetworkPolicy that lets their callers in.
 */
export async function validateObjects(objects: K8sObject[], rules: OverlayRules): Promise<string[]> {
  const all = workloads(objects);
  const inv = inventory(objects, rules.operatorSecrets);
  const { found, problems: appProblems } = appContainers(all, APPS, inv);
  return [
    ...(await checkSchemas(objects)),
    ...checkNamespaces(objects),
    ...checkReferences(objects, all, inv, rules),
    ...checkWorkloadSelectors(all),
    ...checkServices(objects, all),
    ...checkAutoscalers(objects, all),
    ...checkDisruptionBudgets(objects, all),
    ...checkMonitoring(objects, all),
    ...checkNetworkPolicies(objects, all),
    ...all.flatMap(checkContainerBasics),
    ...appProblems,
    ...found.flatMap((c) => [...checkAppSecurity(c), ...checkAppContainer(c, objects)]),
    ...checkSharedSettings(found),
  ];
}

/** Renders k8s/overlays/<name> with kubectl and validates it. */
export async function validateOverlay(name: string): Promise<string[]> {
  const rules = OVERLAYS[name];
  if (!rules) throw new Error(`unknown overlay ${name} (known: ${Object.keys(OVERLAYS).join(', ')})`);
  return validateObjects(renderOverlay(name), rules);
}
