import { ReconnectFailedError } from '../errors';
import { Backoff } from './backoff';

export interface RetryOptions {
  /** Failed attempts that count (see isAnswer); after the last one, ReconnectFailedError. */
  attempts: number;
  backoff: Backoff;
  /** Errors that no attempt can cure (a wrong password): thrown at once. */
  isFatal(error: Error): boolean;
  /**
   * Errors that are the system's answer asking to try later (no server free yet, too busy): they do
   * not use up `attempts`, so a client keeps coming back, with backoff, while the system answers.
   */
  isAnswer?(error: Error): boolean;
  /**
   * Answers that say the system is busy (too many logins, a LOGIN it could not confirm): the delay
   * after one grows past the backoff's maxDelayMs, up to its maxBusyDelayMs.
   */
  isBusy?(error: Error): boolean;
  /** How long the last failure asked to wait (a Retry-After, ms), if it said: waited, with jitter. */
  askedToWait?(error: Error): number | undefined;
  /** Called before each attempt, after its delay was chosen. */
  onAttempt(attempt: number, delayMs: number): void;
  /** Aborting stops the waiting and the attempts: retry() then rejects with the abort reason. */
  signal: AbortSignal;
}

/** Runs `attempt` until it succeeds, waiting a backoff delay (by attempt number) before each try. */
export async function retry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  let lastError: Error = new Error('no attempt was made');
  let asked: number | undefined;
  let busy = false;
  let counted = 0;
  for (let n = 1; counted < options.attempts; n++) {
    const delayMs = asked === undefined ? options.backoff.delay(n, busy) : options.backoff.after(asked, n);
    options.onAttempt(n, delayMs);
    await sleep(delayMs, undefined, { signal: options.signal });
    try {
      return await attempt(n);
    } catch (error) {
      options.signal.throwIfAborted();
      lastError = error instanceof Error ? error : new Error(String(error));
      if (options.isFatal(lastError)) throw lastError;
      if (!options.isAnswer?.(lastError)) counted++;
      asked = options.askedToWait?.(lastError);
      busy = options.isBusy?.(lastError) ?? false;
    }
  }
  throw new ReconnectFailedError(options.attempts, lastError);
}

/**
 * Runs `attempt` at once, and again as long as it fails with an answer that asks to wait (a Retry-After,
 * ms, by askedToWait): after that wait and a random part of as much again. Any other failure is thrown.
 */
export async function retryWhileAsked<T>(
  attempt: () => Promise<T>,
  askedToWait: (error: unknown) => number | undefined,
  backoff: Backoff,
  signal: AbortSignal,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      signal.throwIfAborted();
      const waitMs = askedToWait(error);
      if (waitMs === undefined) throw error;
      await sleep(backoff.after(waitMs, n), undefined, { signal });
    }
  }
}

/** Waits, or rejects with the signal's reason once it aborts (no Node module: runs in browsers). */
function sleep(ms: number, _value: undefined, { signal }: { signal: AbortSignal }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
