import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export const REPO_ROOT = join(__dirname, '..', '..');

/** One object of a rendered overlay, as kubectl would send it. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** How an object is named in problems: `StatefulSet cim/im-server`. */
export function describeObject(object: K8sObject): string {
  const { namespace, name } = object.metadata ?? {};
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

export class KubectlMissingError extends Error {
  constructor(kubectl: string) {
    super(
      `kubectl not found (${kubectl}): tools/k8s-validate renders the overlays with \`kubectl kustomize\`. ` +
        'Install it (to render only, any version will do: apt-get install -y kubernetes-client; to apply, ' +
        "one within a minor version of your cluster's, docs/deployment.md) or set KUBECTL to its path.",
    );
    this.name = 'KubectlMissingError';
  }
}

/**
 * Renders k8s/overlays/<overlay> offline with `kubectl kustomize` (KUBECTL overrides the binary), as
 * `kubectl apply -k` would before sending it. kubectl's deprecation warnings go to stderr and are ignored.
 */
export function renderOverlay(overlay: string, kubectl = process.env.KUBECTL || 'kubectl'): K8sObject[] {
  const dir = join(REPO_ROOT, 'k8s', 'overlays', overlay);
  let output: string;
  try {
    output = execFileSync(kubectl, ['kustomize', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') throw new KubectlMissingError(kubectl);
    throw new Error(`kubectl kustomize ${dir} failed: ${failure.stderr?.trim() || failure.message}`);
  }
  return parseManifests(output);
}

/** A multi-document YAML stream → its objects; a document that is not a Kubernetes object throws. */
export function parseManifests(text: string): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length) throw new Error(`invalid YAML: ${document.errors[0].message}`);
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    if (!isObject(value)) throw new Error(`not a Kubernetes object: ${JSON.stringify(value).slice(0, 80)}`);
    objects.push(value);
  }
  return objects;
}

function isObject(value: unknown): value is K8sObject {
  const candidate = value as Partial<K8sObject>;
  return (
    typeof value === 'object' &&
    typeof candidate.apiVersion === 'string' &&
    typeof candidate.kind === 'string' &&
    typeof candidate.metadata?.name === 'string'
  );
}
