import Redis from 'ioredis';
import { PasswordHasher } from '@cim/auth';
import { createRedisSessionStore } from '@cim/session-store';
import { AppProcess } from '../harness/app-process';
import { Cluster } from '../harness/cluster';
import { eventually } from '../harness/eventually';
import { readCounters } from '../harness/gateway-counters';
import { IdleClientHosts } from '../harness/idle-client-hosts';
import { peakWithin, SDK_PASSWORD } from '../harness/sdk-user';
import { onlineIds, unique } from './run-helpers';

const CLIENTS = 5000;
/** Child processes holding the clients: one Jest process cannot carry 5,000 SDK clients and check them. */
const HOSTS = 2;
/**
 * The clients' source addresses: loopback gives each about 28,000 ephemeral ports towards one
 * destination, and other suites on the machine connect from 127.0.0.1.
 */
const SOURCES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];
/**
 * Long enough for a two-core machine loaded many times over (two CPU burners beside the suite, load
 * average 10-30), where the gateway grants some 40 resumes a second: the crowd needs two minutes at
 * that rate, and its clients back off up to 30 s between busy answers.
 */
const ALL_BACK_MS = 420_000;

/**
 * 5,000 idle SDK clients, in child processes and from several source addresses, on one im-server that
 * is then killed (SIGKILL): every one of them comes back on the two others by resume (no password),
 * and the suite prints how long that took and at what rate the gateway granted the resumes. The longest
 * suite: logging 5,000 clients in alone takes minutes on a busy two-core machine.
 */
describe('fault: SIGKILL of an im-server holding 5,000 idle clients', () => {
  let cluster: Cluster;
  let hosts: IdleClientHosts;
  const userIds: string[] = [];

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 1 });
    // Written to the store directly, with one password hash for all: registering thousands through the
    // gateway would hash as many times before the test begins.
    const store = createRedisSessionStore(cluster.redis.url);
    const hash = await new PasswordHasher({ N: 1024, r: 8, p: 1 }).hash(SDK_PASSWORD);
    const users = [];
    for (let i = 0; i < CLIENTS; i += 500) {
      const names = Array.from({ length: Math.min(500, CLIENTS - i) }, (_, j) => unique(`k${i + j}`));
      const created = await Promise.all(names.map((name) => store.createUser(name, hash)));
      users.push(...created.map((user, j) => ({ name: names[j], userId: user.id })));
    }
    await store.close();
    userIds.push(...users.map((u) => u.userId).sort());
    hosts = IdleClientHosts.fork(HOSTS);
    const loginsAt = Date.now();
    await hosts.start(cluster.gatewayUrl, SDK_PASSWORD, users, SOURCES, 50);
    console.log(`${CLIENTS} clients logged in in ${((Date.now() - loginsAt) / 1000).toFixed(0)} s`);
    await cluster.addServer();
    await cluster.addServer();
  }, 1_200_000);

  afterAll(async () => {
    await hosts?.stop();
    await cluster?.stop();
  }, 120_000);

  it(
    'brings every client back online on the other servers, by resume',
    async () => {
      // Some may have come back by resume already (a heartbeat missed on the busy machine): all on im-1.
      expect(await hosts.status()).toMatchObject({ readyOn: { 'im-1': CLIENTS }, notReady: {} });
      const before = await readCounters(cluster.gatewayInternalUrls);
      const killedAt = Date.now();
      const progress: string[] = [];
      await cluster.servers[0].stop('SIGKILL');
      // How many are back at each look: printed whatever the outcome, it shows where the time went.
      const allBack = async () => {
        const { readyOn, notReady } = await hosts.status();
        const back = (readyOn['im-2'] ?? 0) + (readyOn['im-3'] ?? 0);
        progress.push(`${((Date.now() - killedAt) / 1000).toFixed(0)} s: ${back}`);
        expect({ back, readyOn, notReady }).toEqual({
          back: CLIENTS,
          readyOn: expect.not.objectContaining({ 'im-1': expect.anything() }) as unknown,
          notReady: {},
        });
      };
      try {
        await eventually(allBack, ALL_BACK_MS, 1000);
      } finally {
        console.log(`clients back after the SIGKILL: ${progress.join(', ')}`);
      }
      const seconds = (Date.now() - killedAt) / 1000;
      const after = await readCounters(cluster.gatewayInternalUrls);

      expect((await hosts.status()).byPassword).toBe(0);
      expect(after.passwordChecks - before.passwordChecks).toBe(0);
      const resumes = after.resumes - before.resumes;
      const shed = after.shed - before.shed;
      expect(resumes).toBeGreaterThanOrEqual(CLIENTS);
      const redis = new Redis(cluster.redis.url);
      try {
        await eventually(async () => expect(await onlineIds(redis)).toEqual(userIds), 60_000, 1000);
      } finally {
        redis.disconnect();
      }
      const refusedLogins = await Promise.all(cluster.servers.slice(1).map(unavailableAnswers));
      const { reconnectMs, backAt, attempts } = await hosts.report();
      reconnectMs.sort((a, b) => a - b);
      const { readyOn } = await hosts.status();
      console.log(
        `SIGKILL of an im-server holding ${CLIENTS} idle clients (${HOSTS} processes, ${SOURCES.length} ` +
          `source addresses): all back online in ${seconds.toFixed(1)} s, ${resumes} resumes ` +
          `(${Math.round(resumes / seconds)} resumes/s), ${shed} answered 503 busy, ` +
          `${refusedLogins.join(' + ')} LOGINs answered UNAVAILABLE by im-2 + im-3; per client p50 ${reconnectMs[CLIENTS / 2]} ms, ` +
          `p99 ${reconnectMs[Math.floor(CLIENTS * 0.99)]} ms; ${attempts.filter((n) => n > 1).length} ` +
          `clients needed more than one attempt; peak ${peakWithin(backAt, 1000)} back in 1 s; ` +
          `now on ${JSON.stringify(readyOn)}`,
      );
    },
    ALL_BACK_MS + 180_000,
  );
});

/** The ERRORs UNAVAILABLE an im-server sent (LOGINs it was too busy for, or could not confirm), from its /metrics. */
async function unavailableAnswers(server: AppProcess): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${server.env.CIM_IM_HTTP_PORT}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('cim_errors_total{') && l.includes('cause="unavailable"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}
