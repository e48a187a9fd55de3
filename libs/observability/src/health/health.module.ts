import { DynamicModule, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { InternalHttpServer } from './internal-http.server';
import { DEPENDENCY_CHECKS, READINESS_PROBES, ReadinessProbe } from './readiness-probe';

export interface HealthOptions {
  /** Modules that provide what `inject` names, when they are not global. */
  imports?: ModuleMetadata['imports'];
  /** Tokens handed to `probes` and `dependencies`, e.g. SESSION_STORE and REGISTRY. */
  inject?: unknown[];
  /** The readiness probes: the process's own state (started, registered), made from the injected providers. */
  probes: (...dependencies: never[]) => ReadinessProbe[];
  /** The shared services the app uses (Redis, ZooKeeper): shown in /health's body, never failing a probe. */
  dependencies?: (...dependencies: never[]) => ReadinessProbe[];
  /**
   * 'app': the app's own HTTP server serves /health and /ready (the im-server, whose HTTP port is
   * internal). 'internal-port': an InternalHttpServer serves them with /metrics on a port of their own,
   * off the public API's port; the app's bootstrap starts it.
   */
  serve: 'app' | 'internal-port';
}

/** /health and /ready through @nestjs/terminus, for the probes an app names. */
@Module({})
export class HealthModule {
  static forRoot(options: HealthOptions): DynamicModule {
    const inject = (options.inject ?? []) as never[];
    const checks: Provider[] = [
      {
        provide: READINESS_PROBES,
        inject,
        useFactory: options.probes as (...args: unknown[]) => ReadinessProbe[],
      },
      {
        provide: DEPENDENCY_CHECKS,
        inject,
        useFactory: (options.dependencies ?? (() => [])) as (...args: unknown[]) => ReadinessProbe[],
      },
    ];
    if (options.serve === 'internal-port') {
      return {
        module: HealthModule,
        imports: options.imports ?? [],
        providers: [...checks, InternalHttpServer],
        exports: [InternalHttpServer],
      };
    }
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: checks,
    };
  }
}
