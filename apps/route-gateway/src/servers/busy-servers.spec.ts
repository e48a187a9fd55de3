import { BUSY_HALF_LIFE_MS, BusyServers } from './busy-servers';

function busyServers() {
  const time = { now: 1_000_000 };
  return { time, busy: new BusyServers(() => time.now) };
}

describe('BusyServers', () => {
  it('counts a server reported once as busy for one half-life', () => {
    const { time, busy } = busyServers();
    expect(busy.isBusy('im-1')).toBe(false);
    busy.reported('im-1');
    time.now += BUSY_HALF_LIFE_MS - 1;
    expect([busy.isBusy('im-1'), busy.isBusy('im-2')]).toEqual([true, false]);
    time.now += 1;
    expect(busy.isBusy('im-1')).toBe(false);
  });

  it('keeps a server reported again and again busy longer, but at most four half-lives after the last report', () => {
    const { time, busy } = busyServers();
    busy.reported('im-1');
    busy.reported('im-1');
    time.now += 1.5 * BUSY_HALF_LIFE_MS;
    expect(busy.isBusy('im-1')).toBe(true);
    for (let i = 0; i < 50; i++) busy.reported('im-1');
    time.now += 4 * BUSY_HALF_LIFE_MS - 1;
    expect(busy.isBusy('im-1')).toBe(true);
    time.now += 1;
    expect(busy.isBusy('im-1')).toBe(false);
  });

  it('adds a new report to what is left of the earlier ones', () => {
    const { time, busy } = busyServers();
    busy.reported('im-1');
    time.now += BUSY_HALF_LIFE_MS;
    busy.reported('im-1');
    // 0.5 + 1 = 1.5, at or above the bound for log2(3) half-lives.
    time.now += 1.5 * BUSY_HALF_LIFE_MS;
    expect(busy.isBusy('im-1')).toBe(true);
    time.now += 0.1 * BUSY_HALF_LIFE_MS;
    expect(busy.isBusy('im-1')).toBe(false);
  });

  it('forgets the servers that left the list', () => {
    const { busy } = busyServers();
    busy.reported('im-1');
    busy.reported('im-2');
    busy.keepOnly(new Set(['im-2', 'im-3']));
    expect(['im-1', 'im-2', 'im-3'].map((id) => busy.isBusy(id))).toEqual([false, true, false]);
  });
});
