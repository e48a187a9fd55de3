import { BackoffOptions } from '../types';

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 200, maxDelayMs: 5000, jitter: 0.5 };

/**
 * Exponential backoff with jitter: attempt n (1-based) waits initialDelayMs × 2^(n−1), capped at
 * maxDelayMs, then shortened by a random part of up to `jitter` of it, so that clients that lost the
 * same server do not all come back at the same instant.
 */
export class Backoff {
  readonly options: BackoffOptions;

  constructor(
    options: Partial<BackoffOptions> = {},
    private readonly random: () => number = Math.random,
  ) {
    this.options = { ...DEFAULT_BACKOFF, ...definedOnly(options) };
    const { initialDelayMs, maxDelayMs, jitter } = this.options;
    if (!(initialDelayMs >= 0) || !(maxDelayMs >= initialDelayMs))
      throw new RangeError('backoff needs 0 <= initialDelayMs <= maxDelayMs');
    if (!(jitter >= 0 && jitter <= 1)) throw new RangeError('backoff jitter must be between 0 and 1');
  }

  /** The delay before attempt n (1-based), in ms. */
  delay(attempt: number): number {
    const { initialDelayMs, maxDelayMs, jitter } = this.options;
    const exponent = Math.max(0, attempt - 1);
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(exponent, 30));
    return Math.round(base * (1 - jitter * this.random()));
  }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
