import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageKind } from '@cim/protocol';
import { AdminApi } from './harness/admin-api';
import { LOG_DIR } from './harness/app-process';
import { ChatUser } from './harness/chat-user';
import { eventually } from './harness/eventually';
import { Cluster, TEST_ADMIN_KEY, TEST_PUSH_KEY } from './harness/cluster';

interface ServerView {
  id: string;
  reachable: boolean;
  connections: number | null;
  uptimeMs: number | null;
}

/** The admin app against a real cluster: every endpoint, its keys, kick, broadcast and the push API. */
describe('the admin app', () => {
  let cluster: Cluster;
  let admin: AdminApi;
  const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    cluster = await Cluster.start({ servers: 2 });
    await cluster.addAdmin({ CIM_RPC_TIMEOUT_MS: '500', CIM_LOG_LEVEL: 'info' });
    admin = new AdminApi(cluster.adminUrl);
  });

  afterAll(() => cluster?.stop());

  describe('keys', () => {
    // Every row has three elements: a shorter one would make Jest pass `done` as the body.
    const operatorCalls: [string, string, unknown][] = [
      ['GET', '/api/admin/servers', undefined],
      ['GET', '/api/admin/counters', undefined],
      ['GET', '/api/admin/live/snapshot', undefined],
      ['GET', '/api/admin/users/online/count', undefined],
      ['GET', '/api/admin/users/online', undefined],
      ['GET', '/api/admin/users/10001', undefined],
      ['POST', '/api/admin/users/10001/kick', {}],
      ['POST', '/api/admin/broadcast', { body: 'hi' }],
    ];

    it.each(operatorCalls)(
      '%s %s answers 401 without the key, with a wrong one and with the push key',
      async (method, path, body) => {
        for (const key of [null, 'wrong-key', `${TEST_ADMIN_KEY}x`, TEST_PUSH_KEY]) {
          const answer = await admin.call(method, path, body, key);
          expect(answer).toMatchObject({
            status: 401,
            body: { statusCode: 401, error: 'Unauthorized', message: 'missing or wrong x-api-key' },
          });
        }
      },
    );

    it('refuses a push without the push key, with a wrong one and with the operators key', async () => {
      for (const key of [null, 'wrong-key', TEST_ADMIN_KEY]) {
        const answer = await admin.push({ all: true, body: 'x' }, key);
        expect(answer).toMatchObject({ status: 401, body: { message: 'missing or wrong x-push-key' } });
      }
    });

    it('serves Swagger without a key, and health, readiness and metrics only on its internal port', async () => {
      const document = (await (await fetch(`${cluster.adminUrl}/docs-json`)).json()) as {
        paths: Record<string, unknown>;
        components: { securitySchemes: Record<string, unknown> };
      };
      expect(Object.keys(document.paths).sort()).toEqual([
        '/api/admin/broadcast',
        '/api/admin/counters',
        '/api/admin/groups',
        '/api/admin/groups/{groupId}',
        '/api/admin/live/snapshot',
        '/api/admin/servers',
        '/api/admin/users/online',
        '/api/admin/users/online/count',
        '/api/admin/users/{userId}',
        '/api/admin/users/{userId}/kick',
        '/api/push',
      ]);
      expect(document.components.securitySchemes).toEqual({
        'api-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
        'push-key': expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-push-key' }),
      });
      expect((await fetch(`${cluster.adminUrl}/docs`)).status).toBe(200);
      for (const path of ['/health', '/ready', '/metrics']) {
        expect((await fetch(`${cluster.adminInternalUrl}${path}`)).status).toBe(200);
        expect((await fetch(`${cluster.adminUrl}${path}`)).status).toBe(404);
      }
    });
  });

  it('lists the im-servers from ZooKeeper with their connections and uptime', async () => {
    const user = await ChatUser.online(cluster.gatewayUrl, unique('srv'));
    const answer = await admin.call<ServerView[]>('GET', '/api/admin/servers');
    expect(answer.status).toBe(200);
    expect(answer.body.map((s) => s.id)).toEqual(['im-1', 'im-2']);
    for (const server of answer.body) {
      expect(server).toMatchObject({
        reachable: true,
        connections: expect.any(Number),
        uptimeMs: expect.any(Number),
      });
      expect(server.uptimeMs).toBeGreaterThan(0);
    }
    expect(answer.body.find((s) => s.id === user.serverId)!.connections).toBeGreaterThanOrEqual(1);
    await user.logout();
  });

  it('lists a server that does not answer in time as unreachable', async () => {
    const paused = cluster.servers[1];
    process.kill(paused.pid!, 'SIGSTOP');
    try {
      const answer = await admin.call<ServerView[]>('GET', '/api/admin/servers');
      expect(answer.body).toEqual([
        expect.objectContaining({ id: 'im-1', reachable: true }),
        expect.objectContaining({ id: 'im-2', reachable: false, connections: null, uptimeMs: null }),
      ]);
    } finally {
      process.kill(paused.pid!, 'SIGCONT');
    }
  });

  it('counts and lists the online users, page by page, with their names and servers', async () => {
    const users = await Promise.all(
      [1, 2, 3].map((i) => ChatUser.registered(cluster.gatewayUrl, unique(`on${i}`))),
    );
    for (const user of users) await user.connect();
    const count = await admin.call<{ count: number }>('GET', '/api/admin/users/online/count');
    expect(count.status).toBe(200);
    expect(count.body.count).toBeGreaterThanOrEqual(3);
    const seen = new Map<string, { name: string; serverId: string; since: number }>();
    let cursor = '0';
    do {
      const page = await admin.call<{
        cursor: string;
        users: { userId: string; name: string; serverId: string; since: number }[];
      }>('GET', `/api/admin/users/online?cursor=${cursor}&count=1`);
      expect(page.status).toBe(200);
      for (const u of page.body.users) seen.set(u.userId, u);
      cursor = page.body.cursor;
    } while (cursor !== '0');
    for (const user of users) {
      expect(seen.get(user.userId)).toEqual({
        userId: user.userId,
        name: user.name,
        serverId: user.serverId,
        since: expect.any(Number),
        devices: [{ deviceId: 'default', kind: 'other', serverId: user.serverId, since: expect.any(Number) }],
      });
    }
    expect((await admin.call('GET', '/api/admin/users/online?count=0')).status).toBe(400);
    expect((await admin.call('GET', '/api/admin/users/online?cursor=abc')).status).toBe(400);
    await Promise.all(users.map((u) => u.logout()));
  });

  it("answers one user's state: online, where, since when, and inbox size", async () => {
    const alice = await ChatUser.online(cluster.gatewayUrl, unique('stA'));
    const bob = await ChatUser.registered(cluster.gatewayUrl, unique('stB'));
    await alice.sendPrivate(bob.userId, 'for later');
    const online = await admin.call('GET', `/api/admin/users/${alice.userId}`);
    expect(online).toMatchObject({
      status: 200,
      body: {
        userId: alice.userId,
        name: alice.name,
        online: true,
        serverId: alice.serverId,
        since: expect.any(Number),
      },
    });
    const offline = await admin.call('GET', `/api/admin/users/${bob.userId}`);
    expect(offline).toMatchObject({
      status: 200,
      body: {
        userId: bob.userId,
        name: bob.name,
        online: false,
        serverId: null,
        since: null,
        // A private message waits in the unacked ledger, kept there as it was accepted; the inbox
        // holds pushes.
        inboxSize: 0,
        unacked: 1,
      },
    });
    expect(await admin.call('GET', '/api/admin/users/999999999')).toMatchObject({
      status: 404,
      body: { message: 'user 999999999 does not exist' },
    });
    expect((await admin.call('GET', '/api/admin/users/not%20an%20id')).status).toBe(400);
    await alice.logout();
  });

  it('kicks a user: the answer comes once they are offline, and their connection gets KICKED and closes', async () => {
    const user = await ChatUser.online(cluster.gatewayUrl, unique('kick'));
    const answer = await admin.call('POST', `/api/admin/users/${user.userId}/kick`, { reason: 'spamming' });
    expect(answer).toMatchObject({ status: 200, body: { serverId: user.serverId, kicked: true } });
    expect(answer.body).toEqual({ serverId: user.serverId, kicked: true, devices: ['default'] });
    // Offline as soon as the answer is in: no polling here.
    expect((await admin.call('GET', `/api/admin/users/${user.userId}`)).body).toMatchObject({
      online: false,
      serverId: null,
    });
    expect(await admin.call('POST', `/api/admin/users/${user.userId}/kick`)).toMatchObject({
      status: 409,
      body: { message: `user ${user.userId} is not online` },
    });
    const kicked = await user.client!.next('kicked');
    expect(kicked.kicked!.reason).toBe('spamming');
    await user.client!.waitClosed();
    expect((await admin.call('POST', '/api/admin/users/999999999/kick')).status).toBe(404);
    expect((await user.httpLogin()).status).toBe(200);
  });

  it('takes a user offline even when their im-server does not answer the kick', async () => {
    const user = await ChatUser.online(cluster.gatewayUrl, unique('kickStopped'));
    const server = cluster.servers.find((s) => s.label === user.serverId)!;
    process.kill(server.pid!, 'SIGSTOP');
    try {
      const answer = await admin.call('POST', `/api/admin/users/${user.userId}/kick`);
      expect(answer).toMatchObject({ status: 200, body: { serverId: user.serverId, kicked: false } });
      expect((await admin.call('GET', `/api/admin/users/${user.userId}`)).body).toMatchObject({
        online: false,
      });
    } finally {
      process.kill(server.pid!, 'SIGCONT');
    }
  });

  it('broadcasts a system message to everyone online, on every server', async () => {
    const users = await Promise.all(
      [1, 2, 3].map((i) => ChatUser.registered(cluster.gatewayUrl, unique(`bc${i}`))),
    );
    for (const user of users) await user.connect();
    expect(new Set(users.map((u) => u.serverId)).size).toBe(2);
    const answer = await admin.call<{ messageId: string; delivered: number }>(
      'POST',
      '/api/admin/broadcast',
      {
        body: 'maintenance at 22:00',
        sender: 'ops',
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      messageId: expect.stringMatching(/^\d{19}$/),
      sentAt: expect.any(Number),
      servers: 2,
      reached: 2,
      delivered: expect.any(Number),
    });
    expect(answer.body.delivered).toBeGreaterThanOrEqual(3);
    for (const user of users) {
      const client = user.client!;
      await client.until(
        () => client.messages().some((m) => m.messageId === answer.body.messageId),
        5000,
        'broadcast',
      );
      expect(client.messages().find((m) => m.messageId === answer.body.messageId)).toMatchObject({
        kind: MessageKind.System,
        senderName: 'ops',
        body: 'maintenance at 22:00',
      });
    }
    expect((await admin.call('POST', '/api/admin/broadcast', { body: '' })).status).toBe(400);
    expect((await admin.call('POST', '/api/admin/broadcast', {})).status).toBe(400);
    await Promise.all(users.map((u) => u.logout()));
  });

  it('reports the message counters of each server', async () => {
    const [alice, bob] = await Promise.all(
      [1, 2].map((i) => ChatUser.online(cluster.gatewayUrl, unique(`cnt${i}`))),
    );
    await alice.sendPrivate(bob.userId, 'one');
    await bob.client!.next('messages');
    const answer = await admin.call<{
      servers: {
        serverId: string;
        reachable: boolean;
        messagesOut: number;
        messagesOutByKind: Record<string, number>;
      }[];
      messagesIn: number;
      messagesOut: number;
    }>('GET', '/api/admin/counters');
    expect(answer.status).toBe(200);
    expect(answer.body.servers.map((s) => [s.serverId, s.reachable])).toEqual([
      ['im-1', true],
      ['im-2', true],
    ]);
    const bobs = answer.body.servers.find((s) => s.serverId === bob.serverId)!;
    expect(bobs.messagesOutByKind.private).toBeGreaterThanOrEqual(1);
    expect(answer.body.messagesOut).toBe(answer.body.servers.reduce((sum, s) => sum + s.messagesOut, 0));
    await Promise.all([alice.logout(), bob.logout()]);
  });

  describe('the push API', () => {
    it('reaches an online user at once and an offline one at their next login; unknown ids are listed', async () => {
      const online = await ChatUser.online(cluster.gatewayUrl, unique('pushOn'));
      const offline = await ChatUser.registered(cluster.gatewayUrl, unique('pushOff'));
      const answer = await admin.push<{ messageId: string }>({
        userIds: [online.userId, offline.userId, '999999999', online.userId],
        body: 'your order has shipped',
        sender: 'shop',
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        messageId: expect.stringMatching(/^\d{19}$/),
        sentAt: expect.any(Number),
        online: 1,
        offline: 1,
        unknown: ['999999999'],
      });
      const expected = {
        messageId: answer.body.messageId,
        kind: MessageKind.System,
        senderName: 'shop',
        body: 'your order has shipped',
      };
      const received = await online.client!.next('messages', (f) =>
        f.messages!.messages.some((m) => m.messageId === answer.body.messageId),
      );
      expect(received.messages!.messages[0]).toMatchObject(expected);
      expect((await admin.call('GET', `/api/admin/users/${offline.userId}`)).body).toMatchObject({
        inboxSize: 1,
      });
      const client = await offline.connect();
      await client.until(() => client.messages().length > 0, 5000, 'the inbox');
      expect(client.messages()).toEqual([expect.objectContaining(expected)]);
      await Promise.all([online.logout(), offline.logout()]);
    });

    it("pushes to everyone online with all: true, under the sender name 'system' by default", async () => {
      const user = await ChatUser.online(cluster.gatewayUrl, unique('pushAll'));
      const answer = await admin.push<{ messageId: string; online: number }>({
        all: true,
        body: 'hello everyone',
      });
      expect(answer).toMatchObject({ status: 200, body: { offline: 0, unknown: [] } });
      expect(answer.body.online).toBeGreaterThanOrEqual(1);
      const frame = await user.client!.next('messages', (f) =>
        f.messages!.messages.some((m) => m.messageId === answer.body.messageId),
      );
      expect(frame.messages!.messages[0]).toMatchObject({ kind: MessageKind.System, senderName: 'system' });
      await user.logout();
    });

    it.each([
      ['neither userIds nor all', { body: 'x' }],
      ['both userIds and all', { userIds: ['1'], all: true, body: 'x' }],
      ['all: false', { all: false, body: 'x' }],
      ['an empty userIds', { userIds: [], body: 'x' }],
      ['an empty body', { all: true, body: '' }],
      ['a body over CIM_MAX_BODY_BYTES', { all: true, body: 'x'.repeat(5000) }],
      ['an unknown field', { all: true, body: 'x', priority: 1 }],
    ])('answers 400 to %s', async (_case, body) => {
      expect(await admin.push(body)).toMatchObject({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request' },
      });
    });
  });

  it('answers with the request id it was given, and logs it in JSON with the outcome', async () => {
    const requestId = unique('req');
    const response = await fetch(`${cluster.adminUrl}/api/admin/users/online/count`, {
      headers: { 'x-api-key': TEST_ADMIN_KEY, 'x-request-id': requestId },
    });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const generated = await fetch(`${cluster.adminUrl}/docs-json`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A later request's line is the marker that the first one's line has been written, if it ever will.
    const marker = unique('marker');
    await fetch(`${cluster.adminUrl}/api/admin/users/online/count`, {
      headers: { 'x-api-key': TEST_ADMIN_KEY, 'x-request-id': marker },
    });
    const logLines = () => readFileSync(join(LOG_DIR, 'admin.log'), 'utf8').split('\n');
    await eventually(() => expect(logLines().some((line) => line.includes(marker))).toBe(true), 10_000);
    const lines = logLines()
      .filter((line) => line.includes(requestId))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        app: 'admin',
        requestId,
        method: 'GET',
        url: '/api/admin/users/online/count',
        statusCode: 200,
        msg: 'request completed',
      }),
    ]);
  });
});
