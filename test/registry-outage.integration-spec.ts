import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryHost } from '../libs/registry/src/testing/host/registry-host';
import { RemoteRegistry } from '../libs/registry/src/testing/host/remote-registry';
import { eventually, serverInfo, WatchRecorder } from '../libs/registry/src/testing/watch-recorder';
import { ZooKeeperProcess } from '@cim/local-cluster';
import { LOG_DIR } from './harness/app-process';

/**
 * These tests stop and start a ZooKeeper of their own, so that the other suites never notice. The
 * registries live in a RegistryHost process, as an app's live in the app's.
 */
describe('ZooKeeperRegistry when ZooKeeper goes away', () => {
  const zookeeper = new ZooKeeperProcess({ logDir: LOG_DIR, label: 'zookeeper-outage' });
  const made: RemoteRegistry[] = [];
  let host: RegistryHost;
  let roots = 0;
  let root: string;

  beforeAll(async () => {
    [host] = await Promise.all([RegistryHost.start(), zookeeper.start()]);
  });
  afterAll(async () => {
    await host?.stop();
    await zookeeper.destroy();
  });

  beforeEach(() => {
    root = `/cim-test/outage-${roots++}`;
  });
  afterEach(async () => {
    await Promise.all(made.splice(0).map((registry) => registry.close()));
  });

  function registry(sessionTimeoutMs: number): RemoteRegistry {
    const created = host.registry({ connect: zookeeper.connectString, rootPath: root, sessionTimeoutMs });
    made.push(created);
    return created;
  }

  /** Stops ZooKeeper, runs `meanwhile`, and starts it again on the same port whatever happens. */
  async function outage(meanwhile: () => Promise<void>): Promise<void> {
    await zookeeper.stop();
    try {
      await meanwhile();
    } finally {
      await zookeeper.start();
    }
  }

  function ownerOf(id: string): Promise<string | undefined> {
    return host.owner(zookeeper.connectString, `${root}/servers/${id}`);
  }

  it('keeps its session, its server and its watches across a quick restart', async () => {
    // Quick next to the session timeout, even when a busy machine takes seconds to restart ZooKeeper.
    const [a, b] = [registry(30_000), registry(30_000)];
    const watcher = new WatchRecorder(b);
    await a.register(serverInfo('im-1'));
    await watcher.until(['im-1']);
    const session = a.sessionCredentials()!.id;

    await outage(async () => {
      await eventually(() => !a.isConnected() && !b.isConnected(), 'noticing the outage');
      expect(watcher.lastIds).toEqual(['im-1']);
    });
    // Back within the session timeout is what keeps the session; a busy machine may take seconds.
    await eventually(() => a.isConnected() && b.isConnected(), 'reconnecting', 20_000).catch((error) => {
      throw new Error(
        `${(error as Error).message}; a logged: ${a.logs.join(' | ')}; b logged: ${b.logs.join(' | ')}`,
      );
    });

    expect(a.sessionCredentials()!.id).toBe(session);
    expect(await b.list()).toEqual([serverInfo('im-1')]);
    await a.deregister();
    await watcher.until([]);
    await a.register(serverInfo('im-1'));
    await watcher.until(['im-1']);
  });

  it('registers again in a new session after an outage longer than the session timeout', async () => {
    const [a, b] = [registry(2000), registry(2000)];
    const watcher = new WatchRecorder(b);
    await a.register(serverInfo('im-1'));
    await watcher.until(['im-1']);
    const session = a.sessionCredentials()!.id;

    await outage(() => new Promise((resolve) => setTimeout(resolve, 3000)));

    // The restored old session still holds the node until it expires; then the new one creates it.
    await eventually(
      async () => a.isConnected() && (await ownerOf('im-1')) === a.sessionCredentials()?.id,
      'the new node',
    );
    expect(a.sessionCredentials()!.id).not.toBe(session);
    await watcher.until(['im-1']);
    await a.deregister();
    await watcher.until([]);
  });

  it('registers again when ZooKeeper comes back without its data', async () => {
    const [a, b] = [registry(2000), registry(2000)];
    const watcher = new WatchRecorder(b);
    await a.register(serverInfo('im-1'));
    await watcher.until(['im-1']);

    // A ZooKeeper with no data refuses clients that saw newer transactions: only new sessions get in.
    await outage(async () => rmSync(join(zookeeper.dir, 'data'), { recursive: true, force: true }));

    // Connected first: while a is between sessions, no node and no credentials would compare equal.
    await eventually(
      async () => a.isConnected() && (await ownerOf('im-1')) === a.sessionCredentials()?.id,
      'the new node',
    );
    await eventually(() => b.isConnected(), 'the watcher reconnecting');
    expect(await b.list()).toEqual([serverInfo('im-1')]);
    await watcher.until(['im-1']);
    await a.deregister();
    await watcher.until([]);
  });
});
