import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@cim/config';
import { buildApiDocument, createHttpAdapter, openApiProblems, undocumentedAnswers } from '@cim/http-api';
import { MemorySessionStore, SESSION_STORE, StoreUnavailableError } from '@cim/session-store';
import { AdminModule } from '../app.module';
import { configureAdmin } from '../bootstrap';
import { AdminEnv } from '../config/admin.env';
import { adminApiDocs } from './api-docs';

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

describe("the admin's OpenAPI document", () => {
  let app: NestFastifyApplication;
  let document: OpenAPIObject;
  let env: AdminEnv;
  const { store, state } = switchableStore();

  beforeAll(async () => {
    Logger.overrideLogger(false);
    env = loadConfig(AdminEnv, { CIM_NODE_ID: '8' });
    const moduleRef = await Test.createTestingModule({ imports: [AdminModule.forRoot(env)] })
      .overrideProvider(SESSION_STORE)
      .useValue(store)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter());
    configureAdmin(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    document = buildApiDocument(app, adminApiDocs());
  });

  afterAll(() => app?.close());

  it('is a valid OpenAPI 3 document (@apidevtools/swagger-parser)', async () => {
    expect(await openApiProblems(document)).toBe('');
  });

  it('lists 400 and 413 wherever a body or parameters are taken, 401 behind a key, 503 everywhere', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const operation of [item.get, item.post].filter((o) => o !== undefined)) {
        if (!path.startsWith('/api/')) continue;
        const statuses = Object.keys(operation.responses);
        const needed = [
          ...(operation.requestBody ? ['400', '413'] : []),
          ...(operation.parameters?.length ? ['400'] : []),
          ...(operation.security?.length ? ['401'] : []),
          '503',
        ];
        expect({ path, missing: needed.filter((s) => !statuses.includes(s)) }).toEqual({ path, missing: [] });
      }
    }
  });

  it('documents every status the endpoints answer, with the store up and down', async () => {
    const keys = { 'x-api-key': env.CIM_ADMIN_API_KEY, 'x-push-key': env.CIM_PUSH_API_KEY };
    const probes = [
      {},
      { headers: keys },
      { headers: keys, body: 'example' as const },
      { headers: keys, body: 'text' as const },
    ];
    const up = await undocumentedAnswers(app, document, probes);
    state.down = true;
    const down = await undocumentedAnswers(app, document, probes);
    state.down = false;
    expect([...up, ...down]).toEqual([]);
  });
});
