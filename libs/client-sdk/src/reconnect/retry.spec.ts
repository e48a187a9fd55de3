import { ReconnectFailedError } from '../errors';
import { Backoff } from './backoff';
import { retry, retryWhileAsked, RetryOptions } from './retry';

const quick = new Backoff({ initialDelayMs: 1, maxDelayMs: 4, jitter: 0, spreadMs: 0 });

function options(overrides: Partial<Omit<RetryOptions, 'onAttempt'>> = {}) {
  return {
    attempts: 3,
    backoff: quick,
    isFatal: () => false,
    signal: new AbortController().signal,
    ...overrides,
    onAttempt: jest.fn(),
  };
}

describe('retry', () => {
  it('resolves with the first attempt that succeeds, announcing each attempt and its delay', async () => {
    let calls = 0;
    const opts = options();
    const result = await retry(async (n) => {
      calls++;
      if (n < 3) throw new Error(`attempt ${n} failed`);
      return 'ok';
    }, opts);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(opts.onAttempt.mock.calls).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
  });

  it('gives up after the last attempt, saying why the last one failed', async () => {
    const failing = retry(async (n) => Promise.reject(new Error(`refused ${n}`)), options());
    await expect(failing).rejects.toThrow(ReconnectFailedError);
    await expect(failing).rejects.toMatchObject({ attempts: 3, lastError: { message: 'refused 3' } });
  });

  it('does not count the answers that ask to try later against the attempts', async () => {
    const opts = options({ isAnswer: (error) => error.message === 'busy' });
    const outcomes = ['busy', 'busy', 'down', 'busy', 'busy', 'down', 'busy'];
    const failing = retry(async (n) => Promise.reject(new Error(outcomes[n - 1] ?? 'down')), opts);
    await expect(failing).rejects.toMatchObject({ attempts: 3, lastError: { message: 'down' } });
    expect(opts.onAttempt).toHaveBeenCalledTimes(8);
  });

  it('waits at least what a failure asked for before the next attempt', async () => {
    const backoff = new Backoff({ initialDelayMs: 1, maxDelayMs: 4, jitter: 0, spreadMs: 0 }, () => 0);
    const opts = options({ backoff, askedToWait: (error) => (error.message === 'busy' ? 30 : undefined) });
    const outcomes = ['busy', 'down'];
    await expect(
      retry(async (n) => Promise.reject(new Error(outcomes[n - 1] ?? 'down')), opts),
    ).rejects.toThrow(ReconnectFailedError);
    expect(opts.onAttempt.mock.calls).toEqual([
      [1, 1],
      [2, 30],
      [3, 4],
    ]);
  });

  it('lets the delays after busy answers grow past maxDelayMs, up to maxBusyDelayMs', async () => {
    const backoff = new Backoff({
      initialDelayMs: 1,
      maxDelayMs: 2,
      maxBusyDelayMs: 8,
      jitter: 0,
      spreadMs: 0,
    });
    const opts = options({
      attempts: 2,
      isAnswer: (e) => e.message === 'busy',
      isBusy: (e) => e.message === 'busy',
    });
    const outcomes = ['busy', 'busy', 'busy', 'busy', 'busy', 'down'];
    await expect(
      retry(async (n) => Promise.reject(new Error(outcomes[n - 1] ?? 'down')), { ...opts, backoff }),
    ).rejects.toThrow(ReconnectFailedError);
    expect(opts.onAttempt.mock.calls.map(([, delayMs]) => delayMs)).toEqual([1, 2, 4, 8, 8, 8, 2]);
  });

  it('retryWhileAsked tries at once, again after each asked wait, and throws any other failure', async () => {
    const backoff = new Backoff({ initialDelayMs: 1, maxDelayMs: 4, jitter: 0, spreadMs: 0 }, () => 0);
    const asked = (error: unknown) => ((error as Error).message === 'busy' ? 5 : undefined);
    const signal = new AbortController().signal;
    let calls = 0;
    const ok = await retryWhileAsked(
      async () => (++calls < 3 ? Promise.reject(new Error('busy')) : 'in'),
      asked,
      backoff,
      signal,
    );
    expect([ok, calls]).toEqual(['in', 3]);
    const refused = retryWhileAsked(
      async () => Promise.reject(new Error('wrong password')),
      asked,
      backoff,
      signal,
    );
    await expect(refused).rejects.toThrow('wrong password');
  });

  it('stops at once on a fatal error', async () => {
    const attempt = jest.fn(async () => Promise.reject(new Error('wrong password')));
    await expect(retry(attempt, options({ isFatal: () => true }))).rejects.toThrow('wrong password');
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const slow = new Backoff({ initialDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 });
    const attempt = jest.fn(async () => 'never');
    const running = retry(attempt, options({ backoff: slow, signal: controller.signal }));
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(attempt).not.toHaveBeenCalled();
  });
});
