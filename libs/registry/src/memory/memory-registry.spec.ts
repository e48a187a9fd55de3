import { describeRegistryContract } from '../testing/registry.contract';
import { serverInfo, WatchRecorder } from '../testing/watch-recorder';
import { ServerIdTakenError } from '../errors';
import { MemoryRegistry, MemoryRegistrySpace } from './memory-registry';

const spaces = new Map<string, MemoryRegistrySpace>();
function spaceOf(namespace: string): MemoryRegistrySpace {
  if (!spaces.has(namespace)) spaces.set(namespace, new MemoryRegistrySpace());
  return spaces.get(namespace)!;
}

describeRegistryContract('MemoryRegistry', async (namespace) => new MemoryRegistry(spaceOf(namespace)));

describe('MemoryRegistry', () => {
  it('refuses an id that another live registry holds', async () => {
    const space = new MemoryRegistrySpace();
    const [a, b] = [new MemoryRegistry(space), new MemoryRegistry(space)];
    await a.register(serverInfo('im-1'));
    await expect(b.register(serverInfo('im-1'))).rejects.toThrow(ServerIdTakenError);
    await a.close();
    await b.register(serverInfo('im-1'));
    expect(await a.list().catch((e: Error) => e.name)).toBe('RegistryClosedError');
  });

  it('tells listeners asynchronously, once per change, with the list right after it', async () => {
    const space = new MemoryRegistrySpace();
    const [a, b] = [new MemoryRegistry(space), new MemoryRegistry(space)];
    const watcher = new WatchRecorder(b);
    expect(watcher.calls).toEqual([]);
    await a.register(serverInfo('im-1'));
    await a.register(serverInfo('im-2'));
    await a.deregister();
    await new Promise((resolve) => setImmediate(resolve));
    expect(watcher.calls.map((servers) => servers.map((s) => s.id))).toEqual([[], ['im-1'], ['im-2'], []]);
  });

  it('keeps the groups apart: gateways are not listed as im-servers', async () => {
    const gateways = new MemoryRegistry(MemoryRegistry.space('gateways'));
    const servers = new MemoryRegistry(MemoryRegistry.space('servers'));
    await gateways.register(serverInfo('gw-only'));
    expect((await servers.list()).map((s) => s.id)).not.toContain('gw-only');
    expect((await new MemoryRegistry(MemoryRegistry.space('gateways')).list()).map((s) => s.id)).toContain(
      'gw-only',
    );
    await gateways.close();
  });

  it('shares the default space between registries built without one', async () => {
    const [a, b] = [new MemoryRegistry(), new MemoryRegistry()];
    await a.register(serverInfo('im-default'));
    expect((await b.list()).map((s) => s.id)).toContain('im-default');
    await a.close();
    expect((await b.list()).map((s) => s.id)).not.toContain('im-default');
  });
});
