import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { ConnectionLostError, tcpCarrier } from '@cim/client-sdk';
import { CliProcess, haveCli } from './harness/cli-process';
import { Cluster } from './harness/cluster';
import { eventually } from './harness/eventually';
import { SDK_PASSWORD, SdkUser } from './harness/sdk-user';
import { TestCa } from './harness/test-ca';
import { wsCarrier } from './harness/ws-client';

const unique = (name: string) => `${name}_${Math.random().toString(36).slice(2, 8)}`;
/** What Node says of a certificate chain it does not trust. */
const UNTRUSTED = /self-signed certificate|unable to (get local issuer|verify the first) certificate/;

/** The serial number of the certificate a TLS port presents (trusting the test CA). */
function servedSerial(port: number, ca: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca }, () => {
      resolve(socket.getPeerCertificate().serialNumber);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

/** The client port and the WebSocket port with TLS, a certificate of a test CA, the SDK and the terminal client. */
describe('clients over TLS', () => {
  let ca: TestCa;
  let rogue: TestCa;
  let cluster: Cluster;
  let serverCert: { certFile: string; keyFile: string; serialHex: string };
  let historyDir: string;
  const users: SdkUser[] = [];
  const clis: CliProcess[] = [];

  async function user(options: ConstructorParameters<typeof SdkUser>[2], name = unique('tls')) {
    const created = new SdkUser(cluster.gatewayUrl, name, options);
    users.push(created);
    return created;
  }

  function cli(name: string, args: string[], env: Record<string, string> = {}): CliProcess {
    const common = ['--name', name, '--password', SDK_PASSWORD, '--gateway', cluster.gatewayUrl];
    const started = new CliProcess([...common, '--history-dir', historyDir, ...args], env);
    clis.push(started);
    return started;
  }

  beforeAll(async () => {
    ca = TestCa.create('cim-test-ca');
    rogue = TestCa.create('rogue-ca');
    serverCert = ca.issue(join(ca.dir, 'im-server'));
    historyDir = mkdtempSync(join(tmpdir(), 'cim-tls-history-'));
    cluster = await Cluster.start({
      servers: 1,
      serverEnv: {
        CIM_IM_TLS_CERT_FILE: serverCert.certFile,
        CIM_IM_TLS_KEY_FILE: serverCert.keyFile,
        CIM_IM_TLS_RELOAD_INTERVAL_MS: '200',
      },
    });
  });
  afterEach(async () => {
    for (const started of clis.splice(0)) started.stop();
    await Promise.all(users.splice(0).map((u) => u.client.close()));
  });
  afterAll(async () => {
    await cluster?.stop();
    ca?.destroy();
    rogue?.destroy();
    rmSync(historyDir, { recursive: true, force: true });
  });

  it('connects the SDK over TLS on TCP and on WebSocket (wss://), trusting the private CA', async () => {
    const overTcp = await (await user({ carrier: tcpCarrier({ ca: ca.pem }) })).online();
    const overWs = await (await user({ carrier: wsCarrier(ca.pem) })).online();
    expect(overTcp.client.session!.server).toMatchObject({ tls: true, carrier: 'tcp' });
    expect(overWs.client.session!.server).toMatchObject({
      tls: true,
      carrier: 'websocket',
      url: `wss://127.0.0.1:${cluster.wsPort(1)}/`,
    });
    await overTcp.client.sendPrivate(overWs.userId, 'sealed, over tls');
    await overWs.client.sendGroup('sealed, over wss');
    await eventually(() => expect(overWs.bodies()).toEqual(['sealed, over tls']));
    await eventually(() => expect(overTcp.bodies()).toEqual(['sealed, over wss']));
  });

  it.each([
    ['TCP', () => tcpCarrier()],
    ['WebSocket', () => wsCarrier()],
    ['TCP, trusting another CA', () => tcpCarrier({ ca: rogue.pem })],
    ['WebSocket, trusting another CA', () => wsCarrier(rogue.pem)],
  ])('refuses a server certificate the SDK does not trust (%s), saying why', async (_, carrier) => {
    const refused = await user({ carrier: carrier() });
    await refused.client.register();
    const error = await refused.client.start().catch((e: Error) => e);
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as Error).message).toMatch(/^cannot connect to \S+: /);
    expect((error as Error).message).toMatch(UNTRUSTED);
    expect(refused.client.state).toBe('failed');
  });

  (haveCli() ? it : it.skip)(
    'runs the terminal client over TLS on TCP (--ca-file) and WebSocket (NODE_EXTRA_CA_CERTS)',
    async () => {
      const overTcp = cli(unique('tcpcli'), ['--ca-file', ca.certFile]);
      const overWs = cli(unique('wscli'), ['--carrier', 'websocket'], { NODE_EXTRA_CA_CERTS: ca.certFile });
      await overTcp.waitFor(/logged in as \S+ \((\d+)\) on im-1/);
      const [, wsId] = await overWs.waitFor(/logged in as \S+ \((\d+)\) on im-1/);
      overTcp.line(`${wsId};;hello through tls`);
      await overWs.waitFor(/hello through tls/);
      const untrusting = cli(unique('nocacli'), []);
      await untrusting.waitFor(UNTRUSTED);
      expect(await untrusting.exited()).toBe(1);
    },
  );

  it('serves a renewed certificate from its files without a restart', async () => {
    const pid = cluster.servers[0].pid;
    const connected = await (await user({ carrier: tcpCarrier({ ca: ca.pem }) })).online();
    expect(await servedSerial(cluster.clientPort(1), ca.pem)).toBe(serverCert.serialHex);
    const renewed = ca.issue(join(ca.dir, 'renewed'));
    // As a Secret mount changes: both files replaced under the same names.
    copyFileSync(renewed.keyFile, serverCert.keyFile);
    copyFileSync(renewed.certFile, serverCert.certFile);
    await eventually(async () => {
      expect(await servedSerial(cluster.clientPort(1), ca.pem)).toBe(renewed.serialHex);
      expect(await servedSerial(cluster.wsPort(1), ca.pem)).toBe(renewed.serialHex);
    }, 15_000);
    expect(cluster.servers[0].pid).toBe(pid);
    // The connection made before the renewal stays; a new login is served the renewed certificate.
    const after = await (await user({ carrier: wsCarrier(ca.pem) })).online();
    await after.client.sendPrivate(connected.userId, 'after the renewal');
    await eventually(() => expect(connected.bodies()).toEqual(['after the renewal']));
  });
});
