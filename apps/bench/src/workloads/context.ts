import { CpuMeter } from '../cluster/proc';
import { sleep } from '@cim/local-cluster';
import { nowUs } from '../load/limit';
import { LoadPool, LoadReport } from '../load/load-pool';
import { BenchOptions, WorkloadPlan } from '../options';
import { RedisUsageProbe } from '../capacity/redis-usage';
import { SystemUnderTest } from './system';

/** The measured interval of one run, on the monotonic clock that --cpu-prof timestamps use. */
export interface MeasuredWindow {
  tag: string;
  fromUs: number;
  toUs: number;
  /** What the window measures, when a workload's processes have more than one (W3: logins, resumes). */
  label?: string;
}

export interface WorkloadContext {
  options: BenchOptions;
  /** Where the load workers write their profiles, with --profile. */
  profileDir?: string;
  plan: WorkloadPlan;
  log: (line: string) => void;
  windows: MeasuredWindow[];
}

export interface Measured {
  report: LoadReport;
  seconds: number;
  /** CPU use of each process over the window, in percent of one core. */
  cpu: Record<string, number>;
}

/** Lets the senders run through the warm-up, then counts over the measured duration. */
export async function measure(
  ctx: WorkloadContext,
  tag: string,
  system: SystemUnderTest,
  pool: LoadPool,
): Promise<Measured> {
  const meter = new CpuMeter(() => [
    ...system.processes(),
    ...pool.processes(),
    { label: 'bench', pid: process.pid },
  ]);
  await sleep(ctx.options.warmupSec * 1000);
  await pool.mark();
  const fromUs = nowUs();
  meter.begin();
  await sleep(ctx.options.durationSec * 1000);
  const cpu = meter.end();
  const report = await pool.stopSenders();
  const toUs = nowUs();
  ctx.windows.push({ tag, fromUs, toUs });
  return { report, seconds: (toUs - fromUs) / 1e6, cpu };
}

export function round(value: number | undefined, digits = 0): number | undefined {
  if (value === undefined) return undefined;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Redis memory (used_memory) and keys (DBSIZE) of the system's Redis, before and after a workload. */
export interface RedisBeforeAfter {
  before: { usedMemory: number; keys: number };
  after: { usedMemory: number; keys: number };
}

/**
 * Starts the system afresh and a load pool, runs fn, and stops both whatever happens. A system that
 * shows its Redis gets the Redis memory and keys before and after fn added to the result (`redis`).
 */
export async function withRun<T extends object>(
  ctx: WorkloadContext,
  system: SystemUnderTest,
  servers: number,
  tag: string,
  workers: number,
  fn: (pool: LoadPool) => Promise<T>,
): Promise<T & { redis?: RedisBeforeAfter }> {
  let pool: LoadPool | undefined;
  let probe: RedisUsageProbe | undefined;
  try {
    await system.start(servers, tag);
    probe = system.redisPorts ? new RedisUsageProbe(system.redisPorts()) : undefined;
    const before = await probe?.read();
    pool = LoadPool.start(workers, ctx.profileDir ? { dir: ctx.profileDir, tag } : undefined);
    const result = await fn(pool);
    const after = await probe?.read();
    if (!before || !after) return result;
    const usage = ({ usedMemory, keys }: { usedMemory: number; keys: number }) => ({ usedMemory, keys });
    return { ...result, redis: { before: usage(before), after: usage(after) } };
  } finally {
    probe?.close();
    await pool?.stop();
    await system.stop();
  }
}
