import type { IPodSpec } from 'kubernetes-models/v1';
import { Inventory } from './environment';
import { DASHBOARD_LABEL } from './monitoring';
import { describeObject, K8sObject } from './render';
import { containersOf, Workload } from './workloads';

/** Kinds that live outside namespaces (the ones a cim overlay could plausibly contain). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'CustomResourceDefinition',
]);

/**
 * Every namespaced object names its namespace (so `kubectl apply` does not drop it into the current
 * context's), that namespace is one k8s/namespace.yaml creates (`created`), no overlay holds a
 * Namespace (`kubectl delete -k` would delete it, and the data volumes in it), and no object is
 * defined twice.
 */
export function checkNamespaces(objects: K8sObject[], created: K8sObject[]): string[] {
  const problems: string[] = [];
  const namespaces = new Set(created.map((o) => o.metadata.name));
  const seen = new Set<string>();
  for (const object of objects) {
    const id = `${object.apiVersion} ${describeObject(object)}`;
    if (seen.has(id)) problems.push(`${describeObject(object)}: defined twice`);
    seen.add(id);
    if (object.kind === 'Namespace') {
      problems.push(
        `${describeObject(object)}: part of the overlay: \`kubectl delete -k\` would delete it and its volumes (create it from k8s/namespace.yaml)`,
      );
    }
    if (CLUSTER_SCOPED.has(object.kind)) continue;
    const namespace = object.metadata.namespace;
    if (!namespace) problems.push(`${describeObject(object)}: has no namespace`);
    else if (!namespaces.has(namespace))
      problems.push(`${describeObject(object)}: namespace ${namespace} is not created by k8s/namespace.yaml`);
  }
  return problems;
}

interface Reference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key?: string;
  optional: boolean;
  where: string;
}

function podReferences(workload: Workload): Reference[] {
  const refs: Reference[] = [];
  const spec: IPodSpec | undefined = workload.template.spec;
  for (const container of containersOf(workload)) {
    const where = `container ${container.name}`;
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) {
        const { name = '', optional = false } = source.configMapRef;
        refs.push({ kind: 'ConfigMap', name, optional, where: `${where} envFrom` });
      }
      if (source.secretRef) {
        const { name = '', optional = false } = source.secretRef;
        refs.push({ kind: 'Secret', name, optional, where: `${where} envFrom` });
      }
    }
    for (const entry of container.env ?? []) {
      const cm = entry.valueFrom?.configMapKeyRef;
      const secret = entry.valueFrom?.secretKeyRef;
      const at = `${where} env ${entry.name}`;
      if (cm)
        refs.push({
          kind: 'ConfigMap',
          name: cm.name ?? '',
          key: cm.key,
          optional: !!cm.optional,
          where: at,
        });
      if (secret) {
        refs.push({
          kind: 'Secret',
          name: secret.name ?? '',
          key: secret.key,
          optional: !!secret.optional,
          where: at,
        });
      }
    }
  }
  for (const volume of spec?.volumes ?? []) {
    const where = `volume ${volume.name}`;
    const sources = [volume, ...(volume.projected?.sources ?? [])];
    for (const source of sources) {
      if (source.configMap) {
        const { name = '', optional = false } = source.configMap;
        refs.push({ kind: 'ConfigMap', name, optional, where });
      }
      if (source.secret) {
        const {
          secretName,
          name,
          optional = false,
        } = source.secret as { secretName?: string; name?: string; optional?: boolean };
        refs.push({ kind: 'Secret', name: secretName ?? name ?? '', optional, where });
      }
    }
  }
  for (const pullSecret of spec?.imagePullSecrets ?? []) {
    refs.push({ kind: 'Secret', name: pullSecret.name ?? '', optional: false, where: 'imagePullSecrets' });
  }
  return refs;
}

/**
 * Every ConfigMap and Secret a pod refers to (envFrom, valueFrom, volumes, imagePullSecrets) is in the
 * rendered output with the keys asked for, except the Secrets the operator creates; every ConfigMap
 * and Secret of the output is used by some pod; and an overlay that must hold no secrets holds none.
 */
export function checkReferences(
  objects: K8sObject[],
  all: Workload[],
  inv: Inventory,
  options: { secretsForbidden: boolean },
): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  for (const workload of all) {
    for (const ref of podReferences(workload)) {
      const id = `${workload.namespace}/${ref.name}`;
      used.add(`${ref.kind} ${id}`);
      const data = ref.kind === 'ConfigMap' ? inv.configMaps.get(id) : inv.secrets.get(id);
      const at = `${describeObject(workload.object)}: ${ref.where}`;
      if (ref.kind === 'Secret' && inv.operatorSecrets.has(id)) {
        if (data) problems.push(`${at}: Secret ${ref.name} is the operator's, yet the manifests define it`);
        continue;
      }
      if (!data) {
        if (!ref.optional) problems.push(`${at}: ${ref.kind} ${ref.name} does not exist`);
      } else if (ref.key !== undefined && !(ref.key in data) && !ref.optional) {
        problems.push(`${at}: ${ref.kind} ${ref.name} has no key ${ref.key}`);
      }
    }
  }
  for (const object of objects) {
    if (object.kind !== 'ConfigMap' && object.kind !== 'Secret') continue;
    if (object.kind === 'Secret' && options.secretsForbidden) {
      problems.push(`${describeObject(object)}: this overlay must not contain secrets`);
    }
    // Grafana's dashboard sidecar reads these, not a pod of the manifests.
    if (object.metadata.labels?.[DASHBOARD_LABEL]) continue;
    if (!used.has(`${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`)) {
      problems.push(`${describeObject(object)}: used by no pod`);
    }
  }
  return problems;
}
