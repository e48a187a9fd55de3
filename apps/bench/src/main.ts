// npm run bench -- [--only W1,W1L,W2,W3,W4,capacity,soak] [--soak-messages N] [--soak-history N] [--capacity-cluster] [--peer socketio] [--carrier tcp|ws] [--connections N] [--duration S] [--quick] [--profile]
// Starts Redis, ZooKeeper, the route-gateway and the im-servers from dist/ on loopback (and, with
// --peer socketio, two Socket.IO nodes), runs the workloads, prints the table, writes
// .tmp/bench/results.json, and stops everything it started.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, release, totalmem } from 'node:os';
import { CapacityResult, formatCapacity, runCapacity } from './capacity/run-capacity';
import { CimCluster, PROFILE_DIR } from './cluster/cim-cluster';
import { appMain, repoRoot } from '@cim/local-cluster';
import { benchDir } from './cluster/paths';
import { hardFdLimit } from './cluster/proc';
import { BenchOptions, connectionCap, parseArgs, planFor, USAGE, WorkloadId } from './options';
import { SOCKETIO_CARRIER, SocketIoCluster } from './peer/peer-cluster';
import { summarizeProfiles } from './profile/profiles';
import { Results, resultRows, SystemResults } from './report/rows';
import { Carriers, formatTable } from './report/table';
import { RedisBeforeAfter, WorkloadContext } from './workloads/context';
import { SystemName, SystemUnderTest } from './workloads/system';
import { runPrivate } from './workloads/w1-private';
import { runSoak, SoakResult } from './workloads/soak';
import { runGroup } from './workloads/w2-group';
import { runConnections } from './workloads/w3-connections';
import { runMembership } from './workloads/w4-membership';

