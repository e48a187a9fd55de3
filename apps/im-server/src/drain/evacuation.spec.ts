import { Logger } from '@nestjs/common';
import { loadConfig } from '@cim/config';
import { ImServerEnv } from '../config/im-server.env';
import { drainRate } from './drain-rate';
import { Evacuation } from './evacuation';

/** Connections that leave as soon as they are told, recording when each was told. */
function clients(count: number) {
  const live = new Map<number, { close: jest.Mock }>();
  const toldAt: number[] = [];
  for (let i = 0; i < count; i++) {
    live.set(i, {
      close: jest.fn(() => {
        toldAt.push(Date.now());
        setImmediate(() => live.delete(i));
      }),
    });
  }
  const registry = {
    get size() {
      return live.size;
    },
    all: () => live.values(),
  };
  return { registry, toldAt };
}

function evacuation(registry: unknown, env: Record<string, string>) {
  Logger.overrideLogger(false);
  const settled = jest.fn(async () => undefined);
  const service = new Evacuation(loadConfig(ImServerEnv, env), registry as never, { settled } as never);
  return { service, settled };
}

describe('drainRate', () => {
  it('is the configured rate when that reaches every client within 80 % of the window', () => {
    expect(drainRate(4000, 500, 10_000)).toBe(500);
  });

  it('is raised so that every client is told within 80 % of the window', () => {
    expect(drainRate(20_000, 500, 10_000)).toBe(2500);
  });

  it('tells everyone at once with no window', () => {
    expect(drainRate(10, 500, 0)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('Evacuation', () => {
  it('tells each client RECONNECT, never faster than the drain rate, then waits for the reports', async () => {
    const { registry, toldAt } = clients(30);
    const { service, settled } = evacuation(registry, {
      CIM_DRAIN_RATE: '100',
      CIM_DRAIN_TIMEOUT_MS: '5000',
    });
    const started = Date.now();
    await service.run();
    expect(toldAt).toHaveLength(30);
    expect(registry.size).toBe(0);
    // The i-th client (from 0) is told no sooner than i / rate seconds after the start.
    toldAt.forEach((at, i) => expect(at - started).toBeGreaterThanOrEqual(Math.floor((i * 1000) / 100) - 1));
    expect(settled).toHaveBeenCalled();
  });

  it('tells every client with the reason, within the window', async () => {
    const { registry } = clients(3);
    const first = [...registry.all()][0];
    const { service } = evacuation(registry, { CIM_DRAIN_RATE: '1000' });
    await service.run();
    expect(first.close).toHaveBeenCalledWith('shutdown', {
      reconnect: { reason: 'server is shutting down; log in again' },
    });
  });

  it('tells every client RECONNECT at once when the window is 0', async () => {
    const { registry, toldAt } = clients(5);
    const everyone = [...registry.all()];
    const { service, settled } = evacuation(registry, { CIM_DRAIN_TIMEOUT_MS: '0' });
    await service.run();
    expect(toldAt).toHaveLength(5);
    for (const client of everyone) {
      expect(client.close).toHaveBeenCalledWith('shutdown', {
        reconnect: { reason: 'server is shutting down; log in again' },
      });
    }
    expect(settled).toHaveBeenCalled();
  });
});
