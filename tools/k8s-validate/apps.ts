import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IContainer, IService } from 'kubernetes-models/v1';
import { ConfigValidationError, loadConfig } from '@cim/config';
import { imageName, THIRD_PARTY_IMAGES } from './containers';
import { AppName, AppSpec, declaredVariables, defaultOf, REDIS_CLUSTER_VARIABLES } from './env-catalog';
import { EnvEntry, Inventory, resolveEnv } from './environment';
import { endpointProblems } from './endpoints';
import { describeObject, K8sObject, REPO_ROOT } from './render';
import { containersOf, Workload } from './workloads';

/** `node dist/apps/<app>/apps/<app>/src/main.js`, the layout scripts/build.js produces. */
const MAIN = /^dist\/apps\/([a-z0-9-]+)\/apps\/\1\/src\/main\.js$/;

/** Time the im-server needs after its drain timeout: hand unacked messages back, close, exit. */
export const DRAIN_MARGIN_SECONDS = 5;

export interface AppContainer {
  workload: Workload;
  container: IContainer;
  app: AppName;
  spec: AppSpec;
  env: Map<string, EnvEntry>;
}

/** The cim containers of the manifests, each with the app its command runs; problems for the others. */
export function appContainers(
  all: Workload[],
  apps: Record<AppName, AppSpec>,
  inv: Inventory,
): { found: AppContainer[]; problems: string[] } {
  const found: AppContainer[] = [];
  const problems: string[] = [];
  const images = new Set<string | undefined>();
  for (const workload of all) {
    for (const container of containersOf(workload)) {
      if (THIRD_PARTY_IMAGES.has(imageName(container.image))) continue;
      images.add(container.image);
      const at = `${describeObject(workload.object)}: container ${container.name}`;
      const argv = [...(container.command ?? []), ...(container.args ?? [])];
      const app = argv[0] === 'node' ? argv.map((a) => MAIN.exec(a)?.[1]).find(Boolean) : undefined;
      if (!app) {
        problems.push(`${at}: runs no cim app (command: ${JSON.stringify(argv)})`);
      } else if (!(app in apps) || !existsSync(join(REPO_ROOT, 'apps', app))) {
        problems.push(
          `${at}: runs ${app}, which is not one of the server apps (${Object.keys(apps).join(', ')})`,
        );
      } else {
        const name = app as AppName;
        found.push({
          workload,
          container,
          app: name,
          spec: apps[name],
          env: resolveEnv(container, workload, inv),
        });
      }
    }
  }
  if (images.size > 1)
    problems.push(
      `cim containers use ${images.size} images (${[...images].join(', ')}): one image runs every app`,
    );
  return { found, problems };
}

/** A variable's number as the container will see it: set, or its config class's default. */
export function numberOf(c: AppContainer, name: string): number {
  return Number(c.env.get(name)?.value ?? defaultOf(c.spec.env, name));
}

