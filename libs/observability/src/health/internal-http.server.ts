import { AddressInfo } from 'node:net';
import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsController } from '../metrics/metrics.controller';
import { MetricsRegistry } from '../metrics/metrics-registry';
import { HealthController } from './health.controller';
import { DEPENDENCY_CHECKS, READINESS_PROBES, ReadinessProbe } from './readiness-probe';

/** The internal port's own small app: /health, /ready and /metrics over the main app's checks and registry. */
@Module({})
class InternalHttpModule {
  static forRoot(
    registry: MetricsRegistry,
    probes: ReadinessProbe[],
    dependencies: ReadinessProbe[],
  ): DynamicModule {
    return {
      module: InternalHttpModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: MetricsRegistry, useValue: registry },
        { provide: READINESS_PROBES, useValue: probes },
        { provide: DEPENDENCY_CHECKS, useValue: dependencies },
      ],
    };
  }
}

/**
 * Serves /health, /ready and /metrics on a port apart from the public API's, for the kubelet and
 * Prometheus on the cluster network. The app's bootstrap calls listen() last, once everything else
 * listens: the port answering is the app being started. It closes with the app.
 */
@Injectable()
export class InternalHttpServer implements OnApplicationShutdown {
  private app?: NestFastifyApplication;

  constructor(
    private readonly registry: MetricsRegistry,
    @Inject(READINESS_PROBES) private readonly probes: ReadinessProbe[],
    @Inject(DEPENDENCY_CHECKS) private readonly dependencies: ReadinessProbe[],
  ) {}

  /** Starts listening; resolves with the port (the real one when 0 was asked for). */
  async listen(host: string, port: number): Promise<number> {
    // No logger option: the main app's logger (process-wide in Nest) stays in place.
    this.app = await NestFactory.create<NestFastifyApplication>(
      InternalHttpModule.forRoot(this.registry, this.probes, this.dependencies),
      new FastifyAdapter(),
      { abortOnError: false },
    );
    await this.app.listen(port, host);
    return (this.app.getHttpServer().address() as AddressInfo).port;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.app?.close();
  }
}
