import { BackoffOptions } from '../types';

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialDelayMs: 200,
  maxDelayMs: 5000,
  jitter: 0.5,
  spreadMs: 1000,
  maxBusyDelayMs: 30_000,
};

/**
 * Exponential backoff with jitter: attempt n (1-based) waits initialDelayMs × 2^(n−1), capped at
 * maxDelayMs, then shortened by a random part of up to `jitter` of it; the first attempt waits a random
 * part of spreadMs more. So the clients that lost the same server do not all come back at the same
 * instant. After an answer that says the system is busy the doubling goes on up to maxBusyDelayMs, and
 * what the answer asked for (Retry-After) is waited at least, plus a random part of as much again.
 */
export class Backoff {
  readonly options: BackoffOptions;

  constructor(
    options: Partial<BackoffOptions> = {},
    private readonly random: () => number = Math.random,
  ) {
    const given = definedOnly(options);
    this.options = {
      ...DEFAULT_BACKOFF,
      ...given,
      maxBusyDelayMs: given.maxBusyDelayMs ?? Math.max(DEFAULT_BACKOFF.maxBusyDelayMs, given.maxDelayMs ?? 0),
    };
    const { initialDelayMs, maxDelayMs, jitter, spreadMs, maxBusyDelayMs } = this.options;
    if (!(maxBusyDelayMs >= maxDelayMs)) throw new RangeError('backoff needs maxBusyDelayMs >= maxDelayMs');
    if (!(spreadMs >= 0)) throw new RangeError('backoff spreadMs must be 0 or more');
    if (!(initialDelayMs >= 0) || !(maxDelayMs >= initialDelayMs))
      throw new RangeError('backoff needs 0 <= initialDelayMs <= maxDelayMs');
    if (!(jitter >= 0 && jitter <= 1)) throw new RangeError('backoff jitter must be between 0 and 1');
  }

  /** The delay before attempt n (1-based), in ms; `busy`: the last attempt was answered busy. */
  delay(attempt: number, busy = false): number {
    const { initialDelayMs, jitter, spreadMs } = this.options;
    const max = busy ? this.options.maxBusyDelayMs : this.options.maxDelayMs;
    const exponent = Math.max(0, attempt - 1);
    const base = Math.min(max, initialDelayMs * 2 ** Math.min(exponent, 30));
    const spread = attempt <= 1 ? spreadMs * this.random() : 0;
    return Math.round(base * (1 - jitter * this.random()) + spread);
  }

  /**
   * The delay before attempt n when the last answer was busy and asked to wait retryAfterMs: the busy
   * delay, and at least that wait plus up to as much again.
   */
  after(retryAfterMs: number, attempt: number): number {
    return Math.max(this.delay(attempt, true), Math.round(retryAfterMs * (1 + this.random())));
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