/** W3's load workers hold at most this many connections each (one process has 20,000 descriptors here). */
const CONNECTIONS_PER_WORKER = 15_000;
const started = Date.now();
const log = (line: string) =>
  console.error(`[bench +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

/** Which code ran: the commit, whether the tree had changes, and when dist/ was built. */
function revision() {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    } catch {
      return undefined;
    }
  };
  const stamp = join(repoRoot(), 'dist', '.built');
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedChanges: !!git('status', '--porcelain', '--', 'apps', 'libs', 'proto'),
    distBuiltAt: existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : undefined,
  };
}

function machine() {
  const fdHard = hardFdLimit();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
    fdHardLimit: Number.isFinite(fdHard) ? fdHard : 'unlimited',
  };
}

async function run(options: BenchOptions): Promise<void> {
  for (const app of ['route-gateway', 'im-server'])
    if (!existsSync(appMain(app))) throw new Error(`${appMain(app)} is missing: run npm run build`);
  const plan = planFor(options);
  const notes: string[] = [];
  const fdHard = hardFdLimit();
  const fdLimit = Math.min(fdHard, 1_000_000);
  const cap = connectionCap(fdHard);
  const w3Connections = Math.min(plan.w3.connections, cap);
  if (w3Connections < plan.w3.connections && options.only.includes('W3'))
    notes.push(
      `W3 asked for ${plan.w3.connections} connections; one process may open at most ${fdHard} files here ` +
        `(ulimit -Hn, not raisable without CAP_SYS_RESOURCE), so W3 held ${w3Connections}.`,
    );
  const w3Workers = Math.max(options.workers, Math.ceil(w3Connections / CONNECTIONS_PER_WORKER));
  if (options.profile) {
    rmSync(PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(PROFILE_DIR, { recursive: true });
  }
  const ctx: WorkloadContext = {
    options,
    plan,
    log,
    windows: [],
    profileDir: options.profile ? PROFILE_DIR : undefined,
  };
  const systems: [SystemName, () => SystemUnderTest][] = [
    [
      'cim',
      () =>
        new CimCluster({
          fdLimit,
          profile: options.profile,
          gateways: options.gateways,
          carrier: options.carrier,
        }),
    ],
  ];
  if (options.peer) systems.push(['socketio', () => new SocketIoCluster(fdLimit)]);
  const results: Results = { cim: {} };
  if (options.peer) results.socketio = {};
  const runners: Record<WorkloadId, (system: SystemUnderTest) => Promise<object>> = {
    W1: (s) => runPrivate(ctx, s, plan.w1, 'w1'),
    W1L: (s) => runPrivate(ctx, s, plan.w1l, 'w1l'),
    W2: (s) => runGroup(ctx, s),
    W3: (s) => runConnections(ctx, s, plan.w3.connections, w3Connections, w3Workers),
    W4: (s) => runMembership(ctx, s),
  };
  for (const workload of options.only) {
    for (const [name, make] of systems) {
      log(`${workload} on ${name}`);
      const outcome = await runners[workload](make()).catch((error: Error) => ({ error: error.message }));
      (results[name] as Record<string, unknown>)[workload] = outcome;
      log(`${workload} on ${name}: ${JSON.stringify(outcome)}`);
    }
  }
  let soak: SoakResult | { error: string } | undefined;
  if (options.soak) {
    log(`soak on cim: ${plan.soak.messages} messages`);
    soak = await runSoak(
      ctx,
      new CimCluster({
        fdLimit,
        profile: false,
        gateways: options.gateways,
        carrier: options.carrier,
        env: { CIM_HISTORY_MAX_MESSAGES: String(options.soakHistory) },
      }),
      plan.soak,
    ).catch((error: Error) => ({ error: error.message }));
    log(`soak on cim: ${JSON.stringify(soak)}`);
  }
  const capacity: CapacityResult[] = [];
  if (options.capacity)
    for (const backend of options.capacityCluster ? (['redis', 'cluster'] as const) : (['redis'] as const)) {
      log(`capacity on ${backend}, ${options.capacityItems} items per step`);
      capacity.push(await runCapacity(backend, options.capacityItems, log));
    }
  const carriers: Carriers = { cim: options.carrier, socketio: options.peer ? SOCKETIO_CARRIER : undefined };
  const rows = resultRows(results, plan.w3.connections, carriers);
  if (options.only.length) console.log(`\n${formatTable(rows, carriers)}\n`);
  if (capacity.length)
    console.log(
      `\nRedis per item (used_memory and DBSIZE, before and after each step, divided by the items):\n${formatCapacity(capacity)}\n`,
    );
  for (const [name, byWorkload] of Object.entries(results) as [string, SystemResults][])
    for (const [workload, outcome] of Object.entries(byWorkload))
      if (outcome && 'cpu' in outcome)
        console.log(
          `${workload} ${name} CPU, % of one core: ${JSON.stringify((outcome as { cpu: object }).cpu)}`,
        );
  for (const [workload, outcome] of Object.entries(results.cim) as [string, object][])
    if ('resumeCpuUs' in outcome && outcome.resumeCpuUs)
      console.log(`${workload} cim CPU per resume, µs: ${JSON.stringify(outcome.resumeCpuUs)}`);
  for (const [workload, outcome] of Object.entries(results.cim) as [string, object][])
    if ('redis' in outcome)
      console.log(`${workload} cim Redis: ${redisChange(outcome.redis as RedisBeforeAfter)}`);
  if (soak) console.log(`\n${formatSoak(soak)}`);
  notes.forEach((n) => console.log(`note: ${n}`));
  const profiles = options.profile ? summarizeProfiles(ctx.windows) : undefined;
  if (profiles) console.log(`\n${profiles.text}`);
  const file = benchDir('results.json');
  mkdirSync(benchDir(), { recursive: true });
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const document = {
    command,
    date: new Date().toISOString(),
    machine: machine(),
    revision: revision(),
    options,
    plan,
    notes,
    carriers,
    results,
    rows,
    capacity,
    soak,
  };
  writeFileSync(file, JSON.stringify({ ...document, profiles: profiles?.json }, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
}

/** Redis memory and keys before and after one workload, as one line. */
function redisChange({ before, after }: RedisBeforeAfter): string {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  return (
    `used_memory ${mib(before.usedMemory)} -> ${mib(after.usedMemory)}, ` +
    `keys ${before.keys} -> ${after.keys}`
  );
}

/** The soak's outcome: throughput, whether every message arrived once, and Redis before and after. */
function formatSoak(soak: SoakResult | { error: string }): string {
  if ('error' in soak) return `soak failed: ${soak.error}`;
  const lines = [
    `soak: ${soak.sent} messages from ${soak.senders} senders (${soak.users} users, ${soak.window} in flight) ` +
      `in ${soak.seconds} s, ${soak.sentPerSec}/s`,
    `soak: acked ${soak.acked}, received ${soak.unique} distinct, ${soak.duplicates} duplicates, ` +
      `${soak.lost} lost, ${soak.errors} errors${soak.firstError ? ` (first: ${soak.firstError})` : ''}`,
  ];
  if (soak.redis) {
    const { before, after } = soak.redis;
    lines.push(`soak Redis: ${redisChange(soak.redis)}`);
    if (soak.redisAtHalf)
      lines.push(
        `soak Redis at half of the messages: ${(soak.redisAtHalf.usedMemory / 2 ** 20).toFixed(1)} MiB, ` +
          `keys ${soak.redisAtHalf.keys}`,
      );
    const perMessage = (after.usedMemory - before.usedMemory) / Math.max(1, soak.sent);
    lines.push(`soak Redis growth per message sent: ${perMessage.toFixed(2)} bytes`);
  }
  if (soak.keysByKind)
    lines.push(
      `soak Redis after, by kind of key (MEMORY USAGE): ` +
        soak.keysByKind
          .map((k) => `${k.kind} ${k.keys} keys ${(k.bytes / 2 ** 20).toFixed(2)} MiB`)
          .join('; '),
    );
  return lines.join('\n');
}

function main(): void {
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  if (options.help) return console.log(USAGE);
  // Bounded in time whatever happens: past this, everything started is killed (see cluster/child.ts).
  const limitMs = (20 * 60 + options.connections / 20) * 1000;
  setTimeout(() => {
    log(`the bench ran for more than ${Math.round(limitMs / 60000)} minutes: stopping`);
    process.exit(3);
  }, limitMs).unref();
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  run(options).then(
    () => process.exit(0),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}

main();
