import { RedisClusterProcess, RedisProcess } from '@cim/local-cluster';
import { createRedisSessionStore, RedisConnection } from '@cim/session-store';
import { LOG_DIR } from '../cluster/paths';
import { startRedis } from '../cluster/services';
import { CapacitySteps, StepFigure } from './capacity-steps';
import { NodeUsage, RedisUsageProbe } from './redis-usage';

export type CapacityBackend = 'redis' | 'cluster';

export interface CapacityResult {
  backend: CapacityBackend;
  n: number;
  figures: StepFigure[];
  /** Each master's keys and used_memory once every step ran. */
  spread: NodeUsage[];
}

/** Starts its own Redis (or 3-master Redis Cluster), measures on a fresh store, and stops it again. */
export async function runCapacity(
  backend: CapacityBackend,
  n: number,
  log: (line: string) => void,
): Promise<CapacityResult> {
  const server = backend === 'redis' ? await startRedis('capacity-redis') : await startCluster();
  const ports = server instanceof RedisProcess ? [server.port] : server.nodes.map((node) => node.port);
  const connection: RedisConnection =
    server instanceof RedisProcess
      ? server.url
      : { clusterNodes: ports.map((port) => ({ host: '127.0.0.1', port })) };
  const store = createRedisSessionStore(connection, { commandTimeoutMs: 30_000 });
  const probe = new RedisUsageProbe(ports);
  try {
    await store.ping();
    const figures = await new CapacitySteps(store, probe, n).run(log);
    return { backend, n, figures, spread: (await probe.read()).nodes };
  } finally {
    probe.close();
    await store.close();
    await server.destroy();
  }
}

async function startCluster(): Promise<RedisClusterProcess> {
  const cluster = new RedisClusterProcess({ masters: 3, persistence: false, logDir: LOG_DIR });
  await cluster.start();
  return cluster;
}

/** The figures as a text table: one row per step, one pair of columns per backend. */
export function formatCapacity(results: readonly CapacityResult[]): string {
  const header = ['item', ...results.flatMap((r) => [`bytes (${r.backend})`, `keys (${r.backend})`])];
  const rows = results[0].figures.map((f, i) => [
    f.step,
    ...results.flatMap((r) => [
      Math.round(r.figures[i].bytesPerItem).toString(),
      r.figures[i].keysPerItem.toFixed(2),
    ]),
  ]);
  const lines = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c].length)));
  const text = lines.map((l) => l.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  for (const r of results) {
    const total = r.spread.reduce((sum, s) => sum + s.keys, 0);
    const spread = r.spread
      .map((s) => `:${s.port} ${s.keys} keys (${((100 * s.keys) / total).toFixed(1)}%), ${mib(s.usedMemory)}`)
      .join('; ');
    text.push(`${r.backend}, ${r.n} items per step, keys per node at the end: ${spread}`);
  }
  return text.join('\n');
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
