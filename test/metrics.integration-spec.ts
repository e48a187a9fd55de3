import { ErrorCode } from '@cim/protocol';
import { AdminApi } from './harness/admin-api';
import { ChatUser } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { http } from './harness/http';
import { metricValue, Sample, scrape } from './harness/prometheus';
import { RawClient } from './harness/raw-client';

/** /metrics, /health and /ready of every app of a real cluster, scraped around real traffic. */
describe('metrics and health', () => {
  let cluster: Cluster;
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;
  /** The HTTP base of im-N (1-based) or of the im-server with this id. */
  const imUrl = (server: number | string) =>
    `http://127.0.0.1:${cluster.httpPort(typeof server === 'number' ? server : Number(server.slice(3)))}`;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    await cluster.addAdmin();
  });

  afterAll(() => cluster?.stop());

  /** Scrapes every app; `delta` answers how far a metric moved since. */
  async function snapshot() {
    const urls = {
      gateway: cluster.gatewayInternalUrl,
      admin: cluster.adminInternalUrl,
      'im-1': imUrl(1),
      'im-2': imUrl(2),
    };
    const before = Object.fromEntries(
      await Promise.all(Object.entries(urls).map(async ([app, url]) => [app, await scrape(url)] as const)),
    ) as Record<keyof typeof urls, Sample[]>;
    return async (app: keyof typeof urls, name: string, labels: Record<string, string> = {}) => {
      const after = await scrape(urls[app]);
      return metricValue(after, name, labels) - metricValue(before[app], name, labels);
    };
  }

  it('counts logins on the gateway and on the im-servers', async () => {
    const delta = await snapshot();
    const users = await Promise.all(
      [1, 2, 3].map((i) => ChatUser.registered(cluster.gatewayUrl, unique(`lg${i}`))),
    );
    for (const user of users) await user.connect();
    expect(await delta('gateway', 'cim_logins_total')).toBe(3);
    expect((await delta('im-1', 'cim_logins_total')) + (await delta('im-2', 'cim_logins_total'))).toBe(3);
    await Promise.all(users.map((u) => u.logout()));
  });

  it('counts 3 private messages in on the gateway and out on the receiving server and to the sender as her own, and their route latency', async () => {
    const [alice, bob] = await Promise.all(
      [1, 2].map((i) => ChatUser.online(cluster.gatewayUrl, unique(`pm${i}`))),
    );
    const delta = await snapshot();
    for (const body of ['one', 'two', 'three'])
      expect((await alice.sendPrivate(bob.userId, body)).status).toBe(202);
    await bob.client!.until(() => bob.client!.messages().length >= 3, 5000, 'three messages');
    // Sent over HTTP, from no device: alice's connected device shows them as her own, from its server.
    await alice.client!.until(() => alice.client!.messages().length >= 3, 5000, 'her own three');
    const sentFromAlice = (server: string) => (alice.serverId === server ? 3 : 0);
    const receiving = bob.serverId as 'im-1' | 'im-2';
    const other = receiving === 'im-1' ? 'im-2' : 'im-1';
    expect(await delta(receiving, 'cim_messages_out_total', { kind: 'private' })).toBe(
      3 + sentFromAlice(receiving),
    );
    expect(await delta(other, 'cim_messages_out_total', { kind: 'private' })).toBe(sentFromAlice(other));
    expect(await delta('gateway', 'cim_messages_in_total', { kind: 'private' })).toBe(3);
    expect(await delta('gateway', 'cim_messages_out_total', { kind: 'private' })).toBe(3);
    // Each message is routed twice: to bob, and to alice's own connected device.
    expect(await delta('gateway', 'cim_route_latency_seconds_count')).toBe(6);
    expect(await delta('gateway', 'cim_route_latency_seconds_bucket', { le: '+Inf' })).toBe(6);
    await Promise.all([alice.logout(), bob.logout()]);
  });

  it('counts SEND frames in, group messages out, and offline deliveries at login', async () => {
    const [alice, bob] = await Promise.all(
      [1, 2].map((i) => ChatUser.online(cluster.gatewayUrl, unique(`up${i}`))),
    );
    const carol = await ChatUser.registered(cluster.gatewayUrl, unique('up3'));
    const delta = await snapshot();
    alice.client!.send({ requestId: 1, send: { clientMsgId: 'a', receiverId: bob.userId, body: 'tcp' } });
    alice.client!.send({ requestId: 2, send: { clientMsgId: 'b', group: true, body: 'all' } });
    await alice.client!.next('sendAck', (f) => f.requestId === 2);
    await alice.sendPrivate(carol.userId, 'later');
    await carol.connect();
    await carol.client!.until(() => carol.client!.messages().length >= 1, 5000, 'the inbox');
    expect(await delta(alice.serverId as 'im-1', 'cim_messages_in_total', { kind: 'private' })).toBe(1);
    expect(await delta(alice.serverId as 'im-1', 'cim_messages_in_total', { kind: 'group' })).toBe(1);
    expect(await delta('gateway', 'cim_messages_in_total', { kind: 'group' })).toBe(1);
    expect(await delta('gateway', 'cim_messages_out_total', { kind: 'group' })).toBe(2); // one per server
    expect(await delta('gateway', 'cim_messages_inboxed_total', { kind: 'private' })).toBe(1);
    expect(await delta(carol.serverId as 'im-1', 'cim_messages_out_total', { kind: 'offline' })).toBe(1);
    await Promise.all([alice.logout(), bob.logout(), carol.logout()]);
  });

  it('counts system messages pushed through the admin app', async () => {
    const user = await ChatUser.online(cluster.gatewayUrl, unique('sys'));
    const delta = await snapshot();
    const pushed = await new AdminApi(cluster.adminUrl).push({ userIds: [user.userId], body: 'ping' });
    expect(pushed.body).toMatchObject({ online: 1 });
    await user.client!.next('messages');
    expect(await delta('admin', 'cim_messages_out_total', { kind: 'system' })).toBe(1);
    expect(await delta(user.serverId as 'im-1', 'cim_messages_out_total', { kind: 'system' })).toBe(1);
    await user.logout();
  });

  it('counts errors by cause', async () => {
    const user = await ChatUser.online(cluster.gatewayUrl, unique('err'));
    const delta = await snapshot();
    expect((await user.sendPrivate('999999999', 'x')).status).toBe(404);
    expect(
      (await http('GET', `${cluster.gatewayUrl}/api/online-users`, undefined, 'not-a-token')).status,
    ).toBe(401);
    const raw = await RawClient.connect(cluster.clientPort(1));
    raw.writeRaw(Buffer.from([0x05, 0xff, 0xff, 0xff, 0xff, 0xff]));
    expect((await raw.next('error')).error!.code).toBe(ErrorCode.MalformedFrame);
    const anonymous = await RawClient.connect(cluster.clientPort(2));
    anonymous.send({ requestId: 1, ping: {} });
    await anonymous.next('error');
    expect(
      (await new AdminApi(cluster.adminUrl).call('GET', '/api/admin/servers', undefined, 'wrong')).status,
    ).toBe(401);
    expect(await delta('gateway', 'cim_errors_total', { cause: 'unknown_receiver' })).toBe(1);
    expect(await delta('gateway', 'cim_errors_total', { cause: 'unauthorized' })).toBe(1);
    expect(await delta('im-1', 'cim_errors_total', { cause: 'malformed_frame' })).toBe(1);
    expect(await delta('im-2', 'cim_errors_total', { cause: 'not_logged_in' })).toBe(1);
    expect(await delta('admin', 'cim_errors_total', { cause: 'unauthorized' })).toBe(1);
    await user.logout();
  });

  it('gauges the connections of each server, and Redis and ZooKeeper as up', async () => {
    const users = await Promise.all([1, 2].map((i) => ChatUser.online(cluster.gatewayUrl, unique(`g${i}`))));
    const servers = await new AdminApi(cluster.adminUrl).call<{ id: string; connections: number }[]>(
      'GET',
      '/api/admin/servers',
    );
    for (const { id, connections } of servers.body) {
      expect(metricValue(await scrape(imUrl(id)), 'cim_connections')).toBe(connections);
    }
    const gateway = await scrape(cluster.gatewayInternalUrl);
    const adminApp = await scrape(cluster.adminInternalUrl);
    for (const samples of [gateway, adminApp]) {
      expect(metricValue(samples, 'cim_redis_up')).toBe(1);
      expect(metricValue(samples, 'cim_zookeeper_up')).toBe(1);
    }
    expect(metricValue(await scrape(imUrl(1)), 'cim_zookeeper_up')).toBe(1);
    expect(gateway.find((s) => s.name === 'cim_redis_up')!.labels).toEqual({ app: 'route-gateway' });
    expect(gateway.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    await Promise.all(users.map((u) => u.logout()));
  });

  it('answers /health, /ready and /metrics on the internal ports, and not on the public API', async () => {
    const internal = [cluster.gatewayInternalUrl, cluster.adminInternalUrl, imUrl(1), imUrl(2)];
    for (const url of internal) {
      expect(await http('GET', `${url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect((await http('GET', `${url}/ready`)).status).toBe(200);
    }
    for (const url of [cluster.gatewayUrl, cluster.adminUrl]) {
      for (const path of ['/health', '/ready', '/metrics'])
        expect((await http('GET', `${url}${path}`)).status).toBe(404);
      expect((await http('GET', `${url}/docs`)).status).toBe(200);
    }
    expect((await http('GET', `${imUrl(1)}/ready`)).body).toMatchObject({
      status: 'ok',
      details: { registration: { status: 'up' } },
    });
    expect((await http('GET', `${imUrl(1)}/health`)).body).toEqual({
      status: 'ok',
      dependencies: { zookeeper: { status: 'up' } },
    });
    expect((await http('GET', `${cluster.gatewayInternalUrl}/health`)).body).toEqual({
      status: 'ok',
      dependencies: { redis: { status: 'up' }, zookeeper: { status: 'up' } },
    });
  });

  // Last: it stops Redis.
  it('stays ready while Redis is down, shows it in /health and cim_redis_up, and answers requests 503', async () => {
    await cluster.redis.stop();
    try {
      for (const url of [cluster.gatewayInternalUrl, cluster.adminInternalUrl]) {
        expect((await http('GET', `${url}/ready`)).status).toBe(200);
        expect(await http('GET', `${url}/health`)).toMatchObject({
          status: 200,
          body: {
            status: 'ok',
            dependencies: {
              redis: { status: 'down', message: expect.any(String) },
              zookeeper: { status: 'up' },
            },
          },
        });
        expect(metricValue(await scrape(url), 'cim_redis_up')).toBe(0);
      }
      const login = await http('POST', `${cluster.gatewayUrl}/api/login`, {
        name: unique('down'),
        password: 'x',
      });
      expect(login.status).toBe(503);
    } finally {
      await cluster.redis.start();
    }
    for (const url of [cluster.gatewayInternalUrl, cluster.adminInternalUrl]) {
      const deadline = Date.now() + 10000;
      const redisUp = async () =>
        (await http('GET', `${url}/health`)).body as { dependencies: { redis: { status: string } } };
      while ((await redisUp()).dependencies.redis.status !== 'up' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await redisUp()).dependencies.redis.status).toBe('up');
    }
  });
});
