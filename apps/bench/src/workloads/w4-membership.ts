import { CatchUpClient } from '../load/catch-up-client';
import { CimDoor } from '../load/cim-connection';
import { nowUs } from '../load/limit';
import { measure, round, withRun, WorkloadContext } from './context';
import { SystemUnderTest, UserSpec } from './system';

export interface W4CatchUp {
  /** Messages the returning device had missed, and how many its SYNCs brought. */
  missed: number;
  received: number;
  seconds: number;
  messagesPerSec: number;
}

export interface W4Result {
  members: number;
  online: number;
  seconds: number;
  deliveriesPerSec: number;
  messagesPerSec: number;
  p50Ms?: number;
  p99Ms?: number;
  errors: number;
  firstError?: string;
  cpu: Record<string, number>;
  /** cim: the returning device's SYNC; Socket.IO: not applicable, and why. */
  catchUp?: W4CatchUp | { notApplicable: string };
}

const BODY_BYTES = 64;
/** Why W4's catch-up has no Socket.IO side. */
const NO_CATCH_UP =
  'Socket.IO keeps no history: a room emit reaches the members online at that moment, and a member who ' +
  'comes back has nothing to sync from';
/** SENDs in flight while the missed messages are written (no fan-out: their group has two members). */
const CATCH_UP_SEND_WINDOW = 32;

/**
 * W4: a group with membership, of `members` users, `online` of them connected over two servers; one
 * online member sends to it back to back (the next after the SEND_ACK). Then, on cim, catch-up: a
 * member of another group misses `catchUp` messages while offline, comes back, and SYNCs them.
 */
export async function runMembership(ctx: WorkloadContext, system: SystemUnderTest): Promise<W4Result> {
  const { members, online, window, catchUp } = ctx.plan.w4;
  const tag = `${system.name}-w4`;
  return withRun(ctx, system, 2, tag, ctx.options.workers, async (pool) => {
    const users = await system.users(members + 2);
    const [owner, ...rest] = users.slice(0, members);
    const groupId = await system.createGroup(owner, rest);
    const connected = users.slice(0, online).map((u) => ({ ...u, groups: [groupId] }));
    ctx.log(`${tag}: group ${groupId} of ${members}; connecting ${online} of them`);
    const { failed, firstError } = await pool.connect(system.connectTarget(), connected, 32);
    if (failed) throw new Error(`${failed} of ${online} members could not connect: ${firstError}`);
    const sender = owner.userId;
    const byWorker = Array.from({ length: pool.size }, (_, w) =>
      w === pool.workerOf(connected).get(sender) ? [{ userId: sender, groupId, window }] : [],
    );
    await pool.startSenders(byWorker, BODY_BYTES);
    ctx.log(`${tag}: sending to the group`);
    const { report, seconds, cpu } = await measure(ctx, tag, system, pool);
    const result: W4Result = {
      members,
      online,
      seconds: round(seconds, 2)!,
      deliveriesPerSec: Math.round(report.delivered / seconds),
      messagesPerSec: round(report.acked / seconds, 1)!,
      p50Ms: round(report.latency.percentile(50), 2),
      p99Ms: round(report.latency.percentile(99), 2),
      errors: report.errors,
      firstError: report.firstError,
      cpu,
    };
    const target = system.connectTarget();
    if (target.kind !== 'cim') return { ...result, catchUp: { notApplicable: NO_CATCH_UP } };
    const [writer, returning] = users.slice(members);
    ctx.log(`${tag}: ${returning.name} misses ${catchUp} messages, then syncs them`);
    const caughtUp = await measureCatchUp(
      system,
      { gatewayUrl: target.gatewayUrls[0], carrier: target.carrier },
      target.password,
      writer,
      returning,
      catchUp,
    );
    return { ...result, catchUp: caughtUp };
  });
}

/**
 * A group of two: the writer sends `count` messages while the other member is offline; then that
 * member logs in and SYNCs the group from seq 0, page after page (SYNC_MAX_LIMIT each). Timed from its
 * first SYNC to the last page.
 */
async function measureCatchUp(
  system: SystemUnderTest,
  door: CimDoor,
  password: string,
  writer: UserSpec,
  returning: UserSpec,
  count: number,
): Promise<W4CatchUp> {
  const groupId = await system.createGroup(writer, [returning]);
  const sending = await CatchUpClient.open(door, writer.name, password);
  try {
    await sending.sendToGroup(groupId, count, CATCH_UP_SEND_WINDOW);
  } finally {
    sending.close();
  }
  const device = await CatchUpClient.open(door, returning.name, password);
  try {
    const startedUs = nowUs();
    const received = await device.syncAll(`g:${groupId}`, 0);
    const seconds = (nowUs() - startedUs) / 1e6;
    return {
      missed: count,
      received,
      seconds: round(seconds, 2)!,
      messagesPerSec: Math.round(received / seconds),
    };
  } finally {
    device.close();
  }
}
