import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appContainers, checkAppContainer, checkAppSecurity, checkSharedSettings } from './apps';
import { checkContainerBasics } from './containers';
import { APPS } from './env-catalog';
import { inventory } from './environment';
import { checkImages } from './images';
import { checkPodSecurity } from './pod-security';
import { checkAppProbes } from './probes';
import { checkRedis } from './redis';
import { checkMonitoring } from './monitoring';
import { checkNetworkPolicies } from './network-policies';
import { checkNamespaces, checkReferences } from './references';
import { checkSchemas } from './schemas';
import { checkAutoscalers, checkDisruptionBudgets, checkServices, checkWorkloadSelectors } from './selectors';
import { K8sObject, parseManifests, renderOverlay, REPO_ROOT } from './render';
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
  /** A production overlay: every image pinned to a release or a digest, on a real registry. */
  production: boolean;
  /**
   * The override for the repository's own prod overlay, a template whose image names the placeholder
   * registry.example.com until an operator's overlay sets theirs (docs/deployment.md, "Production
   * path"). Every other production overlay must name a real registry.
   */
  placeholderImagesAllowed?: boolean;
}

/** k8s/overlays/<name>: each is rendered and validated by the unit tests. */
export const OVERLAYS: Record<string, OverlayRules> = {
  // A Secret generated with obviously-development values (secretGenerator in its kustomization.yaml).
  dev: { operatorSecrets: [], secretsForbidden: false, production: false },
  // The only allow-list entry: prod references cim-secrets, which the operator creates before applying.
  prod: {
    operatorSecrets: ['cim-secrets'],
    secretsForbidden: true,
    production: true,
    placeholderImagesAllowed: true,
  },
  // prod plus k8s/monitoring: PodMonitor, PrometheusRule and the Grafana dashboard ConfigMap.
  monitoring: {
    operatorSecrets: ['cim-secrets'],
    secretsForbidden: true,
    production: true,
    placeholderImagesAllowed: true,
  },
};

/** k8s/namespace.yaml: the namespaces cim runs in, created apart from the overlays. */
export function namespaceManifest(): K8sObject[] {
  return parseManifests(readFileSync(join(REPO_ROOT, 'k8s', 'namespace.yaml'), 'utf8'));
}

/**
 * Every problem of a rendered overlay, one line each (`Kind namespace/name: what is wrong`): the
 * Kubernetes schemas, then cim's own rules — Services and PDBs select real pods, ports agree with the
 * variables that set them, every variable is one an app declares and its values pass the app's start-up
 * validation, every ConfigMap and Secret referred to exists, HPAs scale real workloads, monitors scrape
 * real pods' named ports, every workload's pods are under a NetworkPolicy that lets their callers in,
 * pods meet their namespace's Pod Security levels, production images are pinned.
 */
export async function validateObjects(
  objects: K8sObject[],
  rules: OverlayRules,
  namespaces: K8sObject[] = namespaceManifest(),
): Promise<string[]> {
  const all = workloads(objects);
  const inv = inventory(objects, rules.operatorSecrets);
  const { found, problems: appProblems } = appContainers(all, APPS, inv);
  return [
    ...(await checkSchemas(objects)),
    ...(await checkSchemas(namespaces)),
    ...checkNamespaces(objects, namespaces),
    ...checkPodSecurity(namespaces, all),
    ...(rules.production ? checkImages(all, rules.placeholderImagesAllowed ?? false) : []),
    ...checkRedis(all, inv),
    ...checkReferences(objects, all, inv, rules),
    ...checkWorkloadSelectors(all),
    ...checkServices(objects, all),
    ...checkAutoscalers(objects, all),
    ...checkDisruptionBudgets(objects, all),
    ...checkMonitoring(objects, all),
    ...checkNetworkPolicies(objects, all),
    ...all.flatMap(checkContainerBasics),
    ...appProblems,
    ...found.flatMap((c) => [...checkAppSecurity(c), ...checkAppContainer(c, objects), ...checkAppProbes(c)]),
    ...checkSharedSettings(found),
  ];
}

/** Renders k8s/overlays/<name> with kubectl and validates it. */
export async function validateOverlay(name: string): Promise<string[]> {
  const rules = OVERLAYS[name];
  if (!rules) throw new Error(`unknown overlay ${name} (known: ${Object.keys(OVERLAYS).join(', ')})`);
  return validateObjects(renderOverlay(name), rules);
}
