jest.mock('zookeeper', () => {
  throw new Error('the native zookeeper addon was loaded');
});

import { MemoryRegistry, ZooKeeperRegistry } from '.';

describe('@cim/registry', () => {
  it('loads the native ZooKeeper addon only when a ZooKeeperRegistry is built', async () => {
    const memory = new MemoryRegistry();
    expect(memory.isConnected()).toBe(true);
    await memory.close();
    expect(() => new ZooKeeperRegistry({ connect: '127.0.0.1:2181' })).toThrow(
      'native zookeeper addon was loaded',
    );
  });
});
