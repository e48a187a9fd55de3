import { freePort } from '@cim/local-cluster';
import { TEST_SECRET } from './harness/cluster';
import { namespacePids, NamespacedApp } from './harness/namespaced-app';

/** Time to close listeners and connections on a loaded machine, on top of an app's own drain. */
const CLOSE_MARGIN_MS = 8000;

/**
 * In a container the app is PID 1, and the kernel ignores a signal PID 1 has no handler for. An app
 * that stops its work on SIGTERM but leaves its exit to the default action of a re-raised SIGTERM
 * would then run on until the kubelet's SIGKILL: each app must exit by itself once it has shut down.
 */
describe('an app running as PID 1 of its PID namespace', () => {
  let app: NamespacedApp | undefined;
  let roots = 0;

  afterEach(async () => {
    await app?.kill();
    app = undefined;
  });

  function sharedEnv(): Record<string, string> {
    return {
      CIM_STORE: 'redis',
      CIM_REDIS_URL: process.env.CIM_TEST_REDIS_URL!,
      CIM_REGISTRY: 'zookeeper',
      CIM_ZK_CONNECT: process.env.CIM_TEST_ZK_CONNECT!,
      CIM_ZK_ROOT: `/cim-test/pid1-${process.pid}-${roots++}`,
      CIM_TOKEN_SECRET: TEST_SECRET,
    };
  }

  async function expectExitAfterSigterm(started: NamespacedApp, drainMs: number): Promise<void> {
    expect(namespacePids(started.appPid).at(-1)).toBe(1);
    const outcome = await started.signal('SIGTERM', drainMs + CLOSE_MARGIN_MS);
    if (outcome !== 0) console.error(started.output);
    expect(outcome).toBe(0);
  }

  it('route-gateway exits within its drain time after SIGTERM', async () => {
    const [http, rpc, internal] = await Promise.all([freePort(), freePort(), freePort()]);
    const drainMs = 500;
    app = new NamespacedApp(
      'route-gateway',
      {
        ...sharedEnv(),
        CIM_GATEWAY_ID: 'gw-pid1',
        CIM_GATEWAY_HTTP_HOST: '127.0.0.1',
        CIM_GATEWAY_HTTP_PORT: String(http),
        CIM_GATEWAY_INTERNAL_HOST: '127.0.0.1',
        CIM_GATEWAY_INTERNAL_PORT: String(internal),
        CIM_GATEWAY_RPC_BIND: '127.0.0.1',
        CIM_GATEWAY_RPC_PORT: String(rpc),
        CIM_GATEWAY_DRAIN_MS: String(drainMs),
      },
      `http://127.0.0.1:${internal}/ready`,
    );
    await app.start();
    await expectExitAfterSigterm(app, drainMs);
  });

  it('im-server exits within its drain time after SIGTERM', async () => {
    const [client, rpc, http, ws] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const drainMs = 2000;
    app = new NamespacedApp(
      'im-server',
      {
        ...sharedEnv(),
        CIM_SERVER_ID: 'im-pid1',
        CIM_IM_CLIENT_HOST: '127.0.0.1',
        CIM_IM_CLIENT_PORT: String(client),
        CIM_IM_WS_PORT: String(ws),
        CIM_IM_RPC_HOST: '127.0.0.1',
        CIM_IM_RPC_PORT: String(rpc),
        CIM_IM_HTTP_PORT: String(http),
        CIM_DRAIN_TIMEOUT_MS: String(drainMs),
      },
      `http://127.0.0.1:${http}/ready`,
    );
    await app.start();
    await expectExitAfterSigterm(app, drainMs);
  });

  it('admin exits after SIGTERM', async () => {
    const [http, internal] = await Promise.all([freePort(), freePort()]);
    app = new NamespacedApp(
      'admin',
      {
        ...sharedEnv(),
        CIM_ADMIN_HTTP_HOST: '127.0.0.1',
        CIM_ADMIN_HTTP_PORT: String(http),
        CIM_ADMIN_INTERNAL_HOST: '127.0.0.1',
        CIM_ADMIN_INTERNAL_PORT: String(internal),
        CIM_ADMIN_API_KEY: 'integration-test-admin-key-0123456789abcdef',
        CIM_PUSH_API_KEY: 'integration-test-push-key-0123456789abcdef',
      },
      `http://127.0.0.1:${internal}/ready`,
    );
    await app.start();
    await expectExitAfterSigterm(app, 0);
  });

  it("embedded (the image's default command) exits after SIGTERM", async () => {
    const ports = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => freePort()));
    const [http, rpc, internal, client, imRpc, imHttp, ws] = ports.map(String);
    const drainMs = 2000;
    app = new NamespacedApp(
      'embedded',
      {
        CIM_TOKEN_SECRET: TEST_SECRET,
        CIM_GATEWAY_HTTP_PORT: http,
        CIM_GATEWAY_RPC_PORT: rpc,
        CIM_GATEWAY_INTERNAL_PORT: internal,
        CIM_IM_CLIENT_PORT: client,
        CIM_IM_WS_PORT: ws,
        CIM_IM_RPC_PORT: imRpc,
        CIM_IM_HTTP_PORT: imHttp,
        CIM_DRAIN_TIMEOUT_MS: String(drainMs),
      },
      `http://127.0.0.1:${imHttp}/ready`,
    );
    await app.start();
    await expectExitAfterSigterm(app, drainMs);
  });
});
