import { Injectable } from '@nestjs/common';
import { RateLimiter } from '@cim/auth';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayError } from '../errors/gateway-error';

/**
 * The per-user send rate limit of the HTTP chat endpoints (SEND frames are limited by the im-server
 * holding the connection). Each gateway replica keeps its own buckets.
 */
@Injectable()
export class SendRateLimit {
  private readonly limiter: RateLimiter;

  constructor(env: GatewayEnv) {
    this.limiter = new RateLimiter({ ratePerSecond: env.CIM_SEND_RATE_PER_SEC, burst: env.CIM_SEND_BURST });
  }

  check(userId: string): void {
    if (!this.limiter.take(userId)) {
      throw new GatewayError('RateLimited', `sending too fast: ${this.limiter.describe()}`);
    }
  }
}
