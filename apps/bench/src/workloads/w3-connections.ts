import { sleep } from '@cim/local-cluster';
import { CpuMeter, rssKib } from '../cluster/proc';
import { nowUs } from '../load/limit';
import { LoadPool } from '../load/load-pool';
import { round, withRun, WorkloadContext } from './context';
import { SystemUnderTest } from './system';

export interface W3Result {
  requested: number;
  connections: number;
  failed: number;
  firstError?: string;
  sourceAddresses: number;
  registrationsPerSec?: number;
  loginsPerSec: number;
  /** cim: the logins answered 503 busy on the way (each asked again after the Retry-After). */
  loginsBusy?: number;
  rampSec: number;
  /**
   * cim: the same users dropped and brought back with their resume credentials (HTTP resume, TCP
   * connect, LOGIN, LOGIN_ACK; no password hash), per second.
   */
  resumesPerSec?: number;
  resumesFailed?: number;
  /** The resumes answered 503 busy on the way. */
  resumesBusy?: number;
  /** CPU use during the comeback, in percent of one core. */
  resumeCpu?: Record<string, number>;
  /** The same, as CPU µs per resume of each process. */
  resumeCpuUs?: Record<string, number>;
  rssBeforeKib: number;
  rssAfterKib: number;
  bytesPerConnection: number;
  /** CPU use during the ramp, in percent of one core. */
  cpu: Record<string, number>;
}

/** Source addresses per loopback address: fewer than the ~28k ephemeral ports of each. */
const PER_SOURCE_ADDRESS = 20_000;
const SETTLE_MS = 3_000;

/**
 * W3: logged-in idle connections held by one server. Logins per second over the whole ramp (HTTP
 * login, TCP connect, LOGIN, LOGIN_ACK); the server's RSS before the ramp and after it settles. For
 * cim, then every connection is dropped and comes back by resume: resumes per second the same way.
 */
export async function runConnections(
  ctx: WorkloadContext,
  system: SystemUnderTest,
  requested: number,
  connections: number,
  workers: number,
): Promise<W3Result> {
  const tag = `${system.name}-w3`;
  return withRun(ctx, system, 1, tag, workers, async (pool) => {
    const registering = performance.now();
    const users = await system.users(connections);
    const registrationsPerSec =
      system.name === 'cim'
        ? Math.round(connections / ((performance.now() - registering) / 1000))
        : undefined;
    ctx.log(`${tag}: ${users.length} users ready; ramping up`);
    const sources = Math.max(workers, Math.ceil(connections / PER_SOURCE_ADDRESS));
    const addresses = Array.from({ length: sources }, (_, i) => `127.0.0.${i + 2}`);
    const [server] = system.servers();
    const rssBeforeKib = rssKib(server.pid);
    const meter = new CpuMeter(() => [...system.processes(), ...pool.processes()]);
    meter.begin();
    const started = performance.now();
    const fromUs = nowUs();
    const { placed, failed, busy, firstError } = await pool.connect(
      system.connectTarget(),
      users,
      64,
      addresses,
    );
    const rampSec = (performance.now() - started) / 1000;
    const cpu = meter.end();
    ctx.windows.push({ tag, fromUs, toUs: nowUs(), label: 'logins' });
    ctx.log(
      `${tag}: ${placed.length} connected in ${rampSec.toFixed(1)} s (${failed} failed, ${busy} answered busy); settling`,
    );
    await sleep(SETTLE_MS);
    const rssAfterKib = rssKib(server.pid);
    const resumed =
      system.name === 'cim' ? await resumeAll(ctx, tag, pool, system, meter, addresses) : undefined;
    return {
      requested,
      connections: placed.length,
      failed,
      firstError,
      sourceAddresses: sources,
      registrationsPerSec,
      loginsPerSec: Math.round(placed.length / rampSec),
      loginsBusy: system.name === 'cim' ? busy : undefined,
      rampSec: round(rampSec, 2)!,
      resumesPerSec: resumed && Math.round(resumed.perSec),
      resumesFailed: resumed?.failed,
      resumesBusy: resumed?.busy,
      resumeCpu: resumed?.cpu,
      resumeCpuUs: resumed && perEvent(resumed.cpu, resumed.perSec),
      rssBeforeKib,
      rssAfterKib,
      bytesPerConnection: placed.length
        ? Math.round(((rssAfterKib - rssBeforeKib) * 1024) / placed.length)
        : 0,
      cpu,
    };
  });
}

/**
 * Drops every connection, lets the server see them go, and brings them back by resume: the rate, and
 * each process's CPU over the comeback (a measured window of its own, labelled `resumes`, for --profile).
 */
async function resumeAll(
  ctx: WorkloadContext,
  tag: string,
  pool: LoadPool,
  system: SystemUnderTest,
  meter: CpuMeter,
  addresses: string[],
): Promise<{ perSec: number; failed: number; busy: number; cpu: Record<string, number> }> {
  await pool.drop();
  await sleep(SETTLE_MS);
  meter.begin();
  const started = performance.now();
  const fromUs = nowUs();
  const { placed, failed, busy, firstError } = await pool.resume(system.connectTarget(), 64, addresses);
  const seconds = (performance.now() - started) / 1000;
  const cpu = meter.end();
  ctx.windows.push({ tag, fromUs, toUs: nowUs(), label: 'resumes' });
  ctx.log(
    `${tag}: ${placed.length} resumed in ${seconds.toFixed(1)} s (${failed} failed, ${busy} answered busy)`,
  );
  if (firstError) ctx.log(`${tag}: first resume error: ${firstError}`);
  return { perSec: placed.length / seconds, failed, busy, cpu };
}

/** CPU in percent of one core, as µs per event at `perSec` events a second. */
function perEvent(cpu: Record<string, number>, perSec: number): Record<string, number> {
  const us: Record<string, number> = {};
  for (const [name, percent] of Object.entries(cpu)) us[name] = Math.round((percent * 1e4) / perSec);
  return us;
}
