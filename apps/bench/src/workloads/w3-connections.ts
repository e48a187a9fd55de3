import { sleep } from '@cim/local-cluster';
import { CpuMeter, rssKib } from '../cluster/proc';
import { nowUs } from '../load/limit';
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
  rampSec: number;
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
 * login, TCP connect, LOGIN, LOGIN_ACK); the server's RSS before the ramp and after it settles.
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
    const { placed, failed, firstError } = await pool.connect(system.connectTarget(), users, 64, addresses);
    const rampSec = (performance.now() - started) / 1000;
    const cpu = meter.end();
    ctx.windows.push({ tag, fromUs, toUs: nowUs() });
    ctx.log(`${tag}: ${placed.length} connected in ${rampSec.toFixed(1)} s (${failed} failed); settling`);
    await sleep(SETTLE_MS);
    const rssAfterKib = rssKib(server.pid);
    return {
      requested,
      connections: placed.length,
      failed,
      firstError,
      sourceAddresses: sources,
      registrationsPerSec,
      loginsPerSec: Math.round(placed.length / rampSec),
      rampSec: round(rampSec, 2)!,
      rssBeforeKib,
      rssAfterKib,
      bytesPerConnection: placed.length
        ? Math.round(((rssAfterKib - rssBeforeKib) * 1024) / placed.length)
        : 0,
      cpu,
    };
  });
}