/** The checks that tie one cim container to its app's config class. */
export function checkAppContainer(c: AppContainer, objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const at = `${describeObject(c.workload.object)}: container ${c.container.name} (${c.app})`;
  const declared = declaredVariables(c.spec.env);
  for (const [name, entry] of c.env) {
    const redisCluster = REDIS_CLUSTER_VARIABLES.includes(name) && declared.has('CIM_REDIS_URL');
    if (!declared.has(name) && !redisCluster)
      problems.push(`${at}: ${name} (from ${entry.source}) is not a variable of ${c.spec.envSource}`);
    if (c.spec.unread?.includes(name))
      problems.push(`${at}: ${name} (from ${entry.source}) is set, but ${c.app} never reads it`);
  }
  try {
    loadConfig(c.spec.env, Object.fromEntries([...c.env].map(([name, entry]) => [name, entry.value])));
  } catch (error) {
    if (!(error instanceof ConfigValidationError)) throw error;
    for (const problem of error.problems) problems.push(`${at}: would not start: ${problem}`);
  }
  for (const name of c.spec.explicit) {
    if (!c.env.has(name))
      problems.push(`${at}: ${name} is not set (its default is no address for a cluster)`);
  }

  const ports = c.container.ports ?? [];
  for (const name of c.spec.ports) {
    const value = numberOf(c, name);
    const port = ports.find((p) => p.containerPort === value);
    if (!port) problems.push(`${at}: ${name}=${value} but the container declares no containerPort ${value}`);
    else if (port.hostPort !== undefined && port.hostPort !== value) {
      problems.push(
        `${at}: hostPort ${port.hostPort} ≠ ${name}=${value}; cim advertises the port it listens on`,
      );
    }
  }
  const advertised = c.env.get('CIM_IM_ADVERTISED_HOST');
  if (advertised?.source === 'fieldRef status.hostIP') {
    const clientPort = numberOf(c, 'CIM_IM_CLIENT_PORT');
    if (!ports.some((p) => p.containerPort === clientPort && p.hostPort === clientPort)) {
      problems.push(`${at}: advertises its node's address but publishes no hostPort ${clientPort}`);
    }
  }
  if (c.spec.drainTimeout) problems.push(...checkDrain(c, at));

  const services = objects.filter((o) => o.kind === 'Service') as (K8sObject & IService)[];
  problems.push(...endpointProblems(c, services).map((p) => `${at}: ${p}`));
  return problems;
}

/** A stopping im-server drains: a preStop hook starts it and the grace period outlasts it. */
function checkDrain(c: AppContainer, at: string): string[] {
  const problems: string[] = [];
  const drainSeconds = Math.ceil(numberOf(c, c.spec.drainTimeout!) / 1000);
  const grace = c.workload.template.spec?.terminationGracePeriodSeconds ?? 30;
  if (grace < drainSeconds + DRAIN_MARGIN_SECONDS) {
    problems.push(
      `${at}: terminationGracePeriodSeconds ${grace} < ${c.spec.drainTimeout} (${drainSeconds} s) + ${DRAIN_MARGIN_SECONDS} s: the drain would be cut short`,
    );
  }
  if (!c.container.lifecycle?.preStop) problems.push(`${at}: no preStop hook to start the drain`);
  return problems;
}

/** The stricter rules for cim's own containers: user 10001 and a read-only root filesystem. */
export function checkAppSecurity(c: AppContainer): string[] {
  const at = `${describeObject(c.workload.object)}: container ${c.container.name}`;
  const pod = c.workload.template.spec?.securityContext ?? {};
  const own = c.container.securityContext ?? {};
  const problems: string[] = [];
  if ((own.runAsUser ?? pod.runAsUser) !== 10001)
    problems.push(`${at}: does not run as user 10001 (the image's user)`);
  if (own.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem is not read-only`);
  return problems;
}

/**
 * Settings that several apps must read alike: the token secret (the gateway signs, the im-server
 * checks), the RPC secret (every RPC connection proves it), where the store and registry are, and the inbox policy (the gateway and admin both write
 * inboxes).
 */
export const SHARED_SETTINGS = [
  'CIM_TOKEN_SECRET',
  'CIM_RPC_SECRET',
  'CIM_STORE',
  'CIM_REDIS_URL',
  ...REDIS_CLUSTER_VARIABLES,
  'CIM_REGISTRY',
  'CIM_ZK_CONNECT',
  'CIM_ZK_ROOT',
  'CIM_INBOX_CAP',
  'CIM_INBOX_TTL_MS',
];

export function checkSharedSettings(found: AppContainer[]): string[] {
  const problems: string[] = [];
  for (const name of SHARED_SETTINGS) {
    const holders = found.filter(
      (c) => declaredVariables(c.spec.env).has(name) && !c.spec.unread?.includes(name),
    );
    const values = new Map(
      holders.map((c) => [c.app, c.env.get(name)?.value ?? String(defaultOf(c.spec.env, name))]),
    );
    if (new Set(values.values()).size > 1) {
      const apps = [...values.keys()].sort().join(', ');
      problems.push(`${name} differs between ${apps}: they must agree`);
    }
  }
  return problems;
}
