import { RateLimiterRedis } from 'rate-limiter-flexible';
import { RedisClient } from '@cim/session-store';
import { RateLimiterFailureCounter } from './rate-limiter-failure-counter';

/**
 * The failure counter in Redis. Failures and forgetting go through the limiter; the check that every
 * login and resume makes reads the limiter's key itself: one GET on an auto-pipelined client, so that
 * the checks of one tick leave in one write, and its PTTL only when the key is over its limit (rare),
 * instead of the limiter's MULTI, GET, PTTL, EXEC in a write of its own per check. The answer is the
 * limiter's: blocked while more failures than its points are counted, for as long as the key lives.
 */
export class RedisFailureCounter extends RateLimiterFailureCounter {
  constructor(
    limiter: RateLimiterRedis,
    blockSec: number,
    private readonly reads: RedisClient,
  ) {
    super(limiter, blockSec);
  }

  override async blockedForMs(key: string): Promise<number> {
    const rlKey = this.limiter.getKey(key);
    const consumed = await this.call(() => this.reads.get(rlKey));
    if (typeof consumed !== 'string' || !(Number.parseInt(consumed, 10) > this.limiter.points)) return 0;
    const ttlMs = await this.call(() => this.reads.pttl(rlKey));
    return typeof ttlMs === 'number' && ttlMs > 0 ? ttlMs : 0;
  }
}
