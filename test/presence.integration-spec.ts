import Redis from 'ioredis';
import { ErrorCode } from '@cim/protocol';
import { ChatUser, LoginAnswer } from './harness/chat-user';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { http } from './harness/http';
import { RawClient } from './harness/raw-client';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;
const GRACE_MS = 4000;

/**
 * Who is online, pending logins, token replay and placement, as users and Redis see them. Two
 * route-gateways: the first is killed by the first test, the others use the second.
 */
describe('presence', () => {
  let cluster: Cluster;
  let redis: Redis;
  let url: string;

  beforeAll(async () => {
    cluster = await Cluster.start({
      servers: 2,
      gateways: 2,
      gatewayEnv: { CIM_CONNECT_GRACE_MS: String(GRACE_MS), CIM_ROUTE_STRATEGY: 'round-robin' },
    });
    url = cluster.gatewayUrls[1];
    redis = new Redis(cluster.redis.url);
  });

  afterAll(async () => {
    await redis?.quit();
    await cluster?.stop();
  });

  async function onlineIds(viewer: ChatUser): Promise<string[]> {
    const page = await http<{ users: { userId: string }[] }>(
      'GET',
      `${url}/api/online-users?count=1000`,
      undefined,
      viewer.token,
    );
    if (page.status !== 200) throw new Error(`online-users: ${page.status} ${JSON.stringify(page.body)}`);
    return page.body.users.map((u) => u.userId);
  }

  /**
   * What Redis holds for the user: whether they have an online route and a pending one (a routes hash
   * value marked '<until>|…'), and their server-set membership.
   */
  async function storedPresence(userId: string, serverId: string) {
    const [routes, inServerSet] = await Promise.all([
      redis.hvals(`cim:{u:${userId}}:routes`),
      redis.sismember(`cim:{s:${serverId}}:users`, userId),
    ]);
    const online = routes.some((value) => value.startsWith('{')) ? 1 : 0;
    const pending = routes.some((value) => /^\d+\|/.test(value)) ? 1 : 0;
    return { online, inServerSet, pending };
  }

  /** A TCP connection to the server the login named, and its answer to LOGIN with the login's token. */
  async function presentToken(user: ChatUser, login: LoginAnswer): Promise<RawClient> {
    const client = await RawClient.connect(login.server.port, login.server.host);
    client.send({ requestId: 1, login: { userId: user.userId, token: login.token } });
    await client.until(() => client.frames.some((f) => f.loginAck || f.error), 5000, 'the answer to LOGIN');
    return client;
  }

  async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    await eventually(
      async () => expect({ [what]: await condition() }).toEqual({ [what]: true }),
      timeoutMs,
      200,
    );
  }

  it('never lists a user who logged in over HTTP without connecting, and forgets them after the grace though the gateway that let them in died', async () => {
    const observer = await ChatUser.online(url, unique('observer'));
    const registered = await ChatUser.registered(url, unique('ghost'));
    const ghost = new ChatUser(cluster.gatewayUrls[0], registered.name, registered.userId);
    const login = await ghost.httpLogin();
    expect(login.status).toBe(200);
    expect(await onlineIds(observer)).not.toContain(ghost.userId);

    await cluster.gateways[0].stop('SIGKILL');
    const serverId = login.body.server.id;
    await until(
      async () => (await storedPresence(ghost.userId, serverId)).pending === 0,
      GRACE_MS + 5000,
      'the pending route to expire',
    );
    expect(await storedPresence(ghost.userId, serverId)).toEqual({ online: 0, inServerSet: 0, pending: 0 });
    expect(await onlineIds(observer)).not.toContain(ghost.userId);

    const late = await presentToken(ghost, login.body);
    expect(late.frames.find((f) => f.error)?.error?.code).toBe(ErrorCode.InvalidToken);
    await registered.connect();
    expect(await onlineIds(observer)).toContain(ghost.userId);
    expect(await storedPresence(ghost.userId, registered.serverId)).toEqual({
      online: 1,
      inServerSet: 1,
      pending: 0,
    });
  });

  it('lets the same token take its session over on a new connection, and keeps the user online and reachable there', async () => {
    const alice = await ChatUser.online(url, unique('alice'));
    const bob = await ChatUser.online(url, unique('bob'));
    const first = alice.client!;
    const second = await presentToken(alice, alice.login!);
    expect(second.frames.find((f) => f.loginAck)?.loginAck?.userId).toBe(alice.userId);
    await first.waitClosed();
    expect(first.frames.filter((f) => f.kicked)).toEqual([]);

    // A later connection's end on the same server, reported after the first connection's would be.
    let carol: ChatUser;
    do carol = await ChatUser.online(url, unique('carol'));
    while (carol.serverId !== alice.serverId);
    carol.client!.close();
    await until(async () => !(await onlineIds(bob)).includes(carol.userId), 5000, 'carol to go offline');

    expect(await onlineIds(bob)).toContain(alice.userId);
    const sent = await bob.sendPrivate(alice.userId, 'to the connection that took over');
    expect(sent.body.delivery).toBe('online');
    const received = await second.next('messages');
    expect(received.messages!.messages[0].body).toBe('to the connection that took over');
    expect((await alice.httpLogin()).status).toBe(409);
  });

  it("keeps the current connection reachable when an ended session's token is presented on its server", async () => {
    const alice = await ChatUser.registered(url, unique('alice'));
    const bob = await ChatUser.online(url, unique('bob'));
    const ended = (await alice.httpLogin()).body;
    expect((await http('POST', `${url}/api/logout`, undefined, ended.token)).status).toBe(204);
    let current = (await alice.httpLogin()).body;
    while (current.server.id !== ended.server.id) {
      await http('POST', `${url}/api/logout`, undefined, current.token);
      current = (await alice.httpLogin()).body;
    }
    const connection = await presentToken(alice, current);
    expect(connection.frames.find((f) => f.loginAck)).toBeDefined();

    const replay = await presentToken(alice, ended);
    expect(replay.frames.find((f) => f.error)?.error?.code).toBe(ErrorCode.InvalidToken);
    await replay.waitClosed();

    const sent = await bob.sendPrivate(alice.userId, 'still here?');
    expect(sent.body.delivery).toBe('online');
    const received = await connection.next('messages');
    expect(received.messages!.messages[0].body).toBe('still here?');
    expect(connection.closed).toBe(false);
  });

  it('gives the round-robin turn of a refused login to the next login', async () => {
    const users = await Promise.all([1, 2, 3].map((i) => ChatUser.registered(url, unique(`rr${i}`))));
    const [first, second, third] = users;
    await first.connect();
    expect((await first.httpLogin()).status).toBe(409);
    await second.connect();
    await third.connect();
    expect(second.serverId).not.toBe(first.serverId);
    expect(third.serverId).toBe(first.serverId);
  });
});
