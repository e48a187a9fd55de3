import { Logger } from '@nestjs/common';
import { STORE_RESET_REASON, StoreEpochWatcher } from './store-epoch.watcher';

/** A gateway whose answer the spec sets (an Error: the call fails), and connections that record how they were closed. */
function setUp() {
  const gateway = { answer: 'epoch-1' as string | Error };
  const storeEpoch = jest.fn(async () => {
    if (gateway.answer instanceof Error) throw gateway.answer;
    return { epoch: gateway.answer };
  });
  const closed: [string, unknown][] = [];
  const connections = ['a', 'b'].map(() => ({
    close: jest.fn((reason: string, last: unknown) => void closed.push([reason, last])),
  }));
  const registry = { size: connections.length, all: () => connections.values() };
  Logger.overrideLogger(false);
  const watcher = new StoreEpochWatcher({ storeEpoch } as never, registry as never);
  return { gateway, storeEpoch, closed, watcher };
}

describe('StoreEpochWatcher', () => {
  it('tells every client to log in again, naming the reset, when the epoch changes', async () => {
    const { gateway, closed, watcher } = setUp();
    await watcher.check();
    expect(watcher.epoch).toBe('epoch-1');
    await watcher.check();
    expect(closed).toEqual([]);
    gateway.answer = 'epoch-2';
    await watcher.check();
    const told = { reconnect: { reason: STORE_RESET_REASON } };
    expect(closed).toEqual([
      ['store-reset', told],
      ['store-reset', told],
    ]);
    expect(watcher.epoch).toBe('epoch-2');
  });

  it('closes nobody while no gateway answers, and keeps the epoch it knew', async () => {
    const { gateway, closed, watcher } = setUp();
    await watcher.check();
    gateway.answer = new Error('route-gateway unavailable');
    await expect(watcher.check()).resolves.toBeUndefined();
    expect(watcher.epoch).toBe('epoch-1');
    gateway.answer = 'epoch-1';
    await watcher.check();
    expect(closed).toEqual([]);
  });

  it('takes the first epoch it hears for its own: a server that starts knows of no reset', async () => {
    const { gateway, closed, watcher } = setUp();
    gateway.answer = 'epoch-7';
    await watcher.check();
    expect(watcher.epoch).toBe('epoch-7');
    expect(closed).toEqual([]);
  });

  it('asks one question at a time', async () => {
    const { storeEpoch, watcher } = setUp();
    await Promise.all([watcher.check(), watcher.check(), watcher.check()]);
    expect(storeEpoch).toHaveBeenCalledTimes(1);
  });
});
