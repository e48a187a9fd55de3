import type { IContainer, IPodSpec } from 'kubernetes-models/v1';
import { describeObject, K8sObject } from './render';
import { containersOf, Workload } from './workloads';

/** The Pod Security Standards' levels, most permissive first. */
const LEVELS = ['privileged', 'baseline', 'restricted'] as const;
type Level = (typeof LEVELS)[number];

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const RESTRICTED_VOLUMES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/**
 * Violations of the level the namespace warns at that a workload is allowed, each with its reason:
 * the im-servers publish their client port on their node (docs/deployment.md, "How clients reach the
 * im-servers"), and in dev their WebSocket port too.
 */
export const POD_SECURITY_EXCEPTIONS: Record<string, RegExp[]> = {
  'StatefulSet im-server': [/^hostPort 9000$/, /^hostPort 9003$/],
};

function baseline(spec: IPodSpec, containers: IContainer[]): string[] {
  const found: string[] = [];
  if (spec.hostNetwork) found.push('hostNetwork');
  if (spec.hostPID) found.push('hostPID');
  if (spec.hostIPC) found.push('hostIPC');
  for (const volume of spec.volumes ?? []) if (volume.hostPath) found.push(`hostPath volume ${volume.name}`);
  if (spec.securityContext?.seccompProfile?.type === 'Unconfined') found.push('seccomp Unconfined');
  for (const c of containers) {
    if (c.securityContext?.privileged) found.push(`privileged container ${c.name}`);
    for (const port of c.ports ?? []) if (port.hostPort) found.push(`hostPort ${port.hostPort}`);
    for (const cap of c.securityContext?.capabilities?.add ?? [])
      if (!BASELINE_CAPABILITIES.has(cap)) found.push(`capability ${cap} in ${c.name}`);
    if (c.securityContext?.seccompProfile?.type === 'Unconfined')
      found.push(`seccomp Unconfined in ${c.name}`);
  }
  return found;
}

function restricted(spec: IPodSpec, containers: IContainer[]): string[] {
  const found: string[] = [];
  const pod = spec.securityContext ?? {};
  for (const volume of spec.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== 'name');
    if (type && !RESTRICTED_VOLUMES.includes(type)) found.push(`${type} volume ${volume.name}`);
  }
  for (const c of containers) {
    const own = c.securityContext ?? {};
    if (own.allowPrivilegeEscalation !== false) found.push(`privilege escalation in ${c.name}`);
    if ((own.runAsNonRoot ?? pod.runAsNonRoot) !== true) found.push(`runAsNonRoot unset in ${c.name}`);
    if ((own.runAsUser ?? pod.runAsUser) === 0) found.push(`user 0 in ${c.name}`);
    const seccomp = own.seccompProfile?.type ?? pod.seccompProfile?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
      found.push(`no seccomp profile in ${c.name}`);
    if (!own.capabilities?.drop?.includes('ALL')) found.push(`capabilities not dropped in ${c.name}`);
    for (const cap of own.capabilities?.add ?? [])
      if (cap !== 'NET_BIND_SERVICE') found.push(`capability ${cap} in ${c.name}`);
  }
  return found;
}

/** What keeps a workload's pods from the level (empty: they meet it). */
export function podSecurityViolations(workload: Workload, level: Level): string[] {
  const spec: IPodSpec = workload.template.spec ?? { containers: [] };
  const containers = containersOf(workload);
  if (level === 'privileged') return [];
  const found = baseline(spec, containers);
  return level === 'restricted' ? [...found, ...restricted(spec, containers)] : found;
}

function levelOf(labels: Record<string, string>, mode: string): Level | string | undefined {
  return labels[`pod-security.kubernetes.io/${mode}`];
}

/**
 * Every namespace the workloads run in enforces a Pod Security level (its `enforce` label), every pod
 * meets it, and every pod meets the level the namespace warns at, but for POD_SECURITY_EXCEPTIONS. The
 * enforced level is the strictest its pods allow: a namespace that enforces less than they all meet
 * would admit whatever else is deployed there.
 */
export function checkPodSecurity(namespaces: K8sObject[], all: Workload[]): string[] {
  const problems: string[] = [];
  for (const namespace of namespaces) {
    const labels = namespace.metadata.labels ?? {};
    const label = describeObject(namespace);
    const enforce = levelOf(labels, 'enforce');
    if (!enforce) problems.push(`${label}: no pod-security.kubernetes.io/enforce label`);
    for (const mode of ['enforce', 'warn', 'audit']) {
      const level = levelOf(labels, mode);
      if (level !== undefined && !LEVELS.includes(level as Level))
        problems.push(
          `${label}: pod-security.kubernetes.io/${mode} is ${level}, not one of ${LEVELS.join(', ')}`,
        );
    }
    const warn = levelOf(labels, 'warn');
    const inside = all.filter((w) => w.namespace === namespace.metadata.name);
    const strictest = [...LEVELS]
      .reverse()
      .find((level) => inside.every((w) => podSecurityViolations(w, level).length === 0));
    if (inside.length && strictest && LEVELS.indexOf(enforce as Level) < LEVELS.indexOf(strictest))
      problems.push(`${label}: enforces ${enforce}, but every pod meets ${strictest}: enforce ${strictest}`);
    for (const workload of inside) {
      const at = describeObject(workload.object);
      if (LEVELS.includes(enforce as Level)) {
        for (const v of podSecurityViolations(workload, enforce as Level))
          problems.push(`${at}: violates the namespace's enforced Pod Security level ${enforce}: ${v}`);
      }
      if (!LEVELS.includes(warn as Level)) continue;
      const allowed =
        POD_SECURITY_EXCEPTIONS[`${workload.object.kind} ${workload.object.metadata.name}`] ?? [];
      for (const v of podSecurityViolations(workload, warn as Level)) {
        if (!allowed.some((pattern) => pattern.test(v)))
          problems.push(`${at}: violates the Pod Security level ${warn} (warn): ${v}`);
      }
    }
  }
  return problems;
}
