import { Clock, systemClock } from './clock';

export interface RateLimit {
  /** Tokens added per second. */
  ratePerSecond: number;
  /** Most tokens held: how many may be taken at once after a quiet spell. */
  burst: number;
}

/** A token bucket: refills continuously at the rate, up to the burst. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock = systemClock,
  ) {
    this.tokens = limit.burst;
    this.last = clock();
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(
      this.limit.burst,
      this.tokens + ((now - this.last) / 1000) * this.limit.ratePerSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** True when the bucket has refilled completely, so forgetting it changes nothing. */
  get full(): boolean {
    return this.tokens + ((this.clock() - this.last) / 1000) * this.limit.ratePerSecond >= this.limit.burst;
  }
}

/** One token bucket per key (e.g. per user), forgetting the buckets that have refilled. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private calls = 0;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: Clock = systemClock,
  ) {}

  take(key: string): boolean {
    if (++this.calls % 10_000 === 0) this.prune();
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(this.limit, this.clock)));
    return bucket.take();
  }

  describe(): string {
    return `at most ${this.limit.ratePerSecond} messages per second, ${this.limit.burst} at once`;
  }

  private prune(): void {
    for (const [key, bucket] of this.buckets) if (bucket.full) this.buckets.delete(key);
  }
}
