import { Controller, Get, Inject, Logger, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { READINESS_PROBES, ReadinessProbe } from './readiness-probe';

const PROBE_TIMEOUT_MS = 2000;

/**
 * GET /health (liveness: the process answers) and GET /ready (readiness: every probe passes), in
 * Terminus' format; /ready answers 503 naming the probes that failed. The answer is written here
 * rather than thrown, so that an app's exception filter does not reshape it.
 */
@ApiExcludeController()
@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');
  private failing = new Set<string>();

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_PROBES) private readonly probes: ReadinessProbe[],
  ) {}

  @Get('health')
  live(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.run([], reply);
  }

  @Get('ready')
  ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    return this.run(
      this.probes.map((probe) => () => this.indicate(probe)),
      reply,
    );
  }

  private async run(checks: HealthIndicatorFunction[], reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      const result = await this.health.check(checks);
      this.report(result);
      return result;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      this.report(result);
      reply.status(503);
      return result;
    }
  }

  private async indicate({ name, check }: ReadinessProbe) {
    const indicator = this.indicators.check(name);
    try {
      await withTimeout(Promise.resolve().then(check), PROBE_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Logs when a probe starts or stops failing, not on every request. */
  private report(result: HealthCheckResult): void {
    const failing = new Set(Object.keys(result.error ?? {}));
    for (const name of failing)
      if (!this.failing.has(name))
        this.logger.warn(`not ready: ${name} is down (${JSON.stringify(result.error![name])})`);
    for (const name of this.failing) if (!failing.has(name)) this.logger.log(`${name} is up again`);
    this.failing = failing;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
