import { sleep } from '@cim/local-cluster';
import { KindUsage, RedisUsage, RedisUsageProbe } from '../capacity/redis-usage';
import { LoadPool, LoadProgress } from '../load/load-pool';
import { SenderSpec } from '../load/messages';
import { SoakShape } from '../options';
import { RedisBeforeAfter, withRun, WorkloadContext } from './context';
import { SystemUnderTest } from './system';
import { pairAcrossServers } from './w1-private';

export interface SoakResult extends SoakShape {
  seconds: number;
  sentPerSec: number;
  sent: number;
  acked: number;
  /** Receipts at receivers, duplicates included. */
  delivered: number;
  /** Distinct messages received. */
  unique: number;
  duplicates: number;
  /** Messages acknowledged to their sender but never received. */
  lost: number;
  errors: number;
  firstError?: string;
  /** Redis once half of the messages were received. */
  redisAtHalf?: { usedMemory: number; keys: number };
  redis?: RedisBeforeAfter;
  /** Redis after the run, per kind of key: what is send windows, what is history. */
  keysByKind?: KindUsage[];
}

const BODY_BYTES = 64;
const PROGRESS_EVERY_MS = 10_000;
/** The soak gives up waiting for deliveries after this long without any. */
const STALL_MS = 60_000;

/**
 * A soak of private messaging: `senders` users over two servers each send `messages / senders`
 * messages to one receiver on the other server, `window` in flight; then every message is checked
 * to have been received once, and Redis is read again once the ledgers have drained.
 */
export async function runSoak(
  ctx: WorkloadContext,
  system: SystemUnderTest,
  shape: SoakShape,
): Promise<SoakResult> {
  const tag = `${system.name}-soak`;
  return withRun(ctx, system, 2, tag, ctx.options.workers, async (pool) => {
    const users = await system.users(shape.users);
    const { placed, failed, firstError } = await pool.connect(system.connectTarget(), users, 32);
    if (failed) throw new Error(`${failed} of ${shape.users} users could not connect: ${firstError}`);
    const serverOf = new Map(placed.map((p) => [p.userId, p.server]));
    const pairs = pairAcrossServers(users, serverOf, shape.senders);
    const perSender = Math.ceil(shape.messages / pairs.length);
    const workerOf = pool.workerOf(users);
    const byWorker: SenderSpec[][] = Array.from({ length: pool.size }, () => []);
    for (const [sender, receiver] of pairs)
      byWorker[workerOf.get(sender)!].push({
        userId: sender,
        receiverId: receiver,
        window: shape.window,
        count: perSender,
      });
    const probe = system.redisPorts ? new RedisUsageProbe(system.redisPorts()) : undefined;
    try {
      await pool.mark();
      const started = Date.now();
      await pool.startSenders(byWorker, BODY_BYTES);
      ctx.log(`${tag}: ${pairs.length} senders, ${perSender} messages each`);
      const { progress, redisAtHalf } = await untilDelivered(ctx, pool, probe, pairs.length * perSender, tag);
      const seconds = (Date.now() - started) / 1000;
      await pool.stopSenders();
      if (probe) await untilSettled(probe);
      const keysByKind = probe && (await probe.byKind());
      return {
        ...shape,
        seconds: Math.round(seconds),
        sentPerSec: Math.round(progress.sent / seconds),
        sent: progress.sent,
        acked: progress.acked,
        delivered: progress.delivered,
        unique: progress.unique,
        duplicates: progress.duplicates,
        lost: Math.max(0, progress.acked - progress.unique),
        errors: progress.errors,
        firstError: progress.firstError,
        redisAtHalf,
        keysByKind,
      };
    } finally {
      probe?.close();
    }
  });
}

/** Polls until every message was answered and received, or nothing moved for STALL_MS. */
async function untilDelivered(
  ctx: WorkloadContext,
  pool: LoadPool,
  probe: RedisUsageProbe | undefined,
  total: number,
  tag: string,
): Promise<{ progress: LoadProgress; redisAtHalf?: { usedMemory: number; keys: number } }> {
  let redisAtHalf: { usedMemory: number; keys: number } | undefined;
  let last = -1;
  let movedAt = Date.now();
  let loggedAt = 0;
  for (;;) {
    const progress = await pool.progress();
    if (!redisAtHalf && probe && progress.unique >= total / 2) {
      const { usedMemory, keys }: RedisUsage = await probe.read();
      redisAtHalf = { usedMemory, keys };
    }
    const answered = progress.acked + progress.errors >= total;
    if (answered && progress.unique + progress.errors >= total) return { progress, redisAtHalf };
    const moved = progress.delivered + progress.acked + progress.errors;
    if (moved !== last) [last, movedAt] = [moved, Date.now()];
    if (Date.now() - movedAt > STALL_MS) {
      ctx.log(`${tag}: nothing moved for ${STALL_MS / 1000} s: ${JSON.stringify(progress)}`);
      return { progress, redisAtHalf };
    }
    if (Date.now() - loggedAt >= PROGRESS_EVERY_MS) {
      loggedAt = Date.now();
      const redis = probe && (await probe.read());
      const held = redis ? `; Redis ${(redis.usedMemory / 2 ** 20).toFixed(1)} MiB, ${redis.keys} keys` : '';
      ctx.log(
        `${tag}: sent ${progress.sent}, acked ${progress.acked}, received ${progress.unique} of ${total}${held}`,
      );
    }
    await sleep(500);
  }
}

/** Waits (30 s at most) until Redis's key count holds still: the last acknowledgements have landed. */
async function untilSettled(probe: RedisUsageProbe): Promise<void> {
  let keys = (await probe.read()).keys;
  for (let i = 0; i < 30; i++) {
    await sleep(1000);
    const now = (await probe.read()).keys;
    if (now === keys) return;
    keys = now;
  }
}
