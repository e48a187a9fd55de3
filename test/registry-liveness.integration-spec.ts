import { freePort, ZooKeeperProcess } from '@cim/local-cluster';
import { RegistryClosedError } from '@cim/registry';
import { FakeAnswer, FakeZooKeeper, frame, handshake } from '../libs/registry/src/testing/fake-zookeeper';
import { RegistryHost } from '../libs/registry/src/testing/host/registry-host';
import { RemoteRegistry } from '../libs/registry/src/testing/host/remote-registry';
import { eventually, serverInfo } from '../libs/registry/src/testing/watch-recorder';

/**
 * A ZooKeeperRegistry whose ZooKeeper stops answering, or was never one: the process holding it (a
 * RegistryHost, which a crash would end) lives on, the registry says it is not connected and keeps
 * trying, and once a real ZooKeeper answers again it registers again, as the apps' registries do.
 */
describe('ZooKeeperRegistry when ZooKeeper does not answer', () => {
  let host: RegistryHost;
  let roots = 0;
  const root = (): string => `/cim-test/liveness-${process.pid}-${roots++}`;

  beforeAll(async () => {
    host = await RegistryHost.start();
  });
  afterAll(() => host?.stop());

  describe('something on the port that is not ZooKeeper', () => {
    let fake: FakeZooKeeper | undefined;
    let registry: RemoteRegistry | undefined;
    /** The registration, which fails only when the registry is closed. */
    let registered: Promise<unknown>;
    afterEach(async () => {
      await registry?.close();
      await fake?.close();
    });

    /** A registry against the fake, registering a server that can never be published. */
    async function against(answer: FakeAnswer): Promise<void> {
      fake = await FakeZooKeeper.start(await freePort(), answer);
      registry = host.registry({ connect: fake.connectString, rootPath: root(), sessionTimeoutMs: 1500 });
      registered = registry.register(serverInfo('im-1')).catch((error: unknown) => error);
    }

    /** The host keeps trying and answers; closing the registry ends the wait and leaves no connection. */
    async function keepsTrying(): Promise<void> {
      const [server, client] = [fake!, registry!];
      await eventually(() => server.connections >= 3, 'three connection attempts', 30_000);
      await client.close();
      expect(await registered).toBeInstanceOf(RegistryClosedError);
      await eventually(() => server.open === 0, 'every connection closed');
    }

    it('accepts and never answers: the registry drops each attempt and tries again', async () => {
      await against(() => undefined);
      await eventually(() => registry!.logs.length > 0, 'a log line', 30_000);
      expect(registry!.logs[0]).toMatch(/^ZooKeeper did not answer \(no handshake within \d+ ms\)/);
      expect(registry!.isConnected()).toBe(false);
      await keepsTrying();
    });

    it('answers with bytes that make no sense: the registry drops each connection and tries again', async () => {
      await against(() => frame(Buffer.from('not a ZooKeeper answer')));
      await keepsTrying();
      expect(registry!.logs).toEqual([]);
    });

    it('answers the handshake, then a packet of impossible length: the same', async () => {
      const huge = Buffer.from([0x7f, 0xff, 0xff, 0xff]);
      await against((_, index) => (index === 0 ? handshake(1500) : huge));
      await keepsTrying();
      expect(registry!.logs.filter((line) => line.startsWith('lost the connection')).length).toBeGreaterThan(
        1,
      );
    });
  });

  describe('a real ZooKeeper that freezes', () => {
    const zookeeper = new ZooKeeperProcess();
    let frozen = false;

    beforeAll(() => zookeeper.start());
    afterAll(() => zookeeper.destroy());
    afterEach(() => thaw());

    function freeze(): void {
      process.kill(zookeeper.child!.pid, 'SIGSTOP');
      frozen = true;
    }
    function thaw(): void {
      if (frozen) process.kill(zookeeper.child!.pid, 'SIGCONT');
      frozen = false;
    }

    it('notices past the session timeout, gives the session up, and registers again after it resumes', async () => {
      const path = root();
      const registry = host.registry({
        connect: zookeeper.connectString,
        rootPath: path,
        sessionTimeoutMs: 2000,
      });
      try {
        await registry.register(serverInfo('im-1'));
        const before = registry.sessionCredentials()!.id;
        expect(await host.owner(zookeeper.connectString, `${path}/servers/im-1`)).toBe(before);

        freeze();
        // The connection is held open by the kernel: only the unanswered question shows that it is dead.
        await eventually(() => !registry.isConnected(), 'noticing the freeze', 30_000);
        const logs = registry.logs;
        await eventually(
          () =>
            logs.some((line) =>
              line.includes(`session 0x${before} was disconnected for longer than its timeout`),
            ),
          'giving the session up',
          30_000,
        );
        expect(logs.some((line) => line.includes('ZooKeeper did not answer (no answer within'))).toBe(true);
        thaw();

        await eventually(
          async () =>
            registry.isConnected() &&
            (await host.owner(zookeeper.connectString, `${path}/servers/im-1`)) ===
              registry.sessionCredentials()?.id,
          'registering again in a new session',
          60_000,
        );
        expect(registry.sessionCredentials()!.id).not.toBe(before);
        expect(logs.some((line) => line.includes('registered im-1 again in session 0x'))).toBe(true);
      } finally {
        thaw();
        await registry.close();
      }
    });
  });
});
