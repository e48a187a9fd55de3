import { RegistryClosedError } from '../errors';
import { Registry } from '../registry';
import { eventually, serverInfo, WatchRecorder } from './watch-recorder';

let namespaces = 0;

/**
 * The behaviour every Registry must have, as one Jest suite. `create(namespace)` is called several times
 * per test: registries made with the same namespace must see each other (as the processes of one cluster
 * do), and each test gets a namespace of its own so that tests never see each other's servers. The suite
 * closes every registry it made after each test.
 */
export function describeRegistryContract(
  name: string,
  create: (namespace: string) => Promise<Registry>,
): void {
  describe(`${name} (registry contract)`, () => {
    let namespace: string;
    let made: Registry[];

    beforeEach(() => {
      namespace = `contract-${process.pid}-${Date.now().toString(36)}-${namespaces++}`;
      made = [];
    });

    afterEach(async () => {
      await Promise.all(made.map((registry) => registry.close()));
    });

    async function registry(): Promise<Registry> {
      const created = await create(namespace);
      made.push(created);
      return created;
    }

    it('lists a server registered through another instance', async () => {
      const [a, b] = [await registry(), await registry()];
      await a.register(serverInfo('im-1'));
      expect(await b.list()).toEqual([serverInfo('im-1')]);
    });

    it('lists two servers with distinct ids, sorted by id', async () => {
      const [a, b, c] = [await registry(), await registry(), await registry()];
      await b.register(serverInfo('im-b', 9100));
      await a.register(serverInfo('im-a', 9000));
      expect(await c.list()).toEqual([serverInfo('im-a', 9000), serverInfo('im-b', 9100)]);
    });

    it('tells a new watcher the current list once, when it subscribes', async () => {
      const [a, b] = [await registry(), await registry()];
      await a.register(serverInfo('im-1'));
      const watcher = new WatchRecorder(b);
      expect(await watcher.until(['im-1'])).toEqual([serverInfo('im-1')]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(watcher.calls).toHaveLength(1);
    });

    it('tells watchers the full list after each registration and deregistration', async () => {
      const [a, b, c] = [await registry(), await registry(), await registry()];
      const watcher = new WatchRecorder(c);
      await watcher.until([]);
      await a.register(serverInfo('im-1'));
      await watcher.until(['im-1']);
      await b.register(serverInfo('im-2'));
      await watcher.until(['im-1', 'im-2']);
      await a.deregister();
      expect(await watcher.until(['im-2'])).toEqual([serverInfo('im-2')]);
    });

    it('removes a deregistered server from lists and tells watchers', async () => {
      const [a, b] = [await registry(), await registry()];
      const watcher = new WatchRecorder(b);
      await a.register(serverInfo('im-1'));
      await watcher.until(['im-1']);
      await a.deregister();
      await watcher.until([]);
      expect(await b.list()).toEqual([]);
    });

    it("makes a closed registry's server vanish for the others", async () => {
      const [a, b] = [await registry(), await registry()];
      const watcher = new WatchRecorder(b);
      await a.register(serverInfo('im-1'));
      await watcher.until(['im-1']);
      await a.close();
      await watcher.until([]);
      expect(await b.list()).toEqual([]);
    });

    it('stops calling a listener once it unsubscribes', async () => {
      const [a, b, c] = [await registry(), await registry(), await registry()];
      const stopped = new WatchRecorder(b);
      await stopped.until([]);
      stopped.stop();
      const still = new WatchRecorder(c);
      await a.register(serverInfo('im-1'));
      await still.until(['im-1']);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stopped.calls).toEqual([[]]);
    });

    it('registers the same id again after a deregister, from the same or another instance', async () => {
      const [a, b, c] = [await registry(), await registry(), await registry()];
      const watcher = new WatchRecorder(c);
      await a.register(serverInfo('im-1', 9000));
      await a.deregister();
      await a.register(serverInfo('im-1', 9100));
      expect(await c.list()).toEqual([serverInfo('im-1', 9100)]);
      await a.deregister();
      await b.register(serverInfo('im-1', 9200));
      await watcher.untilList((s) => s[0]?.clientPort === 9200, 'im-1 on 9200');
      expect(await c.list()).toEqual([serverInfo('im-1', 9200)]);
    });

    it('tells watchers new details of a server that registers again', async () => {
      const [a, b] = [await registry(), await registry()];
      const watcher = new WatchRecorder(b);
      await a.register(serverInfo('im-1', 9000));
      await watcher.until(['im-1']);
      await a.register(serverInfo('im-1', 9100));
      await watcher.untilList((s) => s.length === 1 && s[0].clientPort === 9100, 'im-1 on 9100');
    });

    it('reports itself connected until closed, and refuses to register once closed', async () => {
      const a = await registry();
      await eventually(() => a.isConnected(), 'connecting');
      await a.close();
      expect(a.isConnected()).toBe(false);
      await expect(a.register(serverInfo('im-1'))).rejects.toThrow(RegistryClosedError);
    });
  });
}
