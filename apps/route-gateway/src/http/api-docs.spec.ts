import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { TokenSigner } from '@cim/auth';
import { loadConfig } from '@cim/config';
import { buildApiDocument, createHttpAdapter, openApiProblems, undocumentedAnswers } from '@cim/http-api';
import { MemorySessionStore, SESSION_STORE, StoreUnavailableError } from '@cim/session-store';
import { RouteGatewayModule } from '../app.module';
import { configureRouteGateway } from '../bootstrap';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayApiDocs } from './api-docs';

// content-disposition 3 is an ES module, which Jest cannot require (see app.module.spec.ts).
jest.mock('content-disposition', () => ({ create: () => 'attachment' }));

/** A memory store that can be taken down: every call then fails as Redis's would. */
function switchableStore() {
  const state = { down: false };
  const store = new Proxy(new MemorySessionStore(), {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        state.down
          ? Promise.reject(new StoreUnavailableError(new Error('connection refused')))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
  return { store, state };
}

describe("the route-gateway's OpenAPI document", () => {
  let app: NestFastifyApplication;
  let document: OpenAPIObject;
  const { store, state } = switchableStore();

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const env = loadConfig(GatewayEnv, { CIM_SCRYPT_COST: '1024', CIM_NODE_ID: '7' });
    const moduleRef = await Test.createTestingModule({ imports: [RouteGatewayModule.forRoot(env)] })
      .overrideProvider(SESSION_STORE)
      .useValue(store)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter());
    configureRouteGateway(app, env);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    document = buildApiDocument(app, gatewayApiDocs());
  });

  afterAll(() => app?.close());

  it('is a valid OpenAPI 3 document (@apidevtools/swagger-parser)', async () => {
    expect(await openApiProblems(document)).toBe('');
  });

  it('lists 400 and 413 wherever a body or parameters are taken, 401 and 503 behind the bearer token', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const operation of [item.get, item.post].filter((o) => o !== undefined)) {
        const statuses = Object.keys(operation.responses);
        const needed = [
          ...(operation.requestBody ? ['400', '413'] : []),
          ...(operation.parameters?.length ? ['400'] : []),
          ...(operation.security?.length ? ['401', '503'] : []),
        ];
        expect({ path, missing: needed.filter((s) => !statuses.includes(s)) }).toEqual({ path, missing: [] });
      }
    }
  });

  it('lists 429 on login, resume and on both message endpoints', () => {
    for (const path of ['/api/login', '/api/resume', '/api/messages/group', '/api/messages/private']) {
      expect(document.paths[path].post?.responses['429']).toBeDefined();
    }
  });

  it('documents every status the endpoints answer, with the store up and down', async () => {
    await store.claimOnline({ userId: '10001', serverId: 'im-1', sessionId: 's-1', since: Date.now() });
    const { token } = app
      .get(TokenSigner)
      .sign({ sub: '10001', name: 'alice', srv: 'im-1', sid: 's-1' }, 60_000);
    const auth = { authorization: `Bearer ${token}` };
    const probes = [
      {},
      { body: 'example' as const },
      { headers: auth },
      { headers: auth, body: 'example' as const },
    ];
    probes.push({ headers: auth, body: 'text' as const } as never);
    const up = await undocumentedAnswers(app, document, probes);
    state.down = true;
    const down = await undocumentedAnswers(app, document, probes);
    state.down = false;
    expect([...up, ...down]).toEqual([]);
  });
});
