import { INestMicroservice, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:net';
import { BinarySocket } from '@cim/rpc';
import { loadConfig } from '@cim/config';
import { createHttpAdapter } from '@cim/http-api';
import { REGISTRY, Registry } from '@cim/registry';
import { SESSION_STORE, SessionStore, StoreUnavailableError } from '@cim/session-store';
import { AdminModule } from './app.module';
import { configureAdmin } from './bootstrap';
import { AdminEnv } from './config/admin.env';
import { fakeImServer, FakeImServerModule } from './testing/fake-im-server.module';

// content-disposition 3 is an ES module, which Jest cannot require; @fastify/static (Swagger UI's assets)
// needs it only for reply.download(). Node itself loads it fine.
jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

const OPERATOR_KEY = 'o'.repeat(32);
const PUSH_KEY = 'p'.repeat(32);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the admin app (memory store and registry, a fake im-server)', () => {
  let app: NestFastifyApplication;
  let imServer: INestMicroservice;
  let store: SessionStore;
  let base: string;

  beforeAll(async () => {
    Logger.overrideLogger(['fatal', 'error']);
    const imRpcPort = await freePort();
    imServer = await NestFactory.createMicroservice<MicroserviceOptions>(FakeImServerModule, {
      transport: Transport.TCP,
      // cim's RPC framing, as a real im-server's listener speaks it.
      options: { host: '127.0.0.1', port: imRpcPort, socketClass: BinarySocket },
    });
    await imServer.listen();
    const env = loadConfig(AdminEnv, {
      CIM_ADMIN_API_KEY: OPERATOR_KEY,
      CIM_PUSH_API_KEY: PUSH_KEY,
      CIM_NODE_ID: '9',
      // The fake im-server releases no route: a kick waits this long before the admin releases it.
      CIM_RPC_TIMEOUT_MS: '500',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AdminModule.forRoot(env)] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter());
    configureAdmin(app);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    store = app.get(SESSION_STORE);
    await app.get<Registry>(REGISTRY).register({
      id: 'im-test',
      host: 'im.example.test',
      clientPort: 9999,
      rpcHost: '127.0.0.1',
      rpcPort: imRpcPort,
      httpPort: 0,
      startedAt: 1,
    });
  });

  afterAll(async () => {
    await app?.close();
    await imServer?.close();
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }
  const asOperator = (method: string, path: string, body?: unknown) =>
    call(method, path, body, { 'x-api-key': OPERATOR_KEY });
  const push = (body: unknown) => call('POST', '/api/push', body, { 'x-push-key': PUSH_KEY });

  async function onlineUser(name: string, connected = true): Promise<string> {
    const { id } = await store.createUser(name, 'hash');
    await store.claimOnline({ userId: id, serverId: 'im-test', sessionId: `s-${name}`, since: 1 });
    if (connected) fakeImServer.connected.add(id);
    return id;
  }

  it('refuses a missing or wrong key with 401 and takes the right one', async () => {
    expect(await call('GET', '/api/admin/servers')).toMatchObject({ status: 401 });
    expect(await call('GET', '/api/admin/servers', undefined, { 'x-api-key': PUSH_KEY })).toMatchObject({
      status: 401,
    });
    expect(
      await call('POST', '/api/push', { all: true, body: 'x' }, { 'x-push-key': OPERATOR_KEY }),
    ).toMatchObject({
      status: 401,
    });
    expect((await asOperator('GET', '/api/admin/servers')).status).toBe(200);
  });

  it('lists the registered im-server with its stats, and its counters', async () => {
    expect((await asOperator('GET', '/api/admin/servers')).body).toEqual([
      expect.objectContaining({
        id: 'im-test',
        reachable: true,
        uptimeMs: 1000,
        connections: expect.any(Number),
      }),
    ]);
    expect((await asOperator('GET', '/api/admin/counters')).body).toEqual({
      servers: [
        {
          serverId: 'im-test',
          reachable: true,
          messagesIn: 3,
          messagesOut: 5,
          logins: 2,
          messagesInByKind: { private: 3 },
          messagesOutByKind: { private: 4, system: 1 },
        },
      ],
      messagesIn: 3,
      messagesOut: 5,
    });
  });

  it('pushes to online users through their server and keeps it for offline ones', async () => {
    const online = await onlineUser('ann');
    const missed = await onlineUser('ben', false);
    const { id: offline } = await store.createUser('cat', 'hash');
    const answer = await push({
      userIds: [online, missed, offline, '424242'],
      body: 'hello',
      sender: 'shop',
    });
    expect(answer).toEqual({
      status: 200,
      body: {
        messageId: expect.stringMatching(/^\d{19}$/),
        sentAt: expect.any(Number),
        online: 1,
        offline: 2,
        unknown: ['424242'],
      },
    });
    expect(fakeImServer.delivered.at(-1)!.entries).toEqual([
      {
        message: expect.objectContaining({
          kind: 'system',
          senderName: 'shop',
          body: 'hello',
          receiverId: '',
        }),
        userIds: [online, missed],
      },
    ]);
    expect(await store.inboxSize(offline)).toBe(1);
    expect(await store.unackedSize(missed)).toBe(1);
    expect((await asOperator('GET', `/api/admin/users/${offline}`)).body).toMatchObject({
      online: false,
      inboxSize: 1,
    });
  });

  it('pushes to the known users of a batch and lists the strings that are not user ids as unknown', async () => {
    const online = await onlineUser('eve');
    const answer = await push({ userIds: [online, 'next-id', '10001:x', '{cim}'], body: 'hi' });
    expect(answer).toMatchObject({
      status: 200,
      body: { online: 1, offline: 0, unknown: ['next-id', '10001:x', '{cim}'] },
    });
    expect(fakeImServer.delivered.at(-1)!.entries).toEqual([
      { message: expect.objectContaining({ body: 'hi' }), userIds: [online] },
    ]);
  });

  it.each(['next-id', '10001:x', '%7Bcim%7D', '010001'])(
    'answers 400 naming userId for %p in the user lookup and the kick',
    async (id) => {
      const expected = { status: 400, body: { message: ['userId must be a decimal user id such as 10001'] } };
      expect(await asOperator('GET', `/api/admin/users/${id}`)).toMatchObject(expected);
      expect(await asOperator('POST', `/api/admin/users/${id}/kick`)).toMatchObject(expected);
    },
  );

  it('broadcasts to every server with nobody excluded', async () => {
    const answer = await asOperator('POST', '/api/admin/broadcast', { body: 'maintenance' });
    expect(answer.body).toMatchObject({ servers: 1, reached: 1 });
    expect(fakeImServer.delivered.at(-1)!.entries).toEqual([
      { message: expect.objectContaining({ kind: 'system', senderName: 'system' }), allExcept: '' },
    ]);
  });

  it('kicks a user on their server and answers once they are offline', async () => {
    const userId = await onlineUser('dan');
    const answer = await asOperator('POST', `/api/admin/users/${userId}/kick`);
    expect(answer).toEqual({
      status: 200,
      body: { serverId: 'im-test', kicked: true, devices: ['default'] },
    });
    expect(fakeImServer.kicked.at(-1)).toEqual({
      userId,
      sessionId: 's-dan',
      reason: 'kicked by an operator',
    });
    expect(await store.getRoute(userId)).toBeNull();
  });

  it('answers 503 when the session store fails', async () => {
    jest
      .spyOn(store, 'countOnline')
      .mockRejectedValueOnce(new StoreUnavailableError(new Error('ECONNREFUSED')));
    expect(await asOperator('GET', '/api/admin/users/online/count')).toMatchObject({
      status: 503,
      body: { statusCode: 503, error: 'Service Unavailable' },
    });
  });
});
