import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles the delay with each attempt, from the initial delay', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 10_000, jitter: 0 });
    expect([1, 2, 3, 4, 5].map((n) => backoff.delay(n))).toEqual([100, 200, 400, 800, 1600]);
  });

  it('never waits longer than the maximum delay', () => {
    const backoff = new Backoff({ initialDelayMs: 200, maxDelayMs: 5000, jitter: 0 });
    expect(backoff.delay(6)).toBe(5000);
    expect(backoff.delay(1000)).toBe(5000);
  });

  it('shortens each delay by a random part of up to the jitter', () => {
    const low = new Backoff({ initialDelayMs: 1000, maxDelayMs: 1000, jitter: 0.5 }, () => 0.999999);
    const high = new Backoff({ initialDelayMs: 1000, maxDelayMs: 1000, jitter: 0.5 }, () => 0);
    expect(low.delay(1)).toBe(500);
    expect(high.delay(1)).toBe(1000);
    const real = new Backoff({ initialDelayMs: 1000, maxDelayMs: 1000, jitter: 0.5 });
    for (let i = 0; i < 100; i++) expect(real.delay(3)).toBeGreaterThanOrEqual(500);
  });

  it('defaults to 200 ms doubling up to 5 s with a jitter of 0.5', () => {
    expect(new Backoff().options).toEqual({ initialDelayMs: 200, maxDelayMs: 5000, jitter: 0.5 });
    expect(new Backoff({ maxDelayMs: undefined }).options.maxDelayMs).toBe(5000);
  });

  it('refuses options that make no sense', () => {
    expect(() => new Backoff({ initialDelayMs: 500, maxDelayMs: 100 })).toThrow(RangeError);
    expect(() => new Backoff({ jitter: 2 })).toThrow(RangeError);
  });
});
