import { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { StoreUnavailableError } from '@cim/session-store';
import { FailureCounter } from './failure-counter';

/**
 * A FailureCounter on a rate-limiter-flexible limiter (memory or Redis) whose points are the failures
 * allowed in its window: the failure that uses the last point blocks the key for `blockSec`.
 */
export class RateLimiterFailureCounter implements FailureCounter {
  constructor(
    protected readonly limiter: RateLimiterAbstract,
    private readonly blockSec: number,
  ) {}

  async blockedForMs(key: string): Promise<number> {
    const res = await this.call(() => this.limiter.get(key));
    return res !== null && res.consumedPoints > this.limiter.points ? res.msBeforeNext : 0;
  }

  async fail(key: string): Promise<number> {
    const res = await this.call(() => this.limiter.consume(key));
    if (res.consumedPoints < this.limiter.points) return 0;
    await this.call(() => this.limiter.block(key, this.blockSec));
    return this.blockSec * 1000;
  }

  async forget(key: string): Promise<void> {
    await this.call(() => this.limiter.delete(key));
  }

  /** A limiter's refusal is an answer (points used up); anything else is its store failing. */
  protected async call<T>(operation: () => Promise<T>): Promise<T | RateLimiterRes> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof RateLimiterRes) return error;
      throw new StoreUnavailableError(error);
    }
  }
}
