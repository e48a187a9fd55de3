import { measure, round, withRun, WorkloadContext } from './context';
import { SystemUnderTest } from './system';

export interface W2Result {
  receivers: number;
  window: number;
  seconds: number;
  deliveriesPerSec: number;
  messagesPerSec: number;
  p50Ms?: number;
  p99Ms?: number;
  errors: number;
  firstError?: string;
  cpu: Record<string, number>;
}

const BODY_BYTES = 64;

/** W2: users online over two servers; one of them broadcasts to the group back to back. */
export async function runGroup(ctx: WorkloadContext, system: SystemUnderTest): Promise<W2Result> {
  const { users: count, window } = ctx.plan.w2;
  const tag = `${system.name}-w2`;
  return withRun(ctx, system, 2, tag, ctx.options.workers, async (pool) => {
    const users = await system.users(count);
    ctx.log(`${tag}: ${users.length} users; connecting`);
    const { failed, firstError } = await pool.connect(system.connectTarget(), users, 32);
    if (failed) throw new Error(`${failed} of ${count} users could not connect: ${firstError}`);
    const sender = users[0].userId;
    const byWorker = Array.from({ length: pool.size }, (_, w) =>
      w === pool.workerOf(users).get(sender) ? [{ userId: sender, group: true, window }] : [],
    );
    await pool.startSenders(byWorker, BODY_BYTES);
    ctx.log(`${tag}: broadcasting`);
    const { report, seconds, cpu } = await measure(ctx, tag, system, pool);
    return {
      receivers: count - 1,
      window,
      seconds: round(seconds, 2)!,
      deliveriesPerSec: Math.round(report.delivered / seconds),
      messagesPerSec: round(report.acked / seconds, 1)!,
      p50Ms: round(report.latency.percentile(50), 2),
      p99Ms: round(report.latency.percentile(99), 2),
      errors: report.errors,
      firstError: report.firstError,
      cpu,
    };
  });
}
