import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appContainers, checkAppContainer, checkAppSecurity, checkSharedSettings } from './apps';
import { checkContainerBasics } from './containers';
import { APPS } from './env-catalog';
import { inventory } from './environment';
import { checkNoHostPorts, checkPerPodServices } from './external-access';
import { checkImages } from './images';
import { checkIngresses, checkPlaceholderNames } from './ingress';
import { checkPodSecurity } from './pod-security';
import { checkAppProbes } from './probes';
import { checkRedis } from './redis';
import { checkMonitoring } from './monitoring';
import { checkNetworkPolicies } from './network-policies';
import { checkNamespaces, checkReferences } from './references';
import { checkSchemas } from './schemas';
import { checkAutoscalers, checkDisruptionBudgets, checkServices, checkWorkloadSelectors } from './selectors';
import { K8sObject, parseManifests, renderOverlay, REPO_ROOT } from './render';
import { checkWebSocketRoutes } from './websocket';
import { workloads } from './workloads';

export { renderOverlay, parseManifests, KubectlMissingError } from './render';
export type { K8sObject } from './render';

/** What differs between overlays for the validator. */
export interface OverlayRules {
  /**
   * Secrets that pods refer to but the manifests leave out on purpose: the operator creates them with
   * kubectl (docs/deployment.md, "Production path"). Every other reference must resolve.
   */
  operatorSecrets: string[];
  /** The overlay must contain no Secret at all: its values would sit in the repository. */
  secretsForbidden: boolean;
  /** A production overlay: every image pinned to a release or a digest, on a real registry. */
  production: boolean;
  /**
   * The override for the repository's own prod overlay, a template whose image names the placeholder
   * registry.example.com and whose addresses are on example.com until an operator's overlay sets theirs
   * (docs/deployment.md, "Production path"). Every other production overlay must name real ones.
   */
  placeholdersAllowed?: boolean;
  /** The file under k8s/ that creates the overlay's namespace, with its Pod Security levels. */
  namespaceFile: 'namespace.yaml' | 'namespace-hostport.yaml';
  /**
   * Clients reach the im-servers on their nodes (hostPort). Otherwise every im-server pod has a Service
   * of its own (production) and no pod publishes a hostPort.
   */
  hostPorts: boolean;
}

/** k8s/overlays/<name>: each is rendered and validated by the unit tests. */
export const OVERLAYS: Record<string, OverlayRules> = {
  // A Secret generated with obviously-development values (secretGenerator in its kustomization.yaml).
  dev: {
    operatorSecrets: [],
    secretsForbidden: false,
    production: false,
    namespaceFile: 'namespace-hostport.yaml',
    hostPorts: true,
  },
  // The only allow-list entries: prod references cim-secrets and the Ingress's certificate, which the
  // operator creates before applying.
  prod: {
    operatorSecrets: ['cim-secrets', 'cim-gateway-tls'],
    secretsForbidden: true,
    production: true,
    placeholdersAllowed: true,
    namespaceFile: 'namespace.yaml',
    hostPorts: false,
  },
  // prod with the im-servers on their nodes' port 9000 instead of a load balancer each.
  hostport: {
    operatorSecrets: ['cim-secrets', 'cim-gateway-tls'],
    secretsForbidden: true,
    production: true,
    placeholdersAllowed: true,
    namespaceFile: 'namespace-hostport.yaml',
    hostPorts: true,
  },
  // prod plus k8s/monitoring: PodMonitor, PrometheusRule and the Grafana dashboard ConfigMap.
  monitoring: {
    operatorSecrets: ['cim-secrets', 'cim-gateway-tls'],
    secretsForbidden: true,
    production: true,
    placeholdersAllowed: true,
    namespaceFile: 'namespace.yaml',
    hostPorts: false,
  },
};

/** k8s/<file>: the namespace cim runs in, created apart from the overlays. */
export function namespaceManifest(file: OverlayRules['namespaceFile'] = 'namespace.yaml'): K8sObject[] {
  return parseManifests(readFileSync(join(REPO_ROOT, 'k8s', file), 'utf8'));
}

/**
 * Every problem of a rendered overlay, one line each (`Kind namespace/name: what is wrong`): the
 * Kubernetes schemas, then cim's own rules — Services and PDBs select real pods, ports agree with the
 * variables that set them, every variable is one an app declares and its values pass the app's start-up
 * validation, every ConfigMap and Secret referred to exists, HPAs scale real workloads, monitors scrape
 * real pods' named ports, every workload's pods are under a NetworkPolicy that lets their callers in,
 * pods meet their namespace's Pod Security levels (and it enforces the strictest they allow),
 * production images are pinned and no address is a placeholder, each im-server pod has its own
 * external Service unless the overlay publishes hostPorts, Ingresses reach Services over TLS.
 */
export async function validateObjects(
  objects: K8sObject[],
  rules: OverlayRules,
  namespaces: K8sObject[] = namespaceManifest(rules.namespaceFile),
): Promise<string[]> {
  const production = rules.production && !rules.placeholdersAllowed;
  const all = workloads(objects);
  const inv = inventory(objects, rules.operatorSecrets);
  const { found, problems: appProblems } = appContainers(all, APPS, inv);
  return [
    ...(await checkSchemas(objects)),
    ...(await checkSchemas(namespaces)),
    ...checkNamespaces(objects, namespaces),
    ...checkPodSecurity(namespaces, all),
    ...(rules.production ? checkImages(all, rules.placeholdersAllowed ?? false) : []),
    ...(production ? checkPlaceholderNames(objects, found) : []),
    ...(rules.hostPorts ? [] : checkNoHostPorts(all)),
    ...checkPerPodServices(objects, found, rules.production && !rules.hostPorts),
    ...checkIngresses(objects, inv),
    ...checkWebSocketRoutes(objects, found),
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
