import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createZooKeeperRegistry, ServerIdTakenError, ZooKeeperRegistry } from '@cim/registry';
import { describeRegistryContract } from '../libs/registry/src/testing/registry.contract';
import { eventually, serverInfo, WatchRecorder } from '../libs/registry/src/testing/watch-recorder';
import { ZooKeeperProbe } from '../libs/registry/src/testing/zookeeper-probe';

const connect = (): string => process.env.CIM_TEST_ZK_CONNECT!;
let roots = 0;
const uniqueRoot = (): string => `/cim-test/registry-${process.pid}-${Date.now().toString(36)}-${roots++}`;

describeRegistryContract('ZooKeeperRegistry', async (namespace) =>
  createZooKeeperRegistry({ connect: connect(), rootPath: `/cim-test/${namespace}`, sessionTimeoutMs: 4000 }),
);

describe('ZooKeeperRegistry against a real ZooKeeper', () => {
  let probe: ZooKeeperProbe;
  let root: string;
  const made: ZooKeeperRegistry[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    probe = await ZooKeeperProbe.open(connect());
  });
  afterAll(() => probe.close());

  beforeEach(() => {
    root = uniqueRoot();
  });
  afterEach(async () => {
    children.splice(0).forEach((child) => child.kill('SIGKILL'));
    await Promise.all(made.splice(0).map((registry) => registry.close()));
  });

  function registry(sessionTimeoutMs = 2000): ZooKeeperRegistry {
    const created = createZooKeeperRegistry({ connect: connect(), rootPath: root, sessionTimeoutMs });
    made.push(created);
    return created;
  }

  /** A separate process that registers the server with a ZooKeeperRegistry, then idles until killed. */
  async function registerInChild(id: string, sessionTimeoutMs: number): Promise<ChildProcess> {
    const script = join(__dirname, 'fixtures', 'registry-child.js');
    const args = [script, connect(), root, String(sessionTimeoutMs), JSON.stringify(serverInfo(id))];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (data: Buffer) => {
        if (data.toString().includes('registered')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the child exited with ${code}`)));
    });
    return child;
  }

  it('keeps the groups apart: a gateway is listed under gateways, not among the im-servers', async () => {
    const gateways = createZooKeeperRegistry({ connect: connect(), rootPath: root, group: 'gateways' });
    made.push(gateways);
    const [servers, otherGateways] = [
      registry(),
      createZooKeeperRegistry({ connect: connect(), rootPath: root, group: 'gateways' }),
    ];
    made.push(otherGateways);
    await gateways.register(serverInfo('gw-1'));
    expect((await otherGateways.list()).map((g) => g.id)).toEqual(['gw-1']);
    expect(await servers.list()).toEqual([]);
    expect(await probe.owner(`${root}/gateways/gw-1`)).toBe(gateways.sessionCredentials()!.id);
    expect(await probe.owner(`${root}/servers/gw-1`)).toBeUndefined();
  });

  it('registers again in a new session when its session expires, and every watcher sees it again', async () => {
    const [a, b, c] = [registry(), registry(), registry()];
    const others = new WatchRecorder(b);
    const own = new WatchRecorder(a);
    await a.register(serverInfo('im-1'));
    await others.until(['im-1']);
    const expired = a.sessionCredentials()!;

    await probe.expire(expired);
    // The node vanishes with the session and comes back in the new one; a watcher may read the list
    // only after it is back, so what is asserted is the new owner, not a moment without the node.
    await eventually(() => a.isConnected() && a.sessionCredentials()?.id !== expired.id, 'a new session');
    const renewed = a.sessionCredentials()!;
    await eventually(
      async () => (await probe.owner(`${root}/servers/im-1`)) === renewed.id,
      'the node in it',
    );
    await others.until(['im-1']);
    expect(a.isConnected()).toBe(true);

    // The expired session's watches are re-armed in the new one.
    await c.register(serverInfo('im-2'));
    await own.until(['im-1', 'im-2']);
  });

  it("drops a killed process's server once its session times out", async () => {
    const b = registry();
    const watcher = new WatchRecorder(b);
    const child = await registerInChild('im-child', 2000);
    await watcher.until(['im-child']);

    const killedAt = Date.now();
    child.kill('SIGKILL');
    expect((await b.list()).map((s) => s.id)).toEqual(['im-child']);
    await watcher.until([], 8000);
    expect(Date.now() - killedAt).toBeGreaterThan(1000);
  });

  it("registers a restarted server's id although its previous process's node is still there", async () => {
    const [b, restarted] = [registry(), registry()];
    const watcher = new WatchRecorder(b);
    const child = await registerInChild('im-1', 2000);
    const previousOwner = await probe.owner(`${root}/servers/im-1`);
    child.kill('SIGKILL');

    await restarted.register(serverInfo('im-1', 9500));
    expect(await probe.owner(`${root}/servers/im-1`)).not.toBe(previousOwner);
    expect(await probe.owner(`${root}/servers/im-1`)).toBe(restarted.sessionCredentials()!.id);
    await watcher.untilList((s) => s.length === 1 && s[0].clientPort === 9500, 'the restarted im-1');
  });

  it('refuses an id held by another live server, after waiting twice the session timeout', async () => {
    const [a, b] = [registry(1000), registry(1000)];
    await a.register(serverInfo('im-1'));
    const startedAt = Date.now();
    await expect(b.register(serverInfo('im-1', 9500))).rejects.toThrow(ServerIdTakenError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2000);
    expect(await probe.owner(`${root}/servers/im-1`)).toBe(a.sessionCredentials()!.id);
    expect(await b.list()).toEqual([serverInfo('im-1')]);
  });
});
