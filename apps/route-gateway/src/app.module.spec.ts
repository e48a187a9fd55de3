import { INestMicroservice, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxy, ClientProxyFactory, MicroserviceOptions, Transport } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { DEVELOPMENT_RPC_SECRET, loadConfig } from '@cim/config';
import { createHttpAdapter } from '@cim/http-api';
import {
  GatewayPatterns,
  MessageIdGenerator,
  SendBatchReply,
  SessionOpenedReply,
  SyncReply,
} from '@cim/protocol';
import { REGISTRY, Registry } from '@cim/registry';
import { authenticatedSocket, RpcAuthenticator, RpcListener } from '@cim/rpc';
import {
  NodeIdUnavailableError,
  SESSION_STORE,
  SessionStore,
  StoreUnavailableError,
} from '@cim/session-store';
import { RouteGatewayModule } from './app.module';
import { configureRouteGateway } from './bootstrap';
import { GatewayEnv } from './config/gateway.env';
import { listeningAddresses } from './listening-addresses';
import { fakeImServerCalls, FakeImServerModule } from './testing/fake-im-server.module';

// content-disposition 3 is an ES module, which Jest cannot require; @fastify/static (Swagger UI's assets)
// needs it only for reply.download(). Node itself loads it fine.
jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
  components: { securitySchemes: Record<string, unknown> };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the route-gateway app (memory store and registry)', () => {
  let app: NestFastifyApplication;
  let imServer: INestMicroservice;
  let gatewayClient: ClientProxy;
  let base: string;
  let store: SessionStore;

  beforeAll(async () => {
    Logger.overrideLogger(['fatal', 'error']);
    const [rpcPort, imRpcPort] = [await freePort(), await freePort()];
    imServer = await NestFactory.createMicroservice<MicroserviceOptions>(FakeImServerModule, {
      strategy: new RpcListener({
        host: '127.0.0.1',
        port: imRpcPort,
        authenticator: new RpcAuthenticator(DEVELOPMENT_RPC_SECRET),
        logContext: 'FakeImServer',
      }),
    });
    await imServer.listen();
    const env = loadConfig(GatewayEnv, {
      CIM_STORE: 'memory',
      CIM_REGISTRY: 'memory',
      CIM_GATEWAY_RPC_BIND: '127.0.0.1',
      CIM_GATEWAY_RPC_PORT: String(rpcPort),
      CIM_SCRYPT_COST: '1024',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [RouteGatewayModule.forRoot(env)],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter());
    configureRouteGateway(app, env);
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${listeningAddresses(app).httpPort}`;
    expect(listeningAddresses(app).rpcPort).toBe(rpcPort);
    store = app.get(SESSION_STORE);
    const registry = app.get<Registry>(REGISTRY);
    await registry.register({
      id: 'im-test',
      host: 'im.example.test',
      clientPort: 9999,
      rpcHost: '127.0.0.1',
      rpcPort: imRpcPort,
      httpPort: 0,
      startedAt: Date.now(),
    });
    const caller = { authenticator: new RpcAuthenticator(DEVELOPMENT_RPC_SECRET), peer: 'im-server im-test' };
    gatewayClient = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: {
        host: '127.0.0.1',
        port: rpcPort,
        socketClass: authenticatedSocket(caller, () => undefined),
      },
    });
  });

  afterAll(async () => {
    await gatewayClient?.close();
    await app?.close();
    await imServer?.close();
  });

  async function post(path: string, body: unknown, token?: string) {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async function registerAndLogIn(name: string) {
    const created = await post('/api/users', { name, password: 'password-1' });
    expect(created).toEqual({ status: 201, body: { userId: expect.any(String), name } });
    const login = await post('/api/login', { name, password: 'password-1' });
    expect(login.status).toBe(200);
    return login.body as {
      userId: string;
      token: string;
      server: { id: string; host: string; port: number };
    };
  }

  it('serves the OpenAPI document with every endpoint and bearer auth', async () => {
    const document = (await (await fetch(`${base}/docs-json`)).json()) as OpenApiDocument;
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/conversations',
      '/api/conversations/{id}/messages',
      '/api/conversations/{id}/read',
      '/api/conversations/{id}/readers',
      '/api/groups',
      '/api/groups/{groupId}',
      '/api/groups/{groupId}/leave',
      '/api/groups/{groupId}/members',
      '/api/groups/{groupId}/members/{userId}',
      '/api/groups/{groupId}/members/{userId}/role',
      '/api/login',
      '/api/logout',
      '/api/messages/group',
      '/api/messages/private',
      '/api/online-users',
      '/api/resume',
      '/api/users',
    ]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect((await fetch(`${base}/docs`)).status).toBe(200);
  });

  it('documents every 409 of login and resume: the device online, the same-kind policy, the device limit', async () => {
    const document = (await (await fetch(`${base}/docs-json`)).json()) as OpenApiDocument;
    for (const path of ['/api/login', '/api/resume']) {
      const conflict = document.paths[path].post.responses['409'].description;
      expect(conflict).toContain('CIM_LOGIN_POLICY');
      expect(conflict).toContain('CIM_SAME_KIND_POLICY');
      expect(conflict).toContain('CIM_MAX_DEVICES');
    }
  });

  it('registers a user, logs them in on the registered im-server, and refuses a second login', async () => {
    const alice = await registerAndLogIn('alice');
    expect(alice.server).toEqual({
      id: 'im-test',
      host: 'im.example.test',
      port: 9999,
      tls: false,
      carrier: 'tcp',
    });
    expect(await post('/api/users', { name: 'alice', password: 'password-2' })).toMatchObject({
      status: 409,
    });
    expect(await post('/api/login', { name: 'alice', password: 'password-1' })).toEqual({
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: 'user alice is already online' },
    });
    expect(await post('/api/login', { name: 'alice', password: 'wrong-password' })).toMatchObject({
      status: 401,
    });
  });

  it('resumes with the credential of a login, and answers 400 or 401 naming what is wrong with one', async () => {
    const created = await post('/api/users', { name: 'rita', password: 'password-1' });
    const login = await post('/api/login', { name: 'rita', password: 'password-1' });
    expect(login.body.resume).toEqual({ credential: expect.any(String), expiresAt: expect.any(Number) });
    await post('/api/logout', {}, login.body.token);
    const resumed = await post('/api/resume', { credential: login.body.resume.credential });
    expect(resumed).toMatchObject({
      status: 200,
      body: { userId: created.body.userId, resume: login.body.resume },
    });
    expect(await post('/api/resume', { credential: 12 })).toMatchObject({
      status: 400,
      body: { message: ['credential must be a string'] },
    });
    expect(await post('/api/resume', { credential: 'forged.credential' })).toEqual({
      status: 401,
      body: {
        statusCode: 401,
        error: 'Unauthorized',
        message: 'resume credential signature is invalid; log in with the password',
      },
    });
  });

  it('answers 400 naming avoid when it is no im-server id, and places a session that avoids the only server on it', async () => {
    const avoidForm = 'avoid must be an im-server id: letters, digits, dot, dash or underscore (1 to 64)';
    const created = await post('/api/users', { name: 'vera', password: 'password-1' });
    for (const avoid of ['im 2', '', 'x'.repeat(65), 7]) {
      expect(await post('/api/login', { name: 'vera', password: 'password-1', avoid })).toMatchObject({
        status: 400,
        body: { message: [avoidForm] },
      });
      expect(await post('/api/resume', { credential: 'v1.x.y', avoid })).toMatchObject({
        status: 400,
        body: { message: [avoidForm] },
      });
    }
    const login = await post('/api/login', { name: 'vera', password: 'password-1', avoid: 'im-test' });
    expect(login).toMatchObject({
      status: 200,
      body: { userId: created.body.userId, server: { id: 'im-test' } },
    });
    await post('/api/logout', {}, login.body.token);
    const resumed = await post('/api/resume', { credential: login.body.resume.credential, avoid: 'im-test' });
    expect(resumed).toMatchObject({ status: 200, body: { server: { id: 'im-test' } } });
  });

  it('pages a conversation for its members only, and answers 400 naming a bad query or id', async () => {
    const [owner, outsider] = [await registerAndLogIn('hana'), await registerAndLogIn('ivo')];
    const group = await post('/api/groups', { name: 'club', memberIds: [] }, owner.token);
    const get = async (path: string, token: string) => {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return {
        status: response.status,
        body: (await response.json()) as { conversations: unknown[]; message: unknown },
      };
    };
    const history = `/api/conversations/g:${group.body.id}/messages`;
    expect(await get(`${history}?after=0&limit=5`, owner.token)).toEqual({
      status: 200,
      body: { conversation: `g:${group.body.id}`, messages: [], lastSeq: 0 },
    });
    expect(await get(history, outsider.token)).toMatchObject({
      status: 403,
      body: { message: `you are not part of conversation g:${group.body.id}` },
    });
    expect(await get(`${history}?limit=0&after=x`, owner.token)).toMatchObject({
      status: 400,
      body: { message: ['after must be an integer number', 'limit must not be less than 1'] },
    });
    expect(await get('/api/conversations/lobby/messages', owner.token)).toMatchObject({
      status: 400,
      body: { message: ["id must be 'group', 'p:<low id>:<high id>' or 'g:<group id>'"] },
    });
    await post('/api/messages/group', { userId: owner.userId, body: 'hello lobby' }, owner.token);
    expect((await get('/api/conversations', owner.token)).body.conversations).toEqual([
      {
        conversation: 'group',
        lastSeq: expect.any(Number),
        lastMessage: expect.objectContaining({ body: 'hello lobby', senderId: owner.userId }),
        // The newest message is the owner's own: nothing unread.
        readSeq: 0,
        unread: 0,
      },
      { conversation: `g:${group.body.id}`, lastSeq: 0, lastMessage: null, readSeq: 0, unread: 0 },
    ]);
  });

  it('answers 400 naming each failing field', async () => {
    const answer = await post('/api/users', { name: 'x'.repeat(33), password: 'short', extra: 1 });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(answer.body.message).toEqual(
      expect.arrayContaining([
        'property extra should not exist',
        'name must be shorter than or equal to 32 characters',
        'password must be longer than or equal to 8 characters',
      ]),
    );
  });

  it.each(['next-id', '10001:x', '{cim}', '010001'])(
    'answers 400 naming the field for %p where a user id belongs',
    async (id) => {
      const bob = await registerAndLogIn(`bob-${id.length}-${id.charCodeAt(0)}`);
      const login = await post('/api/login', { userId: id, password: 'password-1' });
      expect(login).toMatchObject({
        status: 400,
        body: { message: ['userId must be a decimal user id such as 10001'] },
      });
      const send = await post(
        '/api/messages/private',
        { userId: bob.userId, receiverId: id, body: 'x' },
        bob.token,
      );
      expect(send).toMatchObject({
        status: 400,
        body: { message: ['receiverId must be a decimal user id such as 10001'] },
      });
      const group = await post('/api/messages/group', { userId: id, body: 'x' }, bob.token);
      expect(group).toMatchObject({
        status: 400,
        body: { message: ['userId must be a decimal user id such as 10001'] },
      });
    },
  );

  it('answers 503 naming the cause while it holds no node id for message ids', async () => {
    const bob = await registerAndLogIn('bob-no-ids');
    jest.spyOn(app.get(MessageIdGenerator), 'next').mockImplementationOnce(() => {
      throw new NodeIdUnavailableError('the node id lease was lost to another process');
    });
    expect(await post('/api/messages/group', { userId: bob.userId, body: 'x' }, bob.token)).toMatchObject({
      status: 503,
      body: { message: 'no message ids: the node id lease was lost to another process' },
    });
    expect(await post('/api/messages/group', { userId: bob.userId, body: 'x' }, bob.token)).toMatchObject({
      status: 202,
    });
  });

  it.each([
    ['malformed JSON', 400, '{"name": '],
    ['a JSON array', 400, '[1, 2]'],
    ['JSON null', 400, 'null'],
    ['an oversize body', 413, JSON.stringify({ name: 'a', password: 'p'.repeat(70_000) })],
  ])('answers %s with %i, never 500', async (_case, status, body) => {
    const answer = await post('/api/users', body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ statusCode: status, message: expect.anything() });
  });

  it('delivers a group message with one entry for the im-server, and keeps private ones for offline users', async () => {
    const bob = await registerAndLogIn('bob');
    const carol = (await post('/api/users', { name: 'carol', password: 'password-1' })).body;
    const group = await post('/api/messages/group', { userId: bob.userId, body: 'hi all' }, bob.token);
    expect(group).toEqual({
      status: 202,
      body: { messageId: expect.stringMatching(/^\d{19}$/), sentAt: expect.any(Number) },
    });
    expect(fakeImServerCalls.delivered.at(-1)!.entries).toEqual([
      {
        message: expect.objectContaining({ body: 'hi all', kind: 'group', receiverId: '' }),
        allExcept: bob.userId,
      },
    ]);
    const direct = await post(
      '/api/messages/private',
      { userId: bob.userId, receiverId: carol.userId, body: 'psst' },
      bob.token,
    );
    expect(direct).toMatchObject({ status: 202, body: { delivery: 'inbox' } });
    expect(
      await post('/api/messages/private', { userId: bob.userId, receiverId: '77777', body: 'x' }, bob.token),
    ).toMatchObject({ status: 404 });
    expect(
      await post('/api/messages/group', { userId: carol.userId, body: 'as carol' }, bob.token),
    ).toMatchObject({ status: 403 });
    expect(await post('/api/messages/group', { userId: bob.userId, body: '' }, bob.token)).toMatchObject({
      status: 400,
    });
    expect(
      await post('/api/messages/group', { userId: bob.userId, body: 'é'.repeat(2049) }, bob.token),
    ).toMatchObject({
      status: 400,
      body: { message: 'body must be at most 4096 bytes of UTF-8' },
    });
    expect(await post('/api/messages/group', { userId: bob.userId, body: 'hi' })).toMatchObject({
      status: 401,
    });
  });

  it("answers an im-server's SessionOpened over TCP with the user's inbox, and refuses a session that is not current", async () => {
    const erin = await registerAndLogIn('erin');
    const dave = (await post('/api/users', { name: 'dave', password: 'password-1' })).body;
    await post(
      '/api/messages/private',
      { userId: erin.userId, receiverId: dave.userId, body: 'for dave' },
      erin.token,
    );
    const login = await post('/api/login', { name: 'dave', password: 'password-1' });
    const sid = JSON.parse(Buffer.from(login.body.token.split('.')[0], 'base64url').toString()).sid;
    const opened = (sessionId: string) =>
      firstValueFrom(
        gatewayClient.send<SessionOpenedReply>(GatewayPatterns.SessionOpened, {
          userId: dave.userId,
          sessionId,
          serverId: 'im-test',
        }),
      );
    await expect(opened('an-old-session')).rejects.toMatchObject({ code: 'InvalidToken' });
    expect((await opened(sid)).inbox).toEqual([
      expect.objectContaining({
        senderId: erin.userId,
        senderName: 'erin',
        receiverId: dave.userId,
        kind: 'private',
        body: 'for dave',
      }),
    ]);
  });

  it("answers an im-server's SYNC over TCP with the messages after a seq, for the pair only", async () => {
    const kai = await registerAndLogIn('kai');
    const lea = (await post('/api/users', { name: 'lea', password: 'password-1' })).body;
    const sessionId = JSON.parse(Buffer.from(kai.token.split('.')[0], 'base64url').toString()).sid;
    const session = { userId: kai.userId, sessionId, serverId: 'im-test', userName: 'kai' };
    await firstValueFrom(gatewayClient.send(GatewayPatterns.SessionOpened, session));
    const requests = ['one', 'two', 'three'].map((body) => ({
      ...session,
      clientMsgId: body,
      receiverId: lea.userId,
      body,
    }));
    await firstValueFrom(gatewayClient.send(GatewayPatterns.SendBatch, { requests }));
    const [low, high] = [kai.userId, lea.userId].sort((a, b) => Number(a) - Number(b));
    const conversation = `p:${low}:${high}`;
    const sync = (userId: string, afterSeq: number, more: object = {}) =>
      firstValueFrom(
        gatewayClient.send<SyncReply>(GatewayPatterns.Sync, {
          userId,
          conversation,
          afterSeq,
          limit: 2,
          ...more,
        }),
      );
    const reply = await sync(lea.userId, 1);
    expect([reply.messages.map((m) => [m.seq, m.body]), reply.lastSeq, reply.more]).toEqual([
      [
        [2, 'two'],
        [3, 'three'],
      ],
      3,
      false,
    ]);
    await expect(sync('99999', 0)).rejects.toEqual({
      code: 'NotAMember',
      message: `you are not part of conversation ${conversation}`,
    });
    await expect(sync(lea.userId, 0, { limit: 500 })).rejects.toEqual({
      code: 'BadRequest',
      message: expect.stringContaining('limit must not be greater than 200'),
    });
  });

  it("answers an im-server's SENDs over TCP, once per client message id, and refuses one with an ErrorCode", async () => {
    const hank = await registerAndLogIn('hank');
    const ivy = (await post('/api/users', { name: 'ivy', password: 'password-1' })).body;
    const sessionId = JSON.parse(Buffer.from(hank.token.split('.')[0], 'base64url').toString()).sid;
    const session = { userId: hank.userId, sessionId, serverId: 'im-test' };
    await firstValueFrom(gatewayClient.send(GatewayPatterns.SessionOpened, session));
    const send = async (clientMsgId: string, receiverId: string, from = session) => {
      const request = { ...from, userName: 'hank', clientMsgId, receiverId, body: 'x' };
      const { results } = await firstValueFrom(
        gatewayClient.send<SendBatchReply>(GatewayPatterns.SendBatch, { requests: [request] }),
      );
      const [result] = results;
      if ('failure' in result) throw result.failure;
      return result.reply;
    };
    const first = await send('c1', ivy.userId);
    expect(first).toEqual({
      messageId: expect.stringMatching(/^\d{19}$/),
      sentAt: expect.any(Number),
      duplicate: false,
      seq: 1,
    });
    const { seq: _, ...original } = first;
    expect(await send('c1', ivy.userId)).toEqual({ ...original, duplicate: true });
    expect(await store.unackedSize(ivy.userId)).toBe(1);
    await expect(send('c2', '88888')).rejects.toEqual({
      code: 'UnknownReceiver',
      message: 'user 88888 does not exist',
    });
    await expect(send('c3', ivy.userId, { ...session, sessionId: 'not-his-session' })).rejects.toEqual({
      code: 'NotLoggedIn',
      message: `session not-his-session on im-test is not user ${hank.userId}'s current login: log in again`,
    });
    await expect(send('c4', ivy.userId, { ...session, serverId: 'im-other' })).rejects.toMatchObject({
      code: 'NotLoggedIn',
    });
    await expect(
      firstValueFrom(gatewayClient.send(GatewayPatterns.SendBatch, { requests: [{ ...session, body: 7 }] })),
    ).rejects.toEqual({
      code: 'BadRequest',
      message: expect.stringContaining('requests.0.userName must be a string'),
    });
    expect(await store.unackedSize(ivy.userId)).toBe(1);
  });

  it('lists online users once connected, logs out, and then refuses the ended session', async () => {
    const frank = await registerAndLogIn('frank');
    const sessionId = JSON.parse(Buffer.from(frank.token.split('.')[0], 'base64url').toString()).sid;
    await firstValueFrom(
      gatewayClient.send(GatewayPatterns.SessionOpened, {
        userId: frank.userId,
        sessionId,
        serverId: 'im-test',
      }),
    );
    const listing = await fetch(`${base}/api/online-users?count=1000`, {
      headers: { authorization: `Bearer ${frank.token}` },
    });
    const page = (await listing.json()) as { cursor: string; users: unknown[] };
    expect(page.cursor).toBe('0');
    expect(page.users).toEqual(
      expect.arrayContaining([
        { userId: frank.userId, name: 'frank', devices: [{ deviceId: 'default', kind: 'other' }] },
      ]),
    );
    const badCount = await fetch(`${base}/api/online-users?count=0`, {
      headers: { authorization: `Bearer ${frank.token}` },
    });
    expect(badCount.status).toBe(400);
    expect(await post('/api/users', '')).toMatchObject({
      status: 400,
      body: { message: ['request body must be a JSON object'] },
    });
    expect(await post('/api/logout', '', frank.token)).toEqual({ status: 204, body: undefined });
    expect(fakeImServerCalls.kicked.at(-1)).toEqual({
      userId: frank.userId,
      sessionId: expect.any(String),
      reason: 'logged out',
    });
    expect(await post('/api/logout', {}, frank.token)).toMatchObject({
      status: 401,
      body: { message: 'session ended' },
    });
  });

  it('answers 503 when the session store fails', async () => {
    const grace = await registerAndLogIn('grace');
    jest
      .spyOn(store, 'listOnline')
      .mockRejectedValueOnce(new StoreUnavailableError(new Error('connect ECONNREFUSED')));
    const answer = await fetch(`${base}/api/online-users`, {
      headers: { authorization: `Bearer ${grace.token}` },
    });
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'session store unavailable',
    });
  });
});
