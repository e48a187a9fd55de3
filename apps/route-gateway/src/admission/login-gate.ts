import { Injectable } from '@nestjs/common';
import { GatewayEnv } from '../config/gateway.env';
import { GatewayMetrics } from '../metrics/gateway-metrics';
import { GatewayBusyError } from './admission.errors';

/**
 * The count of logins and resumes this gateway works on (one per process, shared by POST /api/login
 * and POST /api/resume), bounded by CIM_MAX_LOGINS_UNDER_WAY.
 */
@Injectable()
export class LoginGate {
  private underWay = 0;

  constructor(
    private readonly env: GatewayEnv,
    private readonly metrics: GatewayMetrics,
  ) {}

  /** Logins and resumes being worked on now. */
  get inFlight(): number {
    return this.underWay;
  }

  /** Takes a place, or throws GatewayBusyError (503, Retry-After) when none is free; leave() gives it back. */
  enter(): void {
    if (this.underWay >= this.env.CIM_MAX_LOGINS_UNDER_WAY) {
      this.metrics.shed();
      throw new GatewayBusyError(this.underWay, this.env.CIM_BUSY_RETRY_AFTER_SEC);
    }
    this.underWay++;
  }

  leave(): void {
    this.underWay = Math.max(0, this.underWay - 1);
  }
}
