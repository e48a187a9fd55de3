import type { IContainer } from 'kubernetes-models/v1';
import { K8sObject } from './render';
import { Workload } from './workloads';

/** The ConfigMaps and Secrets of a rendered overlay, by `namespace/name`, with their data decoded. */
export interface Inventory {
  configMaps: Map<string, Record<string, string>>;
  secrets: Map<string, Record<string, string>>;
  /** Secrets the operator creates by hand (absent from the manifests on purpose). */
  operatorSecrets: Set<string>;
}

export function inventory(objects: K8sObject[], operatorSecrets: string[]): Inventory {
  const result: Inventory = { configMaps: new Map(), secrets: new Map(), operatorSecrets: new Set() };
  for (const object of objects) {
    const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    if (object.kind === 'ConfigMap') {
      result.configMaps.set(key, { ...(object.data as Record<string, string>) });
    } else if (object.kind === 'Secret') {
      const decoded = Object.entries((object.data ?? {}) as Record<string, string>).map(
        ([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')] as const,
      );
      result.secrets.set(key, {
        ...Object.fromEntries(decoded),
        ...(object.stringData as Record<string, string>),
      });
    }
  }
  for (const name of operatorSecrets) {
    for (const namespace of new Set(objects.map((o) => o.metadata.namespace ?? ''))) {
      result.operatorSecrets.add(`${namespace}/${name}`);
    }
  }
  return result;
}

/** One variable set in the container (env or envFrom), as the container will see it. */
export interface EnvEntry {
  /** The value, or a stand-in of the right shape where only the cluster knows it (pod IP, operator's Secret). */
  value: string;
  /** Where it comes from: `ConfigMap cim-config-…`, `fieldRef status.hostIP`, `literal`... */
  source: string;
}

/** Stands in for a value the operator's Secret holds: long enough for every secret's validation. */
export const OPERATOR_SECRET_STAND_IN = 'operator-provided-secret-value-of-sufficient-length';

/** Stand-ins of the shape a variable's validation asks for, where the generic one would not pass. */
const SHAPED_STAND_INS: Record<string, string> = {
  CIM_REDIS_CLUSTER_NODES: `redis://:${OPERATOR_SECRET_STAND_IN}@redis-cluster:6379`,
};

function fieldStandIn(fieldPath: string, workload: Workload): string {
  switch (fieldPath) {
    case 'metadata.name':
      return `${workload.object.metadata.name}-0`;
    case 'metadata.namespace':
      return workload.namespace;
    case 'status.podIP':
      return '10.0.0.10';
    case 'status.hostIP':
      return '192.0.2.10';
    case 'spec.nodeName':
      return 'node-1';
    default:
      return fieldPath;
  }
}

/**
 * The container's environment in Kubernetes' order: envFrom sources first (a later source wins), then
 * env entries, whose values may refer to variables defined before them as $(NAME).
 */
export function resolveEnv(container: IContainer, workload: Workload, inv: Inventory): Map<string, EnvEntry> {
  const env = new Map<string, EnvEntry>();
  const ns = workload.namespace;
  for (const source of container.envFrom ?? []) {
    const prefix = source.prefix ?? '';
    const ref = source.configMapRef ?? source.secretRef;
    const data = source.configMapRef
      ? inv.configMaps.get(`${ns}/${ref?.name}`)
      : inv.secrets.get(`${ns}/${ref?.name}`);
    const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
    for (const [key, value] of Object.entries(data ?? {})) {
      env.set(prefix + key, { value, source: `${kind} ${ref?.name}` });
    }
  }
  for (const entry of container.env ?? []) {
    const from = entry.valueFrom;
    let resolved: EnvEntry;
    if (from?.fieldRef) {
      const path = from.fieldRef.fieldPath;
      resolved = { value: fieldStandIn(path, workload), source: `fieldRef ${path}` };
    } else if (from?.configMapKeyRef) {
      const { name, key } = from.configMapKeyRef;
      resolved = { value: inv.configMaps.get(`${ns}/${name}`)?.[key] ?? '', source: `ConfigMap ${name}` };
    } else if (from?.secretKeyRef) {
      const { name, key } = from.secretKeyRef;
      const value = inv.operatorSecrets.has(`${ns}/${name}`)
        ? (SHAPED_STAND_INS[entry.name] ?? OPERATOR_SECRET_STAND_IN)
        : (inv.secrets.get(`${ns}/${name}`)?.[key] ?? '');
      resolved = { value, source: `Secret ${name}` };
    } else if (from?.resourceFieldRef) {
      resolved = { value: '1', source: `resourceFieldRef ${from.resourceFieldRef.resource}` };
    } else {
      resolved = { value: expand(entry.value ?? '', env), source: 'literal' };
    }
    env.set(entry.name, resolved);
  }
  return env;
}

/** Kubernetes' $(NAME) expansion: known names are replaced, `$$` escapes, anything else stays. */
function expand(value: string, env: Map<string, EnvEntry>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (match, name?: string) => {
    if (match === '$$') return '$';
    return env.get(name!)?.value ?? match;
  });
}
