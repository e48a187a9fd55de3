import { Controller, Get, Inject, Logger, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { DEPENDENCY_CHECKS, READINESS_PROBES, ReadinessProbe, runCheck } from './readiness-probe';

/** GET /health's answer: the process answers; how each shared service looked to it, for operators. */
export interface HealthAnswer {
  status: 'ok';
  dependencies: Record<string, { status: 'up' | 'down'; message?: string }>;
}

/**
 * GET /health (liveness: the process answers, 200 whatever its dependencies' state, which the body
 * reports) and GET /ready (readiness: every probe of the process passes), in Terminus' format; /ready
 * answers 503 naming the probes that failed. The answer is written here rather than thrown, so that an
 * app's exception filter does not reshape it.
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
    @Inject(DEPENDENCY_CHECKS) private readonly dependencies: ReadinessProbe[],
  ) {}

  @Get('health')
  async live(): Promise<HealthAnswer> {
    const results = await Promise.all(
      this.dependencies.map(async (d) => [d.name, await runCheck(d)] as const),
    );
    this.report(new Set(results.filter(([, message]) => message !== undefined).map(([name]) => name)));
    return {
      status: 'ok',
      dependencies: Object.fromEntries(
        results.map(([name, message]) => [
          name,
          message === undefined ? { status: 'up' as const } : { status: 'down' as const, message },
        ]),
      ),
    };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    const checks = this.probes.map((probe) => () => this.indicate(probe));
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      this.logger.warn(`not ready: ${JSON.stringify(result.error)}`);
      reply.status(503);
      return result;
    }
  }

  private async indicate(probe: ReadinessProbe) {
    const indicator = this.indicators.check(probe.name);
    const message = await runCheck(probe);
    return message === undefined ? indicator.up() : indicator.down({ message });
  }

  /** Logs when a dependency starts or stops failing, not on every request. */
  private report(failing: Set<string>): void {
    for (const name of failing) if (!this.failing.has(name)) this.logger.warn(`${name} is down`);
    for (const name of this.failing) if (!failing.has(name)) this.logger.log(`${name} is up again`);
    this.failing = failing;
  }
}
