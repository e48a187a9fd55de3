import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_PROBES, ReadinessProbe } from './readiness-probe';

export interface HealthOptions {
  /** Modules that provide what `inject` names, when they are not global. */
  imports?: ModuleMetadata['imports'];
  /** Tokens handed to `probes`, e.g. SESSION_STORE and REGISTRY. */
  inject?: unknown[];
  /** The readiness probes of the app, made from the injected providers. */
  probes: (...dependencies: never[]) => ReadinessProbe[];
}

/** /health and /ready through @nestjs/terminus, for the probes an app names. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        {
          provide: READINESS_PROBES,
          inject: (options.inject ?? []) as never[],
          useFactory: options.probes as (...args: unknown[]) => ReadinessProbe[],
        },
      ],
    };
  }
}
