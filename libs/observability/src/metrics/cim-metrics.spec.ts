import { cimMetrics } from './cim-metrics';
import { errorCause } from './error-cause';
import { MetricsRegistry } from './metrics-registry';

describe('cim metrics', () => {
  it('carry the app label on a registry of their own', async () => {
    const a = new MetricsRegistry('im-server');
    const b = new MetricsRegistry('route-gateway');
    cimMetrics.logins(a, 'help').inc();
    cimMetrics.logins(b, 'help').inc(2);
    expect(await a.getSingleMetricAsString('cim_logins_total')).toContain(
      'cim_logins_total{app="im-server"} 1',
    );
    expect(await b.getSingleMetricAsString('cim_logins_total')).toContain(
      'cim_logins_total{app="route-gateway"} 2',
    );
  });

  it('read up-gauges at scrape time: 1 when the check passes, 0 when it fails, throws or hangs', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    const registry = new MetricsRegistry('test');
    let state: 'up' | 'down' | 'throws' | 'hangs' = 'up';
    cimMetrics.up(registry, 'cim_thing_up', 'help', () => {
      if (state === 'throws') throw new Error('no');
      if (state === 'hangs') return new Promise<void>(() => undefined);
      return state === 'up';
    });
    const read = async () => {
      const text = registry.getSingleMetricAsString('cim_thing_up');
      await jest.advanceTimersByTimeAsync(2500);
      return (await text).split('\n').find((l) => l.startsWith('cim_thing_up{'));
    };
    for (const [s, value] of [
      ['up', 1],
      ['down', 0],
      ['throws', 0],
      ['hangs', 0],
    ] as const) {
      state = s;
      expect(await read()).toBe(`cim_thing_up{app="test"} ${value}`);
    }
    jest.useRealTimers();
  });

  it('count the registered im-servers at scrape time, and leave the gauge out while the registry fails', async () => {
    const registry = new MetricsRegistry('admin');
    let list: () => Promise<unknown[]> = async () => [{}, {}];
    cimMetrics.registeredServers(registry, { list: () => list() });
    const sample = async () =>
      (await registry.getSingleMetricAsString('cim_registered_servers'))
        .split('\n')
        .find((l) => l.startsWith('cim_registered_servers{'));
    expect(await sample()).toBe('cim_registered_servers{app="admin"} 2');
    list = () => Promise.reject(new Error('connection loss'));
    expect(await sample()).toBeUndefined();
    list = async () => [];
    expect(await sample()).toBe('cim_registered_servers{app="admin"} 0');
  });

  it.each([
    ['InvalidToken', 'invalid_token'],
    ['MalformedFrame', 'malformed_frame'],
    ['RateLimited', 'rate_limited'],
    ['NotAMember', 'not_a_member'],
    [401, 'unauthorized'],
    [429, 'rate_limited'],
    [503, 'unavailable'],
    [499, 'client_gone'],
    [418, 'bad_request'],
    [502, 'internal'],
  ])('names the cause of %p %p', (reason, cause) => {
    expect(errorCause(reason)).toBe(cause);
  });
});
