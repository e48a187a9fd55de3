import { MONITORING_KINDS } from './monitoring';
import { describeObject, K8sObject } from './render';
import { unreadFields } from './unknown-fields';

interface ModelClass {
  new (data: unknown): { validate(): void };
  prototype: { validate(this: unknown): void };
}

/** `apps/v1`, `v1`, `policy/v1`, `autoscaling/v2`...: also the module path in kubernetes-models. */
const API_VERSION = /^([a-z0-9-]+(\.[a-z0-9-]+)*\/)?v[0-9]+((alpha|beta)[0-9]+)?$/;

/**
 * Validates each object against the Kubernetes OpenAPI schema of its apiVersion and kind, with the model
 * classes of the kubernetes-models package. An apiVersion or kind it does not know is a problem too: the
 * API server would refuse it. A field the schema does not declare is a problem too (the generated
 * schemas let it pass; the API server drops it, or refuses it under strict field validation).
 */
export async function checkSchemas(objects: K8sObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const object of objects) {
    if (MONITORING_KINDS.has(`${object.apiVersion} ${object.kind}`)) continue;
    const model = await modelClass(object.apiVersion, object.kind);
    if (!model) {
      problems.push(
        `${describeObject(object)}: no Kubernetes schema for ${object.apiVersion} ${object.kind}`,
      );
      continue;
    }
    try {
      new model(object).validate();
    } catch (error) {
      problems.push(`${describeObject(object)}: schema: ${(error as Error).message}`);
    }
    for (const field of unreadFields(object, (watched) => model.prototype.validate.call(watched))) {
      problems.push(`${describeObject(object)}: unknown field ${field}`);
    }
  }
  return problems;
}

async function modelClass(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  if (!API_VERSION.test(apiVersion)) return undefined;
  let module: Record<string, unknown>;
  try {
    module = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    return undefined;
  }
  const model = module[kind];
  return typeof model === 'function' ? (model as ModelClass) : undefined;
}
