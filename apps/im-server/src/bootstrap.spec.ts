import { freePort } from '@cim/local-cluster';
import { bootstrapImServer, ImServerApp } from './bootstrap';
import { ImServerEnv } from './config/im-server.env';

/** The whole im-server in this process, on the in-memory registry. */
describe('bootstrapImServer', () => {
  let server: ImServerApp;

  beforeAll(async () => {
    const env = Object.assign(new ImServerEnv(), {
      CIM_SERVER_ID: 'im-bootstrap-spec',
      CIM_IM_CLIENT_HOST: '127.0.0.1',
      CIM_IM_CLIENT_PORT: 0,
      CIM_IM_WS_HOST: '127.0.0.1',
      CIM_IM_WS_PORT: await freePort(),
      CIM_IM_RPC_HOST: '127.0.0.1',
      CIM_IM_RPC_PORT: await freePort(),
      CIM_IM_HTTP_HOST: '127.0.0.1',
      CIM_IM_HTTP_PORT: await freePort(),
      CIM_LOG_LEVEL: 'silent',
    });
    server = await bootstrapImServer(env, false);
  });

  afterAll(() => server.app.close());

  it('binds the health and metrics port to CIM_IM_HTTP_HOST only', async () => {
    const health = await fetch(`http://127.0.0.1:${server.httpPort}/health`);
    expect(health.status).toBe(200);
    // Another loopback address reaches a socket bound to 0.0.0.0, not one bound to 127.0.0.1.
    await expect(fetch(`http://127.0.0.2:${server.httpPort}/health`)).rejects.toThrow();
  });

  it('serves its counters and gauges at /metrics', async () => {
    const text = await (await fetch(`http://127.0.0.1:${server.httpPort}/metrics`)).text();
    for (const name of ['cim_connections', 'cim_logins_total', 'cim_errors_total', 'cim_zookeeper_up']) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});
