// node dist/apps/bench/apps/bench/src/accept/accept-path-main.js [messages]
// The accept path alone: RedisSessionStore.acceptMessage in W1's shape (200 senders, each with its own
// receiver online, 4 numbered SENDs in flight each; each receiver acknowledges every 4 messages), on a
// redis-server of its own. After a warm-up of as many messages, prints this process's CPU and Redis's
// CPU per message and Redis's commands per message (INFO commandstats, scripts' own commands included).
import Redis from 'ioredis';
import { RedisProcess } from '@cim/local-cluster';
import { createRedisSessionStore, RedisSessionStore } from '@cim/session-store';

const SENDERS = 200;
const IN_FLIGHT = 4;
const DAY_MS = 86_400_000;
const ledger = { cap: 1000, ttlMs: 7 * DAY_MS };
const history = { maxMessages: 10_000, ttlMs: 30 * DAY_MS };

/** Sends `total` messages over SENDERS × IN_FLIGHT lanes; `seqs` carries each session's last seq. */
async function run(store: RedisSessionStore, total: number, seqs: number[], ids: { next: number }) {
  let sent = 0;
  const unacked = new Map<string, string[]>();
  const lane = async (s: number) => {
    const senderId = String(10_001 + s);
    const receiverId = String(10_001 + SENDERS + s);
    while (sent++ < total) {
      const seq = (seqs[s] = (seqs[s] ?? 0) + 1);
      const messageId = String(1e12 + ids.next++);
      const message = {
        ...{ messageId, seq: 0, senderId, senderName: `u${s}`, receiverId, kind: 'private' as const },
        ...{ body: 'x'.repeat(64), sentAt: Date.now() },
      };
      await store.acceptMessage({
        conversation: `p:${senderId}:${receiverId}`,
        message,
        dedup: { senderId, clientMessageId: `c${seq}`, windowMs: 600_000, sendSeq: { session: 'w1', seq } },
        receiver: { userId: receiverId, ledger },
        history,
        sequenceTtlMs: 7 * DAY_MS,
      });
      const waiting = [...(unacked.get(receiverId) ?? []), messageId];
      unacked.set(receiverId, waiting.length >= IN_FLIGHT ? [] : waiting);
      if (waiting.length >= IN_FLIGHT) await store.acknowledge(receiverId, waiting);
    }
  };
  await Promise.all(Array.from({ length: SENDERS * IN_FLIGHT }, (_, i) => lane(i % SENDERS)));
}

async function redisCpuUs(admin: Redis): Promise<number> {
  const info = await admin.info('cpu');
  const used = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)![1]);
  return (used('used_cpu_user') + used('used_cpu_sys')) * 1e6;
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 10_000);
  const redis = new RedisProcess({ label: 'accept-path', persistence: false });
  await redis.start();
  const store = createRedisSessionStore(redis.url);
  const admin = new Redis(redis.url);
  try {
    for (let i = 0; i < 2 * SENDERS; i++) {
      const route = { userId: String(10_001 + i), serverId: `im-${i % 2}`, sessionId: `s${i}`, since: 1 };
      await store.claimOnline(route);
    }
    const seqs: number[] = [];
    const ids = { next: 0 };
    await run(store, total, seqs, ids);
    await admin.config('RESETSTAT');
    const redisBefore = await redisCpuUs(admin);
    const before = process.cpuUsage();
    const started = process.hrtime.bigint();
    await run(store, total, seqs, ids);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(before);
    const redisUs = (await redisCpuUs(admin)) - redisBefore;
    const calls: Record<string, number> = {};
    for (const [, name, n] of (await admin.info('commandstats')).matchAll(/cmdstat_([\w|]+):calls=(\d+)/g))
      calls[name] = Number(n);
    const perMessage = (n: number) => Math.round((n / total) * 100) / 100;
    const commands = Object.entries(calls).filter(([name]) => !/^(info|config)/.test(name));
    console.log(
      JSON.stringify({
        messages: total,
        perSec: Math.round(total / seconds),
        clientCpuUsPerMessage: perMessage(cpu.user + cpu.system),
        redisCpuUsPerMessage: perMessage(redisUs),
        commandsPerMessage: perMessage(commands.reduce((sum, [, n]) => sum + n, 0)),
        scriptCallsPerMessage: perMessage((calls.evalsha ?? 0) + (calls.eval ?? 0)),
        perCommand: Object.fromEntries(commands.map(([name, n]) => [name, perMessage(n)])),
      }),
    );
  } finally {
    await store.close();
    await admin.quit();
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
