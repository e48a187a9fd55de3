import { ServerIdTakenError } from '@cim/registry';
import { describeRegistryContract } from '../libs/registry/src/testing/registry.contract';
import { RegistryHost } from '../libs/registry/src/testing/host/registry-host';
import { RemoteRegistry } from '../libs/registry/src/testing/host/remote-registry';
import { eventually, serverInfo, WatchRecorder } from '../libs/registry/src/testing/watch-recorder';

/**
 * The real ZooKeeperRegistry against a real ZooKeeper. The registries live in RegistryHost processes,
 * which a test can kill as a crash would; the assertions are about them all the same.
 */
const connect = (): string => process.env.CIM_TEST_ZK_CONNECT!;
let roots = 0;
const uniqueRoot = (): string => `/cim-test/registry-${process.pid}-${Date.now().toString(36)}-${roots++}`;

let host: RegistryHost;
beforeAll(async () => {
  host = await RegistryHost.start();
});
afterAll(() => host?.stop());

describeRegistryContract('ZooKeeperRegistry', async (namespace) =>
  host.registry({ connect: connect(), rootPath: `/cim-test/${namespace}`, sessionTimeoutMs: 4000 }),
);

describe('ZooKeeperRegistry against a real ZooKeeper', () => {
  let root: string;
  const made: RemoteRegistry[] = [];
  const children: RegistryHost[] = [];

  const owner = (path: string): Promise<string | undefined> => host.owner(connect(), path);

  beforeEach(() => {
    root = uniqueRoot();
  });
  afterEach(async () => {
    children.splice(0).forEach((child) => child.kill());
    await Promise.all(made.splice(0).map((registry) => registry.close()));
  });

  function registry(sessionTimeoutMs = 2000, group?: 'gateways'): RemoteRegistry {
    const created = host.registry({ connect: connect(), rootPath: root, sessionTimeoutMs, group });
    made.push(created);
    return created;
  }

  /** A separate process that registers the server with a ZooKeeperRegistry; the test kills it. */
  async function registerInChild(id: string, sessionTimeoutMs: number): Promise<RegistryHost> {
    const child = await RegistryHost.start();
    children.push(child);
    await child.registry({ connect: connect(), rootPath: root, sessionTimeoutMs }).register(serverInfo(id));
    return child;
  }

  it('keeps the groups apart: a gateway is listed under gateways, not among the im-servers', async () => {
    const [gateways, servers, otherGateways] = [
      registry(2000, 'gateways'),
      registry(),
      registry(2000, 'gateways'),
    ];
    await gateways.register(serverInfo('gw-1'));
    expect((await otherGateways.list()).map((g) => g.id)).toEqual(['gw-1']);
    expect(await servers.list()).toEqual([]);
    expect(await owner(`${root}/gateways/gw-1`)).toBe(gateways.sessionCredentials()!.id);
    expect(await owner(`${root}/servers/gw-1`)).toBeUndefined();
  });

  it('registers again in a new session when its session expires, and every watcher sees it again', async () => {
    const [a, b, c] = [registry(), registry(), registry()];
    const others = new WatchRecorder(b);
    const own = new WatchRecorder(a);
    await a.register(serverInfo('im-1'));
    await others.until(['im-1']);
    const expired = a.sessionCredentials()!;

    await host.expire(connect(), expired);
    // The node vanishes with the session and comes back in the new one; a watcher may read the list
    // only after it is back, so what is asserted is the new owner, not a moment without the node.
    await eventually(() => a.isConnected() && a.sessionCredentials()?.id !== expired.id, 'a new session');
    const renewed = a.sessionCredentials()!;
    await eventually(async () => (await owner(`${root}/servers/im-1`)) === renewed.id, 'the node in it');
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
    child.kill();
    expect((await b.list()).map((s) => s.id)).toEqual(['im-child']);
    await watcher.until([], 8000);
    expect(Date.now() - killedAt).toBeGreaterThan(1000);
  });

  it("registers a restarted server's id although its previous process's node is still there", async () => {
    const [b, restarted] = [registry(), registry()];
    const watcher = new WatchRecorder(b);
    const child = await registerInChild('im-1', 2000);
    const previousOwner = await owner(`${root}/servers/im-1`);
    child.kill();

    await restarted.register(serverInfo('im-1', 9500));
    expect(await owner(`${root}/servers/im-1`)).not.toBe(previousOwner);
    expect(await owner(`${root}/servers/im-1`)).toBe(restarted.sessionCredentials()!.id);
    await watcher.untilList((s) => s.length === 1 && s[0].clientPort === 9500, 'the restarted im-1');
  });

  it('refuses an id held by another live server, after waiting twice the session timeout', async () => {
    const [a, b] = [registry(1000), registry(1000)];
    await a.register(serverInfo('im-1'));
    const startedAt = Date.now();
    await expect(b.register(serverInfo('im-1', 9500))).rejects.toThrow(ServerIdTakenError);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2000);
    expect(await owner(`${root}/servers/im-1`)).toBe(a.sessionCredentials()!.id);
    expect(await b.list()).toEqual([serverInfo('im-1')]);
  });
});
