import { SenderSpec } from '../load/messages';
import { PrivateShape } from '../options';
import { measure, round, withRun, WorkloadContext } from './context';
import { SystemUnderTest, UserSpec } from './system';

export interface W1Result {
  users: number;
  senders: number;
  window: number;
  seconds: number;
  deliveredPerSec: number;
  p50Ms?: number;
  p99Ms?: number;
  maxMs?: number;
  sentPerSec: number;
  /** Receipts of a message its receiver had already received (each message has one receiver). */
  duplicates: number;
  errors: number;
  firstError?: string;
  /** Connected users per server. */
  placement: Record<string, number>;
  cpu: Record<string, number>;
}

const BODY_BYTES = 64;

/**
 * W1 (and W1', its latency-bound shape): users over two servers; half the senders on each server, each
 * sending to a receiver on the other server with `window` messages in flight. Deliveries and latency
 * are counted at receivers.
 */
export async function runPrivate(
  ctx: WorkloadContext,
  system: SystemUnderTest,
  shape: PrivateShape,
  name: string,
): Promise<W1Result> {
  const { users: count, senders: senderCount, window } = shape;
  const tag = `${system.name}-${name}`;
  return withRun(ctx, system, 2, tag, ctx.options.workers, async (pool) => {
    const users = await system.users(count);
    ctx.log(`${tag}: ${users.length} users; connecting`);
    const { placed, failed, firstError } = await pool.connect(system.connectTarget(), users, 32);
    if (failed) throw new Error(`${failed} of ${count} users could not connect: ${firstError}`);
    const serverOf = new Map(placed.map((p) => [p.userId, p.server]));
    const pairs = pairAcrossServers(users, serverOf, senderCount);
    const workerOf = pool.workerOf(users);
    const byWorker: SenderSpec[][] = Array.from({ length: pool.size }, () => []);
    for (const [sender, receiver] of pairs)
      byWorker[workerOf.get(sender)!].push({ userId: sender, receiverId: receiver, window });
    await pool.startSenders(byWorker, BODY_BYTES);
    ctx.log(`${tag}: ${pairs.length} senders running`);
    const { report, seconds, cpu } = await measure(ctx, tag, system, pool);
    const placement: Record<string, number> = {};
    for (const server of serverOf.values()) placement[server] = (placement[server] ?? 0) + 1;
    return {
      users: count,
      senders: pairs.length,
      window,
      seconds: round(seconds, 2)!,
      deliveredPerSec: Math.round(report.delivered / seconds),
      p50Ms: round(report.latency.percentile(50), 2),
      p99Ms: round(report.latency.percentile(99), 2),
      maxMs: round(report.latency.max, 2),
      sentPerSec: Math.round(report.sent / seconds),
      duplicates: report.duplicates,
      errors: report.errors,
      firstError: report.firstError,
      placement,
      cpu,
    };
  });
}

/**
 * Senders taken alternately from the two servers, each with a receiver of its own among the other
 * server's users who do not send; when every user of a side sends (W1'), among all of the other side's.
 */
export function pairAcrossServers(
  users: UserSpec[],
  serverOf: Map<string, string>,
  senders: number,
): [string, string][] {
  const servers = [...new Set(users.map((u) => serverOf.get(u.userId)!))].sort();
  if (servers.length !== 2) throw new Error(`W1 needs users on two servers, got ${servers.join(', ')}`);
  const on = servers.map((s) => users.filter((u) => serverOf.get(u.userId) === s).map((u) => u.userId));
  const perSide = [Math.ceil(senders / 2), Math.floor(senders / 2)];
  const sending = on.map((ids, side) => ids.slice(0, perSide[side]));
  const receiving = on.map((ids, side) => (ids.length > perSide[side] ? ids.slice(perSide[side]) : ids));
  const pairs: [string, string][] = [];
  for (let side = 0; side < 2; side++) {
    const receivers = receiving[1 - side];
    if (!receivers.length) throw new Error('W1 has no receivers left on one server');
    sending[side].forEach((sender, i) => pairs.push([sender, receivers[i % receivers.length]]));
  }
  return pairs;
}
