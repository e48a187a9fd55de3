import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles the delay with each attempt, from the initial delay', () => {
    const backoff = new Backoff({ initialDelayMs: 100, maxDelayMs: 10_000, jitter: 0, spreadMs: 0 });
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
    expect(low.delay(2)).toBe(500);
    expect(high.delay(2)).toBe(1000);
    const real = new Backoff({ initialDelayMs: 1000, maxDelayMs: 1000, jitter: 0.5 });
    for (let i = 0; i < 100; i++) expect(real.delay(3)).toBeGreaterThanOrEqual(500);
  });

  it('spreads the first attempt over up to spreadMs more, so that a crowd does not come back at once', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000, jitter: 0, spreadMs: 2000 };
    expect(new Backoff(options, () => 0).delay(1)).toBe(100);
    expect(new Backoff(options, () => 0.5).delay(1)).toBe(1100);
    expect(new Backoff(options, () => 0.5).delay(2)).toBe(200);
    const firsts = Array.from({ length: 50 }, () => new Backoff(options).delay(1));
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(500);
  });

  it('waits what an answer asked for, plus a random part of up to as much again', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 500, maxBusyDelayMs: 1000, jitter: 0, spreadMs: 0 };
    expect(new Backoff(options, () => 0).after(3000, 1)).toBe(3000);
    expect(new Backoff(options, () => 0.5).after(3000, 1)).toBe(4500);
    expect(new Backoff(options, () => 0.5).after(10, 5)).toBe(1000);
  });

  it('after a busy answer, keeps doubling past maxDelayMs up to maxBusyDelayMs', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 400, maxBusyDelayMs: 1500, jitter: 0, spreadMs: 0 };
    const backoff = new Backoff(options, () => 0);
    expect([3, 4, 5, 6].map((n) => backoff.delay(n))).toEqual([400, 400, 400, 400]);
    expect([3, 4, 5, 6].map((n) => backoff.delay(n, true))).toEqual([400, 800, 1500, 1500]);
    expect(backoff.after(100, 5)).toBe(1500);
  });

  it('defaults to 200 ms doubling up to 5 s (30 s after busy answers) with a jitter of 0.5, the first attempt spread over 1 s', () => {
    expect(new Backoff().options).toEqual({
      initialDelayMs: 200,
      maxDelayMs: 5000,
      jitter: 0.5,
      spreadMs: 1000,
      maxBusyDelayMs: 30_000,
    });
    expect(new Backoff({ maxDelayMs: undefined }).options.maxDelayMs).toBe(5000);
    expect(new Backoff({ initialDelayMs: 60_000, maxDelayMs: 60_000 }).options.maxBusyDelayMs).toBe(60_000);
  });

  it('refuses options that make no sense', () => {
    expect(() => new Backoff({ initialDelayMs: 500, maxDelayMs: 100 })).toThrow(RangeError);
    expect(() => new Backoff({ jitter: 2 })).toThrow(RangeError);
    expect(() => new Backoff({ spreadMs: -1 })).toThrow(RangeError);
    expect(() => new Backoff({ maxDelayMs: 5000, maxBusyDelayMs: 1000 })).toThrow(RangeError);
  });
});
