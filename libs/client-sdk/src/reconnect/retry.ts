import { setTimeout as sleep } from 'node:timers/promises';
import { ReconnectFailedError } from '../errors';
import { Backoff } from './backoff';

export interface RetryOptions {
  /** Attempts in all; after the last one fails, ReconnectFailedError. */
  attempts: number;
  backoff: Backoff;
  /** Errors that no attempt can cure (a wrong password): thrown at once. */
  isFatal(error: Error): boolean;
  /** Called before each attempt, after its delay was chosen. */
  onAttempt(attempt: number, delayMs: number): void;
  /** Aborting stops the waiting and the attempts: retry() then rejects with the abort reason. */
  signal: AbortSignal;
}

/** Runs `attempt` until it succeeds, waiting a backoff delay before each try. */
export async function retry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  let lastError: Error = new Error('no attempt was made');
  for (let n = 1; n <= options.attempts; n++) {
    const delayMs = options.backoff.delay(n);
    options.onAttempt(n, delayMs);
    await sleep(delayMs, undefined, { signal: options.signal });
    try {
      return await attempt(n);
    } catch (error) {
      options.signal.throwIfAborted();
      lastError = error instanceof Error ? error : new Error(String(error));
      if (options.isFatal(lastError)) throw lastError;
    }
  }
  throw new ReconnectFailedError(options.attempts, lastError);
}
