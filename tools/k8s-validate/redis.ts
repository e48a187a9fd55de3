import { imageName } from './containers';
import { Inventory, resolveEnv } from './environment';
import { describeObject } from './render';
import { containersOf, parseQuantity, Workload } from './workloads';

/** Redis's memory units: `100mb` (MiB), `1gb`, `100m` (10^6)... → bytes. */
export function parseRedisBytes(value: string): number {
  const match = /^(\d+)(b|k|kb|m|mb|g|gb)?$/i.exec(value.trim());
  if (!match) return NaN;
  const factors: Record<string, number> = {
    b: 1,
    k: 1e3,
    kb: 2 ** 10,
    m: 1e6,
    mb: 2 ** 20,
    g: 1e9,
    gb: 2 ** 30,
  };
  return Number(match[1]) * factors[(match[2] ?? 'b').toLowerCase()];
}

/**
 * The Redis container asks for a password from a Secret, persists an append-only file on a volume,
 * and caps its memory (noeviction) at half its limit at most: an AOF rewrite forks, and the child's
 * copy-on-write pages count against the same limit. A Redis Cluster node also gives its replicas the
 * password (masterauth) and keeps its nodes.conf on that volume. Jobs that run redis-cli are no server.
 */
export function checkRedis(all: Workload[], inv: Inventory): string[] {
  const problems: string[] = [];
  for (const workload of all.filter((w) => w.object.kind !== 'Job')) {
    for (const container of containersOf(workload)) {
      if (imageName(container.image) !== 'redis') continue;
      const at = `${describeObject(workload.object)}: container ${container.name}`;
      const env = resolveEnv(container, workload, inv);
      const script = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
      if (!env.get('REDIS_PASSWORD')?.source.startsWith('Secret ') || !script.includes('requirepass'))
        problems.push(`${at}: no password (requirepass from REDIS_PASSWORD in a Secret)`);
      if (!/--appendonly yes/.test(script)) problems.push(`${at}: no append-only file (--appendonly yes)`);
      if (/--cluster-enabled yes/.test(script)) {
        if (!script.includes('masterauth'))
          problems.push(`${at}: a cluster node without masterauth: its replicas could not sync`);
        const nodesFile = /--cluster-config-file (\S+)/.exec(script)?.[1];
        if (!nodesFile || nodesFile.startsWith('/'))
          problems.push(`${at}: --cluster-config-file ${nodesFile ?? '(unset)'} is not in its --dir volume`);
      }
      const dir = /--dir (\S+)/.exec(script)?.[1];
      if (!dir || !container.volumeMounts?.some((m) => m.mountPath === dir))
        problems.push(`${at}: its --dir ${dir ?? '(unset)'} is no volume`);
      if (
        env.get('REDIS_MAXMEMORY_POLICY')?.value !== 'noeviction' ||
        !script.includes('$REDIS_MAXMEMORY_POLICY')
      )
        problems.push(`${at}: maxmemory-policy is not noeviction: a full Redis would drop cim's data`);
      const maxmemory = env.get('REDIS_MAXMEMORY')?.value;
      const limit = container.resources?.limits?.memory;
      if (!maxmemory || !script.includes('--maxmemory "$REDIS_MAXMEMORY"')) {
        problems.push(`${at}: no maxmemory (REDIS_MAXMEMORY)`);
      } else if (limit !== undefined && !(parseRedisBytes(maxmemory) <= parseQuantity(limit) / 2)) {
        problems.push(
          `${at}: maxmemory ${maxmemory} is over half its memory limit ${limit}: an AOF rewrite's fork would be OOM-killed`,
        );
      }
    }
  }
  return problems;
}
